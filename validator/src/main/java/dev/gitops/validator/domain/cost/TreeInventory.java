package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.cost.ClusterInventory.Acl;
import dev.gitops.validator.domain.cost.ClusterInventory.Alb;
import dev.gitops.validator.domain.cost.ClusterInventory.HealthCheck;
import dev.gitops.validator.domain.cost.ClusterInventory.NodeGroup;
import dev.gitops.validator.domain.cost.ClusterInventory.Pool;
import dev.gitops.validator.domain.cost.ClusterInventory.Workload;
import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what costs money out of a tree's resources. A resource belongs to a cluster when its file is
 * deployed to it ({@code clusters:} of the configuration) and, where the cluster's tree has Argo CD
 * Applications, one of them deploys its folder (an {@code apps/} folder whose Application shutdown
 * removed costs nothing); or when a folder of its path is named after the cluster
 * ({@code infra/aws/clusters/even/}). NAT gateways, hosted zones and buckets are the platform's.
 */
public final class TreeInventory {

    static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
    private static final String ALB = "alb.ingress.kubernetes.io/";
    private static final java.util.regex.Pattern LOG_BUCKET =
            java.util.regex.Pattern.compile("access_logs\\.s3\\.bucket\\s*=\\s*([^,\\s]+)");
    /** A CloudFront origin that is an S3 bucket's REST endpoint: {@code <bucket>.s3[.<region>].amazonaws.com}. */
    private static final java.util.regex.Pattern S3_REST_ORIGIN =
            java.util.regex.Pattern.compile("(.+)\\.s3(?:\\.[a-z0-9-]+)?\\.amazonaws\\.com");

    private final List<Resource> resources;
    private final ReleaseSettings settings;

    /** Clusters whose tree has Argo CD Applications: their Applications say what is deployed. */
    private final Set<Cluster> deployedByApplications;

    public TreeInventory(List<Resource> resources, ReleaseSettings settings) {
        this(resources, settings, null);
    }

    private TreeInventory(List<Resource> resources, ReleaseSettings settings, Set<Cluster> deployedByApplications) {
        this.resources = List.copyOf(resources);
        this.settings = settings;
        if (deployedByApplications == null) {
            Set<Cluster> with = java.util.EnumSet.noneOf(Cluster.class);
            for (Cluster c : Cluster.values()) {
                if (resources.stream().anyMatch(r -> is(r, "Application", "argoproj.io")
                        && r.file().displayName().startsWith("clusters/" + c.id() + "/"))) {
                    with.add(c);
                }
            }
            this.deployedByApplications = with;
        } else {
            this.deployedByApplications = deployedByApplications;
        }
    }

    /** The same tree without what {@code ./gitops shutdown} removes for the cluster. */
    public TreeInventory afterShutdown(Cluster c) {
        return new TreeInventory(resources.stream().filter(r -> !settings.removedByShutdown(c, r)).toList(), settings,
                deployedByApplications);
    }

    /** Each cluster's inventory, with the state the tree gives it. */
    public Map<Cluster, ClusterInventory> clusters(TrafficTree tree) throws CostInputException {
        Map<Cluster, ClusterInventory> out = new EnumMap<>(Cluster.class);
        for (Cluster c : Cluster.values()) {
            out.put(c, cluster(tree, c));
        }
        return out;
    }

    /** One cluster's inventory, with the state the tree gives it. */
    public ClusterInventory cluster(TrafficTree tree, Cluster c) throws CostInputException {
        ClusterState s = tree.state(c);
        Set<String> drainScales = new HashSet<>();
        tree.capacities(c, settings).forEach(k -> drainScales.add(key(k.resource())));
        return cluster(c, s != null && s.drained(), s == null ? 0 : s.weight(), drainScales);
    }

    private static String key(Resource r) {
        return r.file().displayName() + "#" + r.documentIndex() + "#" + r.itemIndex();
    }

