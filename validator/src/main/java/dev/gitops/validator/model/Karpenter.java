package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;
import java.util.Map;

/**
 * Karpenter v1: {@code karpenter.sh/v1} NodePool and {@code karpenter.k8s.aws/v1} EC2NodeClass, from
 * kubernetes-sigs/karpenter {@code pkg/apis/v1/nodepool.go} and aws/karpenter-provider-aws
 * {@code pkg/apis/v1/ec2nodeclass.go}.
 */
public final class Karpenter {

    private Karpenter() {
    }

    public record NodePool(Resource source, Meta metadata, NodeClassRef nodeClassRef, List<Requirement> requirements,
                           Map<String, Object> limits, boolean hasLimits, Long weight, Long replicas,
                           Disruption disruption) implements TypedModel {

        static NodePool read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            Node template = spec.object("template", true);
            template.read("metadata", false, m -> {
                m.stringMap("labels");
                return m.stringMap("annotations");
            });
            Node ts = template.object("spec", true);
            NodeClassRef ref = ts.read("nodeClassRef", true, NodeClassRef::read);
            List<Requirement> reqs = ts.objects("requirements", true, Requirement::read);
            ts.string("expireAfter");
            ts.string("terminationGracePeriod");
            ts.allow("taints", "startupTaints");
            ts.end();
            template.end();
            boolean hasLimits = spec.has("limits");
            Map<String, Object> limits = spec.read("limits", false, l -> {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                for (String k : l.keys()) {
                    IntOrString q = l.intOrString(k);
                    out.put(k, q == null ? null : q.toString());
                }
                return out;
            });
            Long weight = spec.integer("weight");
            Long replicas = spec.integer("replicas");
            Disruption d = spec.has("disruption") ? spec.read("disruption", false, Disruption::read) : null;
            spec.end();
            root.end();
            return new NodePool(r, meta, ref, reqs, limits, hasLimits, weight, replicas, d);
        }
    }

    public record NodeClassRef(String group, String kind, String name) {

        static NodeClassRef read(Node n) {
            return new NodeClassRef(n.requiredString("group"), n.requiredString("kind"), n.requiredString("name"));
        }
    }

    public record Requirement(String key, String operator, List<String> values, Long minValues) {

        static Requirement read(Node n) {
            return new Requirement(n.requiredString("key"), n.requiredString("operator"), n.strings("values"),
                    n.integer("minValues"));
        }
    }

    public record Disruption(String consolidationPolicy, String consolidateAfter, List<Budget> budgets) {

        static Disruption read(Node n) {
            return new Disruption(n.string("consolidationPolicy"), n.string("consolidateAfter"),
                    n.objects("budgets", Budget::read));
        }
    }

    public record Budget(String nodes, List<String> reasons, String schedule, String duration) {

        static Budget read(Node n) {
            return new Budget(n.requiredString("nodes"), n.strings("reasons"), n.string("schedule"),
                    n.string("duration"));
        }
    }

    public record Ec2NodeClass(Resource source, Meta metadata, List<SelectorTerm> amiSelectorTerms, String amiFamily,
                               List<SelectorTerm> subnetSelectorTerms, List<SelectorTerm> securityGroupSelectorTerms,
                               String role, String instanceProfile, String httpTokens) implements TypedModel {

        static Ec2NodeClass read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            List<SelectorTerm> ami = spec.objects("amiSelectorTerms", SelectorTerm::read);
            String family = spec.string("amiFamily");
            List<SelectorTerm> subnets = spec.objects("subnetSelectorTerms", SelectorTerm::read);
            List<SelectorTerm> sgs = spec.objects("securityGroupSelectorTerms", SelectorTerm::read);
            String role = spec.string("role");
            String profile = spec.string("instanceProfile");
            String httpTokens = spec.read("metadataOptions", false, m -> {
                m.string("httpEndpoint");
                m.string("httpProtocolIPv6");
                m.integer("httpPutResponseHopLimit");
                return m.oneOf("httpTokens", false, "required", "optional");
            });
            spec.stringMap("tags");
            spec.string("userData");
            spec.string("instanceStorePolicy");
            spec.bool("detailedMonitoring");
            spec.bool("associatePublicIPAddress");
            spec.allow("blockDeviceMappings", "kubelet", "context", "capacityReservationSelectorTerms",
                    "ipPrefixCount");
            spec.end();
            root.end();
            return new Ec2NodeClass(r, meta, ami, family, subnets, sgs, role, profile, httpTokens);
        }
    }

    /** A selector term: which of id/name/alias/tags/... are set. */
    public record SelectorTerm(String id, String name, String alias, String ssmParameter, String owner,
                               Map<String, String> tags) {

        static SelectorTerm read(Node n) {
            return new SelectorTerm(n.string("id"), n.string("name"), n.string("alias"), n.string("ssmParameter"),
                    n.string("owner"), n.stringMap("tags"));
        }

        public boolean isEmpty() {
            return id == null && name == null && alias == null && ssmParameter == null && tags.isEmpty();
        }
    }
}
