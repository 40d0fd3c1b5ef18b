package dev.gitops.processor.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.processor.document.DocumentId;
import dev.gitops.processor.document.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What a work message carries: a reference to a stored document, never its bytes. */
public record WorkMessage(TenantId tenant, DocumentId documentId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toBytes() {
        return ("{\"tenant\":\"" + tenant.value() + "\",\"documentId\":\"" + documentId.value() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static Optional<WorkMessage> parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null) return Optional.empty();
            Optional<TenantId> tenant = TenantId.parse(node.path("tenant").asText(null));
            Optional<DocumentId> id = DocumentId.parse(node.path("documentId").asText(null));
            return tenant.isPresent() && id.isPresent() ? Optional.of(new WorkMessage(tenant.get(), id.get())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