    private ClusterInventory cluster(Cluster c, boolean drained, int weight, Set<String> drainScales)
            throws CostInputException {
        List<String> deployed = deployedByApplications.contains(c) ? applicationPaths(c) : null;
        List<Resource> mine = resources.stream().filter(r -> belongs(c, r, deployed)).toList();
        Map<String, Double> nodeClassGib = new java.util.HashMap<>();
        for (Resource r : mine) {
            if (is(r, "EC2NodeClass", "karpenter.k8s.aws")) {
                double gib = 0;
                for (Object m : Doc.list(r.content(), "spec", "blockDeviceMappings")) {
                    Double size = Doc.gib(Doc.at(m, "ebs", "volumeSize"));
                    gib += size == null ? 0 : size;
                }
                nodeClassGib.put(r.ref().name(), gib);
            }
        }
        int eks = 0;
        List<NodeGroup> groups = new ArrayList<>();
        List<Pool> pools = new ArrayList<>();
        List<Alb> albs = new ArrayList<>();
        List<Acl> acls = new ArrayList<>();
        List<HealthCheck> checks = new ArrayList<>();
        double brokerGib = 0;
        Map<String, Long> kedaMinimum = new java.util.HashMap<>();
        for (Resource r : mine) {
            if (is(r, "ScaledObject", "keda.sh") && Doc.integer(r.content(), "spec", "minReplicaCount") != null) {
                kedaMinimum.put(Doc.string(r.content(), "spec", "scaleTargetRef", "name"),
                        Doc.integer(r.content(), "spec", "minReplicaCount"));
            }
        }
        List<Workload> workloads = new ArrayList<>();
        for (Resource r : mine) {
            Object spec = r.content().get("spec");
            String name = r.ref().name();
            if (is(r, "Cluster", "eks.services.k8s.aws")) {
                eks++;
            } else if (is(r, "Nodegroup", "eks.services.k8s.aws")) {
                groups.add(nodeGroup(r, spec));
            } else if (is(r, "NodePool", "karpenter.sh")) {
                pools.add(pool(r, spec, nodeClassGib));
            } else if (is(r, "Ingress", "networking.k8s.io") && isAlb(r, spec)) {
                albs.add(alb(r));
            } else if (is(r, "WebACL", "wafv2.services.k8s.aws")) {
                acls.add(acl(r, spec));
            } else if (is(r, "HealthCheck", "route53.services.k8s.aws")) {
                checks.add(new HealthCheck(name, features(Doc.at(spec, "healthCheckConfig"))));
            } else if (is(r, "RabbitmqCluster", "rabbitmq.com")) {
                long replicas = orDefault(Doc.integer(spec, "replicas"), 1);
                Double size = Doc.gib(Doc.at(spec, "persistence", "storage"));
                brokerGib += replicas * (size == null ? 10 : size); // the operator's default volume is 10Gi
                Object pod = Doc.at(spec, "override", "statefulSet", "spec", "template", "spec");
                workloads.add(new Workload(r.kind(), name, replicas, number(Doc.cores(Doc.at(spec, "resources", "requests",
                        "cpu"))), number(Doc.gib(Doc.at(spec, "resources", "requests", "memory"))),
                        onDemand(pod), drainScales.contains(key(r))));
            } else if (is(r, "Application", "argoproj.io")) {
                workloads.addAll(ChartWorkloads.of(r));
            } else if (is(r, "Rollout", "argoproj.io") || is(r, "Deployment", "apps") || is(r, "StatefulSet", "apps")) {
                long replicas = kedaMinimum.containsKey(name) && !drained ? kedaMinimum.get(name)
                        : orDefault(Doc.integer(spec, "replicas"), 1);
                Object pod = Doc.at(spec, "template", "spec");
                double cpu = 0;
                double mem = 0;
                for (Object container : Doc.list(pod, "containers")) {
                    cpu += number(Doc.cores(Doc.at(container, "resources", "requests", "cpu")));
                    mem += number(Doc.gib(Doc.at(container, "resources", "requests", "memory")));
                }
                workloads.add(new Workload(r.kind(), name, replicas, cpu, mem, onDemand(pod),
                        drainScales.contains(key(r))));
            }
        }
        return new ClusterInventory(c, eks, groups, pools, workloads, albs, acls, checks, brokerGib, drained, weight);
    }

