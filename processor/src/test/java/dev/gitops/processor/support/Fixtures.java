package dev.gitops.processor.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Documents generated on the fly, each carrying a marker text the tests look for. */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] text(String marker) {
        return ("Plain text document.\n" + marker + "\nThe end.\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] pdf(String... pages) throws IOException {
        return protectedPdf(null, pages);
    }

    public static byte[] encryptedPdf(String marker) throws IOException {
        return protectedPdf("secret-password", marker);
    }

    private static byte[] protectedPdf(String password, String... pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password, new AccessPermission());
                policy.setEncryptionKeyLength(256);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    public static byte[] docx(String marker) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Word document.");
            doc.createParagraph().createRun().setText(marker);
            doc.write(out);
            return out.toByteArray();
        }
    }

    public static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.drawString("IMAGE", 5, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Looks like a PDF by its header, but is not one. */
    public static byte[] corruptPdf() {
        return "%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> garbage garbage\n%%EOF broken".getBytes(StandardCharsets.US_ASCII);
    }

    /** Does {@code haystack} contain {@code needle}? */
    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
