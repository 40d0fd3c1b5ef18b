package dev.gitops.validator.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.infra.AwsOutputs;
import dev.gitops.validator.domain.infra.InfraCheck;
import dev.gitops.validator.domain.infra.InfraLayer;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.release.OutputSources.Reading;
import dev.gitops.validator.release.OutputSources.Source;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster's recorded outputs against what the ACK controllers published: the {@code status} of the
 * objects {@code infra/} declares, as {@code kubectl get ... -o yaml} prints them on the management
 * cluster (a {@code v1/List}). Writing them changes the outputs and every copy of each old identifier
 * in the tree (the adoption-fields of the retained resources, the trees' ARNs and ids), since an
 * identifier AWS assigns names one resource wherever it is written.
 */
public final class InfraOutputs {

    static final String ADOPTION_FIELDS = "services.k8s.aws/adoption-fields";

    /** The input cannot be used; the message names file and line. */
    public static final class BadInput extends Exception {
        public BadInput(String message) {
            super(message);
        }
    }

    /**
     * One output key compared.
     *
     * @param key the data key
     * @param recorded the value in the outputs file
     * @param observed the value the status holds, or null
     * @param from the object and field it was read from
     * @param problem why there is no observed value, or null
     */
    public record Row(String key, String recorded, String observed, String from, String problem) {

        public boolean differs() {
            return observed != null && !observed.equals(recorded);
        }
    }

    /**
     * The comparison of one cluster's outputs.
     *
     * @param outputs the recorded outputs
     * @param rows the keys read from the status, in the file's order
     * @param unread recorded keys that no ACK object of infra/ creates (kept as recorded)
     * @param adoptions the ids in the {@code adoption-fields} of the retained objects the input holds
     */
    public record Comparison(AwsOutputs outputs, List<Row> rows, List<String> unread, List<Row> adoptions) {

        public boolean differs() {
            return rows.stream().anyMatch(Row::differs) || adoptions.stream().anyMatch(Row::differs);
        }

        /** Whether every value could be read from the input. */
        public boolean complete() {
            return missing().isEmpty() && adoptions.stream().allMatch(r -> r.problem() == null);
        }

        public List<Row> missing() {
            return rows.stream().filter(r -> r.problem() != null).toList();
        }

        public String file() {
            return outputs.source().file().displayName();
        }
    }

    private final Workspace workspace;

    public InfraOutputs(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Compares the recorded outputs of {@code cluster} with the statuses in {@code observed}. */
    public Comparison compare(String cluster, LoadedFile observed) throws BadInput {
        String name = observed.file().displayName();
        for (Finding f : observed.findings()) {
            if (f.isError()) {
                throw new BadInput(name + ":" + f.line() + ":" + f.column() + ": " + f.rule() + ": " + f.message());
            }
        }
        if (observed.unreadable() || observed.resources().isEmpty()) {
            throw new BadInput(name + ":1: no objects: expected the v1/List `kubectl get <kinds> -A -o yaml` prints");
        }
        Map<ResourceRef, Resource> byRef = new HashMap<>();
        for (Resource r : observed.resources()) {
            Resource before = byRef.putIfAbsent(r.ref(), r);
            if (before != null) {
                throw new BadInput(name + ":" + r.start().line() + ": " + r.kind() + " " + r.ref().namespace() + "/"
                        + r.ref().name() + " appears twice (first at line "
                        + before.start().line() + ")");
            }
        }
        List<Resource> all = workspace.resources();
        List<String> paths = InfraCheck.paths(workspace.config());
        InfraLayer infra = InfraLayer.of(all, Topology.of(workspace.config(), all), paths);
        AwsOutputs outputs = infra.outputs().get(cluster);
        if (outputs == null) {
            throw new BadInput("cluster " + cluster + " has no recorded outputs (clusters/" + cluster
                    + "/aws-outputs.yaml, ConfigMap " + AwsOutputs.NAME + "); known: " + infra.outputs().keySet());
        }
        Map<String, Source> sources = new LinkedHashMap<>();
        OutputSources.ALL.forEach(s -> sources.put(s.key(), s));
        List<Row> rows = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (Object k : dataKeys(outputs)) {
            String key = String.valueOf(k);
            Source s = sources.get(key);
            if (s == null) {
                unread.add(key);
                continue;
            }
            rows.add(row(s, outputs.get(key), cluster, infra, byRef));
        }
        return new Comparison(outputs, rows, unread, adoptions(cluster, infra, byRef));
    }

    /**
     * The ids in the {@code services.k8s.aws/adoption-fields} of the retained objects of infra/ (of the
     * cluster, or shared) that the input holds, against their status: {@code arn} is
     * {@code status.ackResourceMetadata.arn}, any other field the status field of that name (a
     * hosted zone's {@code id} without {@code /hostedzone/}; the fields and their status structs are
     * listed in {@link OutputSources}). A {@code name} is the repository's choice, in the spec, not
     * an identifier AWS assigns, and has no status field (BucketStatus, RoleStatus): it is not read.
     */
    private static List<Row> adoptions(String cluster, InfraLayer infra, Map<ResourceRef, Resource> observed) {
        List<Row> out = new ArrayList<>();
        for (Resource d : infra.resources()) {
            String owner = InfraLayer.clusterOf(d);
            Resource o = observed.get(d.ref());
            if ((owner != null && !owner.equals(cluster)) || o == null
                    || !(d.get(FieldPath.of("metadata", "annotations", ADOPTION_FIELDS)) instanceof String json)) {
                continue;
            }
            Map<String, Object> fields;
            try {
                fields = JsonText.read(json, new TypeReference<Map<String, Object>>() { });
            } catch (JsonProcessingException e) {
                continue; // ACK001 reports an unreadable annotation
            }
            fields.forEach((field, recordedValue) -> {
                if (!(recordedValue instanceof String recorded) || !OutputSources.assignedByAws(field)) {
                    return;
                }
                String path = field.equals("arn") ? "status.ackResourceMetadata.arn" : "status." + field;
                String from = d.kind() + " " + d.ref().namespace() + "/" + d.ref().name() + " " + path;
                Object status = field.equals("arn") ? o.get("status.ackResourceMetadata.arn")
                        : o.get(FieldPath.of("status", field));
                String value = status instanceof String v ? v : null;
                if (value != null && "HostedZone".equals(d.kind()) && field.equals("id")) {
                    value = value.substring(value.lastIndexOf('/') + 1);
                }
                Reading r = Reading.of(value, path);
                out.add(new Row(d.file().displayName() + " adoption-fields " + field, recorded, r.value(), from, r.problem()));
            });
        }
        return out;
    }

    private static List<Object> dataKeys(AwsOutputs outputs) {
        return outputs.source().get(FieldPath.of("data")) instanceof Map<?, ?> m ? new ArrayList<>(m.keySet())
                : List.of();
    }

    private static Row row(Source s, String recorded, String cluster, InfraLayer infra,
                           Map<ResourceRef, Resource> observed) {
        List<Resource> declared = infra.resources().stream()
                .filter(r -> s.group().equals(r.ref().group()) && s.kind().equals(r.kind()))
                .filter(r -> InfraLayer.clusterOf(r) == null || cluster.equals(InfraLayer.clusterOf(r)))
                .filter(s.selects()).toList();
        if (declared.size() != 1) {
            return new Row(s.key(), recorded, null, s.describe(), declared.isEmpty()
                    ? "infra/ declares no " + s.describe() + " for it"
                    : "infra/ declares " + declared.size() + " of " + s.describe() + " for it; cannot tell which");
        }
        Resource d = declared.getFirst();
        Resource o = observed.values().stream()
                .filter(r -> s.group().equals(r.ref().group()) && s.kind().equals(r.kind())
                        && Objects.equals(d.ref().namespace(), r.ref().namespace())
                        && Objects.equals(d.ref().name(), r.ref().name()))
                .findFirst().orElse(null);
        String from = s.kind() + " " + d.ref().namespace() + "/" + d.ref().name() + " " + s.field();
        if (o == null) {
            return new Row(s.key(), recorded, null, from, "not in the input (declared in "
                    + d.file().displayName() + ")");
        }
        Reading reading = s.read().apply(o);
        return new Row(s.key(), recorded, reading.value(), from, reading.problem());
    }

    /**
     * The change that writes the observed values: the outputs' data, and every copy of each old
     * identifier in the tree.
     *
     * @throws Refusal when a value could not be read from the input (nothing is guessed)
     */
    public Plan plan(Comparison c) throws Refusal {
        List<Row> missing = new ArrayList<>(c.missing());
        c.adoptions().stream().filter(r -> r.problem() != null).forEach(missing::add);
        if (!missing.isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add("not every output could be read from the input; nothing was changed:");
            missing.forEach(r -> lines.add("  " + r.key() + ": " + r.from() + ": " + r.problem()));
            throw new Refusal(String.join("\n", lines));
        }
        TreeEdits edits = new TreeEdits();
        Map<String, String> replacements = new LinkedHashMap<>();
        Map<String, String> derived = new LinkedHashMap<>();
        for (Row r : c.rows()) {
            if (!r.differs()) {
                continue;
            }
            edits.set(c.outputs().source(), FieldPath.of("data", r.key()), r.observed());
            Source s = OutputSources.ALL.stream().filter(x -> x.key().equals(r.key())).findFirst().orElseThrow();
            if (!s.copied() || r.recorded() == null || r.recorded().isBlank()) {
                continue;
            }
            replacements.put(r.recorded(), r.observed());
            if (r.key().equals("kmsKeyArn")) {
                // the key id (KeyStatus.KeyID) is the ARN's last segment; a multi-Region replica shares it
                derived.put(afterLast(r.recorded(), "/"), afterLast(r.observed(), "/"));
            } else if (r.key().endsWith("CertificateValidationName")) {
                // the validation RecordSet's spec.name starts with the token, the first label (INFRA002, INFRA004)
                derived.put(firstLabel(r.recorded()), firstLabel(r.observed()));
            }
        }
        replacements.putAll(derived);
        for (Row r : c.adoptions()) {
            if (r.differs()) {
                replacements.putIfAbsent(r.recorded(), r.observed());
            }
        }
        int copies = 0;
        for (Resource r : workspace.resources()) {
            List<FieldPath> changed = new ArrayList<>();
            r.forEachString((path, text) -> {
                String updated = replace(text, replacements);
                if (!updated.equals(text)) {
                    edits.set(r, path, updated);
                    changed.add(path);
                }
            });
            copies += changed.size();
        }
        List<String> notes = new ArrayList<>();
        if (!c.unread().isEmpty()) {
            notes.add("not read from the status: " + String.join(", ", c.unread())
                    + " (changed only where they hold a replaced identifier)");
        }
        return new Plan("infra-outputs " + c.outputs().cluster() + ": " + c.file() + " and " + copies
                + " value(s) holding an old identifier", edits, notes);
    }

    /** Replaces each old identifier where it stands as a whole token (not inside a longer id). */
    static String replace(String text, Map<String, String> replacements) {
        String out = text;
        for (Map.Entry<String, String> e : replacements.entrySet()) {
            if (e.getKey().isEmpty() || !out.contains(e.getKey())) {
                continue;
            }
            Pattern p = Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(e.getKey()) + "(?![A-Za-z0-9_-])");
            out = p.matcher(out).replaceAll(Matcher.quoteReplacement(e.getValue()));
        }
        return out;
    }

    private static String afterLast(String s, String sep) {
        return s.substring(s.lastIndexOf(sep) + 1);
    }

    private static String firstLabel(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

}
