package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * INFRA011: every KMS key ARN the tree uses names a key something creates. It resolves to a {@code Key}
 * of the infrastructure layer (its Region and the key id its {@code adoption-fields} record) or to an
 * {@code Alias} of one, or it is the value of an output that the cluster's outputs record as created by
 * a bootstrap step (annotation {@code bootstrap.gitops.dev/<output key>} on
 * {@code clusters/<c>/aws-outputs.yaml}, naming the step). A bootstrap key that shares a declared key's
 * id is a replica of it: that key is multi-Region and lives in another Region.
 *
 * <p>An ARN to a key nothing creates is accepted by every API that stores it (S3 default encryption,
 * replication, IAM policies) and fails only when data is written: uploads and replication stop.
 */
public final class KmsKeyCheck implements Check {

    public static final Rule KEYS = error("INFRA011", InfraCheck.CATEGORY);

    static final String KMS = "kms.services.k8s.aws";
    static final String BOOTSTRAP = "bootstrap.gitops.dev/";
    static final String REGION_ANNOTATION = "services.k8s.aws/region";

    /** A key the infrastructure layer declares: the ARNs it answers to. */
    record Declared(Resource key, String region, String keyId, boolean multiRegion, List<String> arns) {
    }

    @Override
    public List<Rule> rules() {
        return List.of(KEYS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        if (!infra.present()) {
            return;
        }
        String controllerRegion = controllerRegion(infra.resources());
        List<Declared> declared = declared(infra, controllerRegion);
        Set<String> rejected = new HashSet<>();
        Map<String, Bootstrap> bootstrap = bootstrap(infra, declared, rejected, findings);
        for (Resource r : context.resources()) {
            for (Identifiers.Found f : Identifiers.in(r)) {
                Matcher m = f.arn();
                if (m == null || !m.matches() || !"kms".equals(m.group(1)) || f.value().contains("*")) {
                    continue;
                }
                if (declared.stream().anyMatch(d -> d.arns().contains(f.value())) || bootstrap.containsKey(f.value())
                        || rejected.contains(r.file().displayName() + " " + f.value())) {
                    continue; // a rejected bootstrap record is reported at its output already
                }
                List<Location> related = new ArrayList<>();
                StringBuilder known = new StringBuilder();
                for (Declared d : declared) {
                    related.add(Findings.location(d.key(), FieldPath.of("metadata", "name"), "declared Key"));
                    known.append(known.isEmpty() ? "" : "; ").append("Key ").append(d.key().ref().name()).append(" in ")
                            .append(d.region()).append(d.keyId() == null ? " (no key id recorded in its adoption-fields)"
                                    : " (" + d.keyId() + ")");
                }
                findings.at(KEYS, r, f.path(), "KMS key " + f.value() + " is not a key anything creates: "
                                + (known.isEmpty() ? "the infrastructure layer declares no Key" : "the infrastructure layer "
                                + "declares " + known) + ", and no cluster's outputs record it as created at bootstrap",
                        "declare the key (or its alias) under infra/, or, for a key nothing in the tree can create "
                                + "(such as a multi-Region replica), record it in clusters/<c>/aws-outputs.yaml and annotate "
                                + "that file " + BOOTSTRAP + "<output key>: <the step that creates it>", related);
            }
        }
    }

    /** An output recorded as created by a bootstrap step. */
    record Bootstrap(AwsOutputs outputs, String key, String step) {
    }

    /**
     * The bootstrap outputs of every cluster, by value; wrong records are findings, and their outputs
     * (file and value) are added to {@code rejected}.
     */
    private static Map<String, Bootstrap> bootstrap(InfraLayer infra, List<Declared> declared,
                                                    Set<String> rejected, Findings findings) {
        Map<String, Bootstrap> out = new LinkedHashMap<>();
        for (AwsOutputs o : infra.outputs().values()) {
            if (!(o.source().get(FieldPath.of("metadata", "annotations")) instanceof Map<?, ?> annotations)) {
                continue;
            }
            for (Map.Entry<?, ?> e : annotations.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (!name.startsWith(BOOTSTRAP)) {
                    continue;
                }
                String key = name.substring(BOOTSTRAP.length());
                FieldPath at = FieldPath.of("metadata", "annotations", name);
                String value = o.get(key);
                String step = e.getValue() == null ? "" : String.valueOf(e.getValue()).strip();
                if (value == null) {
                    findings.at(KEYS, o.source(), at, "the outputs record no " + key + ", which " + name
                            + " says a bootstrap step creates", "add data." + key + ", or remove the annotation");
                } else if (step.isEmpty()) {
                    findings.at(KEYS, o.source(), at, name + " does not name the step that creates " + key,
                            "write the command that creates it, as docs/architecture.md documents it");
                } else if (replicaProblem(value, declared) instanceof String problem) {
                    rejected.add(o.source().file().displayName() + " " + value);
                    findings.at(KEYS, o.source(), o.path(key), problem, "make the primary key multiRegion: true "
                            + "(a new key: multiRegion cannot change), or record the key it really is");
                } else {
                    out.put(value, new Bootstrap(o, key, step));
                }
            }
        }
        return out;
    }

    /** Why a bootstrap key with the id of a declared key cannot be its replica, or null. */
    private static String replicaProblem(String arn, List<Declared> declared) {
        Matcher m = Identifiers.ARN.matcher(arn);
        if (!m.matches() || !"kms".equals(m.group(1)) || !m.group(4).startsWith("key/")) {
            return null;
        }
        String id = m.group(4).substring("key/".length());
        for (Declared d : declared) {
            if (id.equals(d.keyId())) {
                if (!d.multiRegion()) {
                    return "KMS key " + arn + " shares the id of Key " + d.key().ref().name() + ", which is not "
                            + "multi-Region: only a multi-Region key has replicas";
                }
                if (m.group(2).equals(d.region())) {
                    return "KMS key " + arn + " is in " + d.region() + ", the Region of its primary Key "
                            + d.key().ref().name() + ": a replica lives in another Region";
                }
            }
        }
        return null;
    }

    /** The declared keys and aliases, with the ARNs they answer to in their Region and account. */
    private static List<Declared> declared(InfraLayer infra, String controllerRegion) {
        List<Declared> keys = new ArrayList<>();
        String account = infra.outputs().values().stream().map(o -> o.get("accountId")).filter(a -> a != null)
                .findFirst().orElse(null);
        String recordedRegion = infra.outputs().values().stream().map(o -> o.get("region")).filter(a -> a != null)
                .findFirst().orElse(null);
        for (Resource k : infra.resources()) {
            if (!"Key".equals(k.kind()) || !KMS.equals(k.ref().group())) {
                continue;
            }
            String region = k.get(FieldPath.of("metadata", "annotations", REGION_ANNOTATION)) instanceof String s ? s
                    : controllerRegion != null ? controllerRegion : recordedRegion;
            String id = keyId(k);
            List<String> arns = new ArrayList<>();
            if (account != null && region != null) {
                String prefix = "arn:aws:kms:" + region + ":" + account + ":";
                if (id != null) {
                    arns.add(prefix + "key/" + id);
                }
                for (Resource a : infra.resources()) {
                    if ("Alias".equals(a.kind()) && KMS.equals(a.ref().group())
                            && k.ref().name().equals(a.get(FieldPath.of("spec", "targetKeyRef", "from", "name")))
                            && a.get(FieldPath.of("spec", "name")) instanceof String alias) {
                        arns.add(prefix + alias);
                    }
                }
            }
            keys.add(new Declared(k, region, id, Boolean.TRUE.equals(k.get(FieldPath.of("spec", "multiRegion"))),
                    List.copyOf(arns)));
        }
        return keys;
    }

    /** The key id AWS assigned, as the Key's {@code adoption-fields} record it. */
    static String keyId(Resource k) {
        if (!(k.get(FieldPath.of("metadata", "annotations", "services.k8s.aws/adoption-fields")) instanceof String f)) {
            return null;
        }
        try {
            JsonNode n = JsonText.read(f);
            return n != null && n.path("keyID").isTextual() ? n.path("keyID").asText() : null;
        } catch (JsonProcessingException e) {
            return null; // ACK001 reports adoption-fields that are not a JSON object
        }
    }

    /** The Region of the kms controller of the infrastructure layer ({@code aws.region} of its chart). */
    private static String controllerRegion(List<Resource> infra) {
        for (Resource a : infra) {
            if (ModelKind.APPLICATION.matches(a) && "kms-chart".equals(a.get(FieldPath.of("spec", "source", "chart")))
                    && a.get(FieldPath.of("spec", "source", "helm", "valuesObject", "aws", "region")) instanceof String r) {
                return r;
            }
        }
        return null;
    }
}
