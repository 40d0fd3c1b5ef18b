package dev.gitops.validator.domain.messaging;

import dev.gitops.validator.domain.GoDuration;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an External Secrets Operator {@code ExternalSecret} ({@code external-secrets.io/v1}) produces and
 * when it writes it again: the Secret it targets, the remote keys it reads from its store, and whether
 * it copies a changed remote value on its own.
 */
record ExternalSecretSource(Resource source, String secretName, String store, Set<String> remoteKeys,
                            boolean periodic, FieldPath refreshAt, Object fixedUsername) {

    static ExternalSecretSource of(Resource es) {
        String target = es.get("spec.target.name") instanceof String t ? t : es.ref().name();
        String store = es.get("spec.secretStoreRef.kind") + "/" + es.get("spec.secretStoreRef.name");
        Set<String> keys = new LinkedHashSet<>();
        if (es.get("spec.data") instanceof List<?> data) {
            for (Object d : data) {
                if (d instanceof Map<?, ?> m && m.get("remoteRef") instanceof Map<?, ?> ref
                        && ref.get("key") instanceof String key) {
                    keys.add(key);
                }
            }
        }
        if (es.get("spec.dataFrom") instanceof List<?> from) {
            for (Object d : from) {
                if (d instanceof Map<?, ?> m && m.get("extract") instanceof Map<?, ?> ex
                        && ex.get("key") instanceof String key) {
                    keys.add(key);
                }
            }
        }
        Object policy = es.get("spec.refreshPolicy");
        Object interval = es.get("spec.refreshInterval");
        // Periodic is the default policy and 1h the default interval; "0s" means fetch once (ESO API docs).
        boolean zero = interval instanceof String s && GoDuration.valid(s.strip())
                && GoDuration.seconds(s.strip()) == 0.0;
        boolean periodic = (policy == null || "Periodic".equals(policy)) && !zero;
        FieldPath refreshAt = policy != null ? FieldPath.of("spec", "refreshPolicy")
                : interval != null ? FieldPath.of("spec", "refreshInterval") : FieldPath.of("spec");
        Object username = es.get(FieldPath.of("spec", "target", "template", "data", "username"));
        Object fixed = username instanceof String u && !u.contains("{{") ? u : null;
        return new ExternalSecretSource(es, target, store, Set.copyOf(keys), periodic, refreshAt, fixed);
    }

    /** True when both read a common remote key of the same store. */
    boolean sharesKeyWith(ExternalSecretSource other) {
        return store.equals(other.store) && other.remoteKeys.stream().anyMatch(remoteKeys::contains);
    }
}