    /** NAT gateways, hosted zones, buckets and whether anything asks for Shield Advanced. */
    public SharedInventory shared() {
        int nat = 0;
        int eips = 0;
        int zones = 0;
        boolean shield = false;
        List<SharedInventory.Bucket> buckets = new ArrayList<>();
        Map<String, String> replicaClass = new java.util.HashMap<>();
        Set<String> logBuckets = new HashSet<>();
        Set<String> originBuckets = new HashSet<>();
        List<String> distributions = new ArrayList<>();
        for (Resource r : resources) {
            if (is(r, "Distribution", "cloudfront.services.k8s.aws")) {
                distributions.add(r.ref().name());
                for (Object origin : Doc.list(r.content(), "spec", "distributionConfig", "origins", "items")) {
                    String domain = Doc.string(origin, "domainName");
                    java.util.regex.Matcher m = domain == null ? null : S3_REST_ORIGIN.matcher(domain);
                    if (m != null && m.matches()) {
                        originBuckets.add(m.group(1));
                    }
                }
            }
            String attributes = is(r, "Ingress", "networking.k8s.io") ? annotation(r, ALB + "load-balancer-attributes")
                    : null;
            if (attributes != null) {
                java.util.regex.Matcher m = LOG_BUCKET.matcher(attributes);
                while (m.find()) {
                    logBuckets.add(m.group(1));
                }
            }
            for (Object rule : Doc.list(r.content(), "spec", "replication", "rules")) {
                String arn = Doc.string(rule, "destination", "bucket");
                String cls = Doc.string(rule, "destination", "storageClass");
                if (arn != null && cls != null) {
                    replicaClass.put(arn.substring(arn.lastIndexOf(':') + 1), cls);
                }
            }
        }
        for (Resource r : resources) {
            if (is(r, "NATGateway", "ec2.services.k8s.aws")) {
                nat++;
            } else if (is(r, "ElasticIPAddress", "ec2.services.k8s.aws")) {
                eips++;
            } else if (is(r, "HostedZone", "route53.services.k8s.aws")) {
                zones++;
            } else if (is(r, "Bucket", "s3.services.k8s.aws") && !(r.get("spec.website") instanceof Map<?, ?>)) {
                // Website buckets and the origins of CloudFront distributions (the maintenance page) hold a few
                // static files, not documents.
                String name = Doc.string(r.content(), "spec", "name");
                String bucket = name == null ? r.ref().name() : name;
                if (!originBuckets.contains(bucket)) {
                    buckets.add(bucket(bucket, r.content(), replicaClass, logBuckets.contains(bucket)));
                }
            } else if (is(r, "Ingress", "networking.k8s.io")
                    && "true".equals(annotation(r, ALB + "shield-advanced-protection"))) {
                shield = true;
            }
        }
        return new SharedInventory(nat, eips, zones, buckets, shield, distributions);
    }

    /** {@code deployed}: the folders the cluster's Applications sync, or null when it has none (then its files). */
    private boolean belongs(Cluster c, Resource r, List<String> deployed) {
        String file = r.file().displayName();
        if (file.startsWith("clusters/" + c.id() + "/")) {
            return true;
        }
        if (settings.deployedTo(c, file)) {
            return deployed == null || deployed.stream().anyMatch(p -> file.startsWith(p + "/"));
        }
        return List.of(file.split("/")).contains(c.id());
    }

    /** The source paths of the Applications in the cluster's own folder ({@code clusters/<c>/}). */
    private List<String> applicationPaths(Cluster c) {
        List<String> out = new ArrayList<>();
        for (Resource r : resources) {
            if (is(r, "Application", "argoproj.io") && r.file().displayName().startsWith("clusters/" + c.id() + "/")) {
                out.addAll(ShutdownCheck.sourcePaths(r));
            }
        }
        return out;
    }

    private static boolean is(Resource r, String kind, String group) {
        return kind.equals(r.kind()) && group.equals(r.ref().group());
    }

    private static NodeGroup nodeGroup(Resource r, Object spec) throws CostInputException {
        List<?> types = Doc.list(spec, "instanceTypes");
        Long desired = Doc.integer(spec, "scalingConfig", "desiredSize");
        if (types.isEmpty() || desired == null) {
            throw new CostInputException(r.file().displayName() + ": Nodegroup " + r.ref().name()
                    + " needs spec.instanceTypes and spec.scalingConfig.desiredSize to be priced");
        }
        return new NodeGroup(r.ref().name(), String.valueOf(types.getFirst()), desired.intValue());
    }

