package dev.gitops.validator.domain.ack;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ACK controller does with the AWS resource when its object is deleted, resolved as the ACK
 * runtime resolves it (ACK documentation, "Retain AWS Resources after CR Deletion"): the object's
 * annotation {@code services.k8s.aws/deletion-policy}, else the annotation
 * {@code <service>.services.k8s.aws/deletion-policy} of its namespace, else the controller's
 * {@code --deletion-policy} flag. The ACK charts set the flag from their {@code deletionPolicy} value
 * ({@code helm/templates/deployment.yaml}: {@code --deletion-policy $(DELETION_POLICY)}, the env var
 * from {@code .Values.deletionPolicy}); its default in every chart's {@code values.yaml} is
 * {@code delete}.
 *
 * <p>The namespace is a {@code Namespace} object of the tree that deploys where the resource does (the
 * same clusters, or, for the infrastructure layer, none of the cluster trees) or, where the deploying Application
 * creates it, that Application's {@code syncPolicy.managedNamespaceMetadata.annotations}. The
 * controller is the Application of the ACK chart of the resource's service ({@code <service>-chart})
 * that the same Argo CD deploys: the one in the deploying Application's folder.
 *
 * @param policy {@code delete} or {@code retain} (any other value is returned as written)
 * @param source what decided it, for messages
 * @param where the object and field that decided it, or null for the charts' default
 */
public record AckDeletionPolicy(String policy, String source, Resource where, FieldPath path) {

    public static final String ANNOTATION = "services.k8s.aws/deletion-policy";
    static final String ACK_GROUP_SUFFIX = ".services.k8s.aws";
    private static final String CHART_DEFAULT = "delete";
    private static final FieldPath CHART = FieldPath.of("spec", "source", "chart");

    public boolean retains() {
        return "retain".equals(policy);
    }

    /** Where the policy is set, as a related location of a finding (none for the charts' default). */
    public List<Location> locations() {
        return where == null ? List.of() : List.of(Findings.location(where, path, source));
    }

    /** Whether a resource is an ACK resource (API group {@code <service>.services.k8s.aws}). */
    public static boolean isAck(Resource r) {
        String g = r.ref().group();
        return g != null && g.endsWith(ACK_GROUP_SUFFIX) && g.length() > ACK_GROUP_SUFFIX.length();
    }

    /**
     * Resolves the policy of an ACK resource (for many resources of one tree, use a {@link Resolver}).
     *
     * @param r the ACK resource
     * @param deployer the Application that deploys it (its folder holds the controller Applications)
     * @param resources every resource of the tree
     * @param topology which clusters each resource deploys to
     */
    public static AckDeletionPolicy of(Resource r, Resource deployer, List<Resource> resources, Topology topology) {
        return new Resolver(resources, topology).of(r, deployer);
    }

    /** Resolves the policies of a tree's ACK resources, its namespaces and controller Applications indexed once. */
    public static final class Resolver {

        private final Topology topology;
        private final Map<String, List<Resource>> namespaces = new HashMap<>();
        /** Applications by folder and chart ({@code folder + "|" + chart}), in the tree's order. */
        private final Map<String, List<Resource>> charts = new HashMap<>();

        public Resolver(List<Resource> resources, Topology topology) {
            this.topology = topology;
            for (Resource r : resources) {
                if ("Namespace".equals(r.kind()) && "".equals(r.ref().group()) && r.ref().name() != null) {
                    namespaces.computeIfAbsent(r.ref().name(), k -> new ArrayList<>()).add(r);
                } else if (ModelKind.APPLICATION.matches(r) && r.get(CHART) instanceof String chart) {
                    charts.computeIfAbsent(folder(r) + "|" + chart, k -> new ArrayList<>()).add(r);
                }
            }
        }

        /**
         * The policy of an ACK resource.
         *
         * @param r the ACK resource
         * @param deployer the Application that deploys it (its folder holds the controller Applications)
         */
        public AckDeletionPolicy of(Resource r, Resource deployer) {
            FieldPath own = FieldPath.of("metadata", "annotations", ANNOTATION);
            if (r.get(own) instanceof String p) {
                return new AckDeletionPolicy(p.strip(), "its annotation " + ANNOTATION, r, own);
            }
            String service = r.ref().group().substring(0, r.ref().group().length() - ACK_GROUP_SUFFIX.length());
            String nsKey = service + ACK_GROUP_SUFFIX + "/deletion-policy";
            String ns = namespaceOf(r, deployer);
            if (ns != null) {
                FieldPath at = FieldPath.of("metadata", "annotations", nsKey);
                for (Resource n : namespaces.getOrDefault(ns, List.of())) {
                    if (topology.clustersOf(n).equals(topology.clustersOf(r)) && n.get(at) instanceof String p) {
                        return new AckDeletionPolicy(p.strip(), "the annotation " + nsKey + " of Namespace " + ns, n, at);
                    }
                }
                FieldPath managed = FieldPath.of("spec", "syncPolicy", "managedNamespaceMetadata", "annotations", nsKey);
                if (deployer != null && ns.equals(deployer.get(FieldPath.of("spec", "destination", "namespace")))
                        && deployer.get(managed) instanceof String p) {
                    return new AckDeletionPolicy(p.strip(), "the annotation " + nsKey + " Application "
                            + deployer.ref().name() + " gives namespace " + ns, deployer, managed);
                }
            }
            Resource controller = deployer == null ? null
                    : charts.getOrDefault(folder(deployer) + "|" + service + "-chart", List.of()).stream()
                    .findFirst().orElse(null);
            if (controller != null) {
                FieldPath value = FieldPath.of("spec", "source", "helm", "valuesObject", "deletionPolicy");
                if (controller.get(value) instanceof String p) {
                    return new AckDeletionPolicy(p.strip(), "the deletionPolicy value of the " + service
                            + " controller (Application " + controller.ref().name() + ")", controller, value);
                }
                if (controller.get(FieldPath.of("spec", "source", "helm", "parameters")) instanceof List<?> params) {
                    for (int i = 0; i < params.size(); i++) {
                        if (params.get(i) instanceof Map<?, ?> param && "deletionPolicy".equals(param.get("name"))
                                && param.get("value") != null) {
                            String p = String.valueOf(param.get("value"));
                            return new AckDeletionPolicy(p.strip(), "the deletionPolicy parameter of the " + service
                                    + " controller (Application " + controller.ref().name() + ")", controller,
                                    FieldPath.of("spec", "source", "helm", "parameters", i, "value"));
                        }
                    }
                }
            }
            return new AckDeletionPolicy(CHART_DEFAULT, "the ACK charts' default", null, null);
        }
    }

    private static String namespaceOf(Resource r, Resource deployer) {
        if (r.ref().namespace() != null) {
            return r.ref().namespace();
        }
        return deployer != null && deployer.get(FieldPath.of("spec", "destination", "namespace")) instanceof String n
                ? n : null;
    }

    private static String folder(Resource r) {
        String f = r.file().displayName();
        return f.substring(0, f.lastIndexOf('/') + 1);
    }
}
