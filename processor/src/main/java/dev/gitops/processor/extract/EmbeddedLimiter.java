package dev.gitops.processor.extract;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses embedded documents (attachments, archive entries, OLE objects) up to a nesting depth and a total
 * count; beyond either limit they are skipped, and the skip is recorded. One instance per parse.
 */
final class EmbeddedLimiter implements EmbeddedDocumentExtractor {
    private final ParsingEmbeddedDocumentExtractor delegate;
    private final int maxDepth;
    private final int maxResources;
    private int depth;
    private int resources;
    private boolean limitReached;

    EmbeddedLimiter(ParseContext context, int maxDepth, int maxResources) {
        this.delegate = new ParsingEmbeddedDocumentExtractor(context);
        this.maxDepth = maxDepth;
        this.maxResources = maxResources;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        if (depth >= maxDepth || resources >= maxResources) {
            limitReached = true;
            return false;
        }
        return delegate.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        resources++;
        depth++;
        try {
            delegate.parseEmbedded(stream, handler, metadata, outputHtml);
        } finally {
            depth--;
        }
    }

    boolean limitReached() {
        return limitReached;
    }
}
