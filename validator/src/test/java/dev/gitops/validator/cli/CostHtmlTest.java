package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code cost --format html} on the repository's tree: one self-contained page whose figures are the
 * JSON's. (scripts/test.d/70-cost-html.sh checks the same on the page as headless Chromium renders it.)
 */
class CostHtmlTest {

    private static final String ROOT = Path.of("..").toAbsolutePath().normalize().toString();
    private static final Pattern CELL = Pattern.compile(
            "data-cluster=\"(\\w+)\" data-state=\"([\\w-]+)\" data-line=\"([\\w.-]+)\">([0-9.]+)<");

    @Test
    void everyFigureOnThePageIsTheJsons() throws Exception {
        CliRun html = CliRun.of("cost", "--format", "html", "--root", ROOT);
        assertEquals(0, html.code(), html.err());
        JsonNode doc = new ObjectMapper().readTree(CliRun.of("cost", "--json", "--root", ROOT).out());
        Map<String, String> expected = new HashMap<>();
        for (JsonNode c : doc.get("clusters")) {
            String key = c.get("cluster").asText() + "/" + c.get("state").asText() + "/";
            expected.put(key + "total", c.get("monthly").decimalValue().setScale(2).toPlainString());
            for (JsonNode l : c.get("lines")) {
                expected.put(key + l.get("id").asText(), l.get("monthly").decimalValue().setScale(2).toPlainString());
            }
        }
        Map<String, String> onPage = new HashMap<>();
        Matcher m = CELL.matcher(html.out());
        while (m.find()) {
            onPage.put(m.group(1) + "/" + m.group(2) + "/" + m.group(3), m.group(4));
        }
        assertEquals(8 * 10, expected.size(), "2 clusters x 4 states x (9 lines + total)");
        assertEquals(expected, onPage);
        assertTrue(html.out().contains("data-figure=\"run-rate\">"
                + doc.get("today").get("runRate").decimalValue().setScale(2).toPlainString() + "<"), "run rate");
    }

    @Test
    void thePageIsSelfContained() {
        String page = CliRun.of("cost", "--format", "html", "--root", ROOT).out();
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
        assertTrue(page.contains("<svg") && page.contains("<rect"), "bars are inline SVG");
        for (String external : new String[] {"<script", "<link", "src=", "href=", "url(", "@import"}) {
            assertFalse(page.contains(external), "the page loads nothing: found " + external);
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = CliRun.of("cost", "--format", "pdf", "--root", ROOT);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("text, json or html"), run.err());
    }
}
