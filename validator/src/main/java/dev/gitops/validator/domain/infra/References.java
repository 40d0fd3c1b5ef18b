package dev.gitops.validator.domain.infra;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * INFRA001 inside the infrastructure layer: every ACK reference ({@code <field>Ref.from.name},
 * {@code <field>Refs[].from.name}) names a resource of the layer in the same namespace, and every IAM role
 * ARN names a declared role. ACK waits for a missing referent forever; the resource never syncs.
 */
final class References {

    private final InfraLayer infra;
    private final Findings findings;

    References(InfraLayer infra, Findings findings) {
        this.infra = infra;
        this.findings = findings;
    }

    void check() {
        for (Resource r : infra.resources()) {
            if (r.get(FieldPath.of("spec")) instanceof Map<?, ?> spec) {
                walk(r, spec, FieldPath.of("spec"));
            }
            for (Identifiers.Found f : Identifiers.in(r)) {
                Matcher m = f.arn();
                if (m != null && m.matches() && "iam".equals(m.group(1)) && m.group(4).startsWith("role/")) {
                    InfraCheck.role(r, f.path(), m.group(4).substring(m.group(4).lastIndexOf('/') + 1), infra, findings);
                }
            }
        }
    }

    private void walk(Resource r, Map<?, ?> node, FieldPath path) {
        for (Map.Entry<?, ?> e : node.entrySet()) {
            String key = String.valueOf(e.getKey());
            FieldPath p = path.key(key);
            if (key.endsWith("Ref") && e.getValue() instanceof Map<?, ?> ref) {
                referent(r, ref, p);
            } else if (key.endsWith("Refs") && e.getValue() instanceof List<?> refs) {
                for (int i = 0; i < refs.size(); i++) {
                    if (refs.get(i) instanceof Map<?, ?> ref) {
                        referent(r, ref, p.index(i));
                    }
                }
            } else if (e.getValue() instanceof Map<?, ?> child) {
                walk(r, child, p);
            } else if (e.getValue() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> child) {
                        walk(r, child, p.index(i));
                    }
                }
            }
        }
    }

    private void referent(Resource r, Map<?, ?> ref, FieldPath path) {
        if (!(ref.get("from") instanceof Map<?, ?> from) || !(from.get("name") instanceof String name)) {
            return;
        }
        String namespace = from.get("namespace") instanceof String ns ? ns : r.ref().namespace();
        boolean found = infra.resources().stream().anyMatch(x -> name.equals(x.ref().name()) && x != r
                && (namespace == null || x.ref().namespace() == null || Objects.equals(namespace, x.ref().namespace())));
        if (!found) {
            findings.at(InfraCheck.DECLARED, r, path.key("from").key("name"), r.ref().display() + " references "
                            + name + ", which the infrastructure layer does not declare: ACK waits for it and never"
                            + " creates " + r.ref().name(),
                    "declare the referenced resource under infra/, in namespace " + namespace);
        }
    }
}
