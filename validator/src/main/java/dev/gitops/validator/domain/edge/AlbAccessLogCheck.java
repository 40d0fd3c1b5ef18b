package dev.gitops.validator.domain.edge;

import dev.gitops.validator.model.ModelKind;
import static dev.gitops.validator.finding.Rule.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.infra.AwsOutputs;
import dev.gitops.validator.domain.infra.ElbLogDelivery;
import dev.gitops.validator.domain.infra.PolicyDocuments;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EDGE003: an Ingress whose ALB writes access logs names a bucket the tree declares (ACK {@code Bucket},
 * {@code spec.name}), in the load balancer's Region, whose default encryption is SSE-S3 ({@code AES256})
 * and whose policy lets Elastic Load Balancing put objects under {@code <prefix>/AWSLogs/<account>/}
 * ({@link ElbLogDelivery}); the prefix does not contain {@code AWSLogs}. Otherwise the controller's
 * {@code ModifyLoadBalancerAttributes} call is refused and the ALB is never reconciled as declared.
 *
 * <p>The load balancer's Region and account are the recorded outputs of its cluster
 * ({@code clusters/<c>/aws-outputs.yaml}), else those of its {@code certificate-arn} (ACM certificates
 * live in the load balancer's Region). The bucket's Region is its {@code services.k8s.aws/region}
 * annotation, else the {@code aws.region} of the tree's ACK S3 controller ({@code s3-chart}).
 */
public final class AlbAccessLogCheck implements Check {

    public static final Rule ACCESS_LOGS = error("EDGE003", AlbIngressCheck.CATEGORY);

    private static final FieldPath ATTRIBUTES = FieldPath.of("metadata", "annotations", AlbIngressCheck.ATTRIBUTES);
    private static final FieldPath REGION = FieldPath.of("metadata", "annotations", "services.k8s.aws/region");
    private static final FieldPath CERTIFICATE = FieldPath.of("metadata", "annotations",
            AlbIngressCheck.PREFIX + "certificate-arn");
    private static final Pattern ACM_ARN = Pattern.compile("arn:aws[a-z-]*:acm:([a-z0-9-]+):([0-9]{12}):certificate/.+");

    /** Where the ALB lives, as far as the tree tells (either may be null). */
    private record Site(String region, String account) {
    }

    @Override
    public List<Rule> rules() {
        return List.of(ACCESS_LOGS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Topology topology = Topology.of(context.config(), context.resources());
        List<AwsOutputs> outputs = new ArrayList<>();
        List<Resource> buckets = new ArrayList<>();
        List<String> controllerRegions = new ArrayList<>();
        for (Resource r : context.resources()) {
            AwsOutputs o = AwsOutputs.read(r, topology);
            if (o != null) {
                outputs.add(o);
            }
            if ("Bucket".equals(r.kind()) && "s3.services.k8s.aws".equals(r.ref().group())) {
                buckets.add(r);
            }
            String region = s3ControllerRegion(r);
            if (region != null && !controllerRegions.contains(region)) {
                controllerRegions.add(region);
            }
        }
        String defaultRegion = controllerRegions.size() == 1 ? controllerRegions.getFirst() : null;
        for (Resource ing : context.resources()) {
            if ("Ingress".equals(ing.kind()) && "networking.k8s.io".equals(ing.ref().group())
                    && ing.get(ATTRIBUTES) instanceof String attrs) {
                Map<String, String> a = attributes(attrs);
                if ("true".equals(a.get("access_logs.s3.enabled"))) {
                    check(ing, a, site(ing, topology, outputs), buckets, defaultRegion, findings);
                }
            }
        }
    }

    private void check(Resource ing, Map<String, String> a, Site site, List<Resource> buckets, String defaultRegion,
                       Findings f) {
        String name = a.getOrDefault("access_logs.s3.bucket", "");
        String prefix = a.getOrDefault("access_logs.s3.prefix", "");
        String alb = "Ingress " + ing.ref().name();
        if (name.isBlank()) {
            f.at(ACCESS_LOGS, ing, ATTRIBUTES, alb + " enables access logs without access_logs.s3.bucket: Elastic Load"
                    + " Balancing refuses the attribute", "name the log bucket (access_logs.s3.bucket=<name>)");
            return;
        }
        if (prefix.contains("AWSLogs")) {
            f.at(ACCESS_LOGS, ing, ATTRIBUTES, alb + " writes access logs under prefix " + prefix + ", which contains"
                    + " AWSLogs: Elastic Load Balancing refuses such a prefix (it appends AWSLogs/<account>/ itself)",
                    "choose a prefix without AWSLogs, e.g. the cluster's name");
        }
        Resource bucket = buckets.stream().filter(b -> name.equals(b.get(FieldPath.of("spec", "name")))).findFirst()
                .orElse(null);
        if (bucket == null) {
            f.at(ACCESS_LOGS, ing, ATTRIBUTES, alb + " writes access logs to bucket " + name + ", which no Bucket of the"
                            + " tree declares: nothing creates it or grants Elastic Load Balancing access, so the"
                            + " controller cannot set the access_logs attributes and the ALB is not reconciled",
                    "declare the bucket (ACK Bucket, spec.name " + name + ") in the ALB's Region with SSE-S3 and a"
                            + " policy for log delivery, e.g. under infra/aws/");
            return;
        }
        List<Location> at = List.of(Findings.location(bucket, FieldPath.of("spec", "name"), "bucket " + name));
        String bucketRegion = bucket.get(REGION) instanceof String s ? s : defaultRegion;
        if (site.region() != null && bucketRegion == null) {
            f.at(ACCESS_LOGS, ing, ATTRIBUTES, alb + " writes access logs to bucket " + name + ", whose Region the tree"
                    + " does not tell (no services.k8s.aws/region, no single ACK S3 controller region); the bucket"
                    + " must be in " + site.region(), "annotate the bucket with services.k8s.aws/region: " + site.region(), at);
        } else if (site.region() != null && !site.region().equals(bucketRegion)) {
            f.at(ACCESS_LOGS, ing, ATTRIBUTES, alb + " is in " + site.region() + " but its access-log bucket " + name
                    + " is created in " + bucketRegion + ": Elastic Load Balancing delivers logs only to a bucket"
                    + " in the load balancer's Region", "use a bucket in " + site.region(), at);
        }
        encryption(ing, bucket, name, alb, f);
        policy(ing, bucket, name, prefix, site.region() != null ? site.region() : bucketRegion, site.account(), alb, f);
    }

    private static void encryption(Resource ing, Resource bucket, String name, String alb, Findings f) {
        List<?> rules = bucket.get(FieldPath.of("spec", "encryption", "rules")) instanceof List<?> l ? l : List.of();
        List<Location> at = List.of(Findings.location(bucket, FieldPath.of("spec", "encryption"), "bucket " + name));
        if (rules.isEmpty()) {
            f.at(ACCESS_LOGS, ing, ATTRIBUTES, alb + " writes access logs to bucket " + name + ", which declares no"
                    + " default encryption: ALB access logs support SSE-S3 only, and the tree must say so",
                    "set encryption.rules[].applyServerSideEncryptionByDefault.sseAlgorithm: AES256", at);
        }
        for (Object rule : rules) {
            Object algorithm = rule instanceof Map<?, ?> m && m.get("applyServerSideEncryptionByDefault") instanceof Map<?, ?> d
                    ? d.get("sseAlgorithm") : null;
            if (!"AES256".equals(algorithm)) {
                f.at(ACCESS_LOGS, ing, ATTRIBUTES, alb + " writes access logs to bucket " + name + ", encrypted with "
                                + algorithm + ": ALB access logs support SSE-S3 (AES256) only, so log delivery fails",
                        "encrypt the log bucket with sseAlgorithm: AES256 (waive STORAGE001 for it)", at);
            }
        }
    }

    private static void policy(Resource ing, Resource bucket, String name, String prefix, String region, String account,
                               String alb, Findings f) {
        FieldPath policyAt = FieldPath.of("spec", "policy");
        List<Location> at = List.of(Findings.location(bucket, policyAt, "bucket " + name));
        String key = name + (prefix.isEmpty() ? "" : "/" + prefix) + "/AWSLogs/";
        String hint = "grant s3:PutObject on arn:aws:s3:::" + key + (account == null ? "<account>" : account) + "/* to "
                + ElbLogDelivery.principalFor(region);
        List<JsonNode> statements = List.of();
        if (bucket.get(policyAt) instanceof String text) {
            try {
                statements = PolicyDocuments.statements(JsonText.read(text));
            } catch (JsonProcessingException e) {
                f.at(ACCESS_LOGS, ing, ATTRIBUTES, "the policy of bucket " + name + " is not JSON: AWS refuses it, and"
                        + " " + alb + " cannot deliver its access logs", hint, at);
                return;
            }
        }
        for (JsonNode s : statements) {
            if (ElbLogDelivery.deliveryPrincipal(s.get("Principal"), region)) {
                for (String resource : PolicyDocuments.strings(s.get("Resource"))) {
                    String object = "arn:aws:s3:::" + key + accountFor(account, resource)
                            + "/elasticloadbalancing/" + Objects.requireNonNullElse(region, "eu-west-1") + "/x.log.gz";
                    if (PolicyDocuments.allows(s, "s3:PutObject", object)) {
                        return;
                    }
                }
            }
        }
        f.at(ACCESS_LOGS, ing, ATTRIBUTES, alb + " writes access logs to " + key + (account == null ? "<account>" : account)
                + "/ in bucket " + name + ", but the bucket policy grants Elastic Load Balancing no s3:PutObject there:"
                + " the controller's attribute change is refused", hint, at);
    }

    /** The account of the object key: the ALB's when known, else the one the statement's resource names. */
    private static String accountFor(String account, String resource) {
        if (account != null) {
            return account;
        }
        Matcher m = Pattern.compile("/AWSLogs/([0-9]{12})/").matcher(resource);
        return m.find() ? m.group(1) : "000000000000";
    }

    private static Site site(Resource ing, Topology topology, List<AwsOutputs> outputs) {
        for (AwsOutputs o : outputs) {
            if (topology.clustersOf(ing).contains(o.cluster()) && o.get("region") != null) {
                return new Site(o.get("region"), o.get("accountId"));
            }
        }
        if (ing.get(CERTIFICATE) instanceof String arns) {
            Matcher m = ACM_ARN.matcher(arns.split(",")[0].strip());
            if (m.matches()) {
                return new Site(m.group(1), m.group(2));
            }
        }
        return new Site(null, null);
    }

    /** The {@code aws.region} of an Argo CD Application that installs the ACK S3 controller, or null. */
    private static String s3ControllerRegion(Resource r) {
        if (!ModelKind.APPLICATION.matches(r)
                || !"s3-chart".equals(r.get(FieldPath.of("spec", "source", "chart")))) {
            return null;
        }
        return r.get(FieldPath.of("spec", "source", "helm", "valuesObject", "aws", "region")) instanceof String s ? s : null;
    }

    /** {@code key=value,key=value} of the load-balancer-attributes annotation. */
    static Map<String, String> attributes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