    private static Pool pool(Resource r, Object spec, Map<String, Double> nodeClassGib) throws CostInputException {
        Object limits = Doc.at(spec, "limits");
        Double cpu = limits == null ? null : Doc.cores(Doc.at(limits, "cpu"));
        Double mem = limits == null ? null : Doc.gib(Doc.at(limits, "memory"));
        if (limits != null && Doc.at(limits, "cpu") != null && cpu == null) {
            throw new CostInputException(r.file().displayName() + ": NodePool " + r.ref().name()
                    + ": spec.limits.cpu is not a quantity");
        }
        boolean spot = false;
        Set<String> categories = new HashSet<>();
        Set<String> archs = new HashSet<>();
        int genAbove = 0;
        for (Object req : Doc.list(spec, "template", "spec", "requirements")) {
            String key = Doc.string(req, "key");
            String op = Doc.string(req, "operator");
            List<String> values = Doc.list(req, "values").stream().map(String::valueOf).toList();
            if (CAPACITY_TYPE.equals(key) && "In".equals(op)) {
                spot = values.contains("spot");
            } else if ("karpenter.k8s.aws/instance-category".equals(key) && "In".equals(op)) {
                categories.addAll(values);
            } else if ("kubernetes.io/arch".equals(key) && "In".equals(op)) {
                archs.addAll(values);
            } else if ("karpenter.k8s.aws/instance-generation".equals(key) && "Gt".equals(op) && !values.isEmpty()) {
                genAbove = Integer.parseInt(values.getFirst().strip());
            }
        }
        return new Pool(r.ref().name(), spot, orDefault(Doc.integer(spec, "weight"), 0), cpu, mem, Set.copyOf(categories),
                genAbove, Set.copyOf(archs), nodeClassGib.getOrDefault(Doc.string(spec, "template", "spec",
                "nodeClassRef", "name"), 0.0));
    }

    private static boolean isAlb(Resource r, Object spec) {
        return "alb".equals(Doc.string(spec, "ingressClassName")) || annotation(r, ALB + "scheme") != null;
    }

    /** An ALB and the web ACL it names, by {@code wafv2-acl-name} or by the name inside {@code wafv2-acl-arn}. */
    private static Alb alb(Resource r) {
        String arn = annotation(r, ALB + "wafv2-acl-arn");
        String acl = annotation(r, ALB + "wafv2-acl-name");
        if (acl == null && arn != null && arn.contains("/webacl/")) {
            String rest = arn.substring(arn.indexOf("/webacl/") + 8);
            acl = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        }
        return new Alb(r.ref().name(), "internet-facing".equals(annotation(r, ALB + "scheme")),
                "true".equals(annotation(r, ALB + "shield-advanced-protection")), acl);
    }

    private static Acl acl(Resource r, Object spec) {
        List<?> rules = Doc.list(spec, "rules");
        boolean bot = rules.stream().anyMatch(rule -> "AWSManagedRulesBotControlRuleSet"
                .equals(Doc.string(rule, "statement", "managedRuleGroupStatement", "name")));
        String name = Doc.string(spec, "name");
        return new Acl(name == null ? r.ref().name() : name, rules.size(), bot);
    }

    /** Optional health check features AWS prices: HTTPS, string matching, 10 s interval, latency. */
    static int features(Object config) {
        String type = Doc.string(config, "type");
        int n = 0;
        if (type != null && type.startsWith("HTTPS")) {
            n++;
        }
        if (type != null && type.endsWith("_STR_MATCH")) {
            n++;
        }
        if (Long.valueOf(10).equals(Doc.integer(config, "requestInterval"))) {
            n++;
        }
        if (Boolean.TRUE.equals(Doc.at(config, "measureLatency"))) {
            n++;
        }
        return n;
    }

    private static SharedInventory.Bucket bucket(String name, Map<String, Object> content,
                                                 Map<String, String> replicaClass, boolean accessLogs) {
        List<SharedInventory.Transition> transitions = new ArrayList<>();
        Integer expiration = null;
        for (Object rule : Doc.list(content, "spec", "lifecycle", "rules")) {
            if (!"Enabled".equals(Doc.string(rule, "status"))) {
                continue;
            }
            for (Object t : Doc.list(rule, "transitions")) {
                Long days = Doc.integer(t, "days");
                if (days != null && Doc.string(t, "storageClass") != null) {
                    transitions.add(new SharedInventory.Transition(days.intValue(), Doc.string(t, "storageClass")));
                }
            }
            Long exp = Doc.integer(rule, "expiration", "days");
            if (exp != null) {
                expiration = exp.intValue();
            }
        }
        transitions.sort(java.util.Comparator.comparingInt(SharedInventory.Transition::days));
        return new SharedInventory.Bucket(name, replicaClass.getOrDefault(name, "STANDARD"), transitions, expiration,
                accessLogs);
    }

    static boolean onDemand(Object podSpec) {
        return "on-demand".equals(Doc.string(podSpec, "nodeSelector", CAPACITY_TYPE));
    }

    private static String annotation(Resource r, String key) {
        return Doc.string(r.content(), "metadata", "annotations", key);
    }

    private static long orDefault(Long v, long d) {
        return v == null ? d : v;
    }

    static double number(Double d) {
        return d == null ? 0 : d;
    }
}
