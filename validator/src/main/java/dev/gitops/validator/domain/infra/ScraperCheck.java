package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
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
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * INFRA005: the Amazon Managed Service for Prometheus collectors (ACK {@code Scraper}) of the
 * infrastructure layer scrape the clusters it declares into the workspace it declares. Each EKS
 * cluster is the source of a Scraper once the layer declares a workspace (else the AnalysisTemplates
 * that query the workspace find nothing); a Scraper's source is an EKS {@code Cluster} of the layer
 * (the one of its {@code clusters/<c>/} folder, in the recorded region), its subnets and security
 * groups are the cluster's own, written as the ids their {@code services.k8s.aws/adoption-fields}
 * record (the Scraper API takes ids, not references), its destination is a declared
 * {@code Workspace}, and its configuration is a Prometheus scrape configuration with scrape jobs.
 */
public final class ScraperCheck implements Check {

    public static final Rule SCRAPER = error("INFRA005", InfraCheck.CATEGORY);

    static final String AMP = "prometheusservice.services.k8s.aws";
    private static final Pattern EKS_ARN = Pattern.compile("arn:aws[a-z-]*:eks:([a-z0-9-]+):([0-9]{12}):cluster/(.+)");
    private static final Pattern WORKSPACE_ARN = Pattern.compile("arn:aws[a-z-]*:aps:([a-z0-9-]+):([0-9]{12}):workspace/(.+)");
    private static final FieldPath EKS = FieldPath.of("spec", "source", "eksConfiguration");
    private static final FieldPath AMP_CONFIG = FieldPath.of("spec", "destination", "ampConfiguration");
    private static final FieldPath CONFIGURATION = FieldPath.of("spec", "configuration");

    @Override
    public List<Rule> rules() {
        return List.of(SCRAPER);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        List<Resource> scrapers = infra.resources().stream().filter(r -> is(r, AMP, "Scraper")).toList();
        List<Resource> workspaces = infra.resources().stream().filter(r -> is(r, AMP, "Workspace")).toList();
        List<String> scraped = new ArrayList<>();
        for (Resource s : scrapers) {
            Resource cluster = source(s, infra, findings);
            if (cluster != null) {
                scraped.add(cluster.ref().name());
                network(s, cluster, infra, "subnetIDs", "subnetRefs", "Subnet", "subnetID", findings);
                network(s, cluster, infra, "securityGroupIDs", "securityGroupRefs", "SecurityGroup", "id", findings);
            }
            destination(s, infra, workspaces, findings);
            configuration(s, findings);
        }
        if (workspaces.isEmpty()) {
            return;
        }
        for (Resource c : infra.clusters().values()) {
            if (!scraped.contains(c.ref().name())) {
                findings.at(SCRAPER, c, FieldPath.of("spec", "name"), "EKS cluster " + c.get(FieldPath.of("spec", "name"))
                                + " is the source of no Scraper: its metrics never reach the Prometheus workspace "
                                + workspaces.getFirst().ref().name() + ", and analyses that query the workspace find"
                                + " no data", "declare a Scraper (prometheusservice.services.k8s.aws) whose"
                                + " source.eksConfiguration.clusterARN names the cluster, next to it in infra/",
                        List.of(Findings.location(workspaces.getFirst(), FieldPath.ROOT, "workspace")));
            }
        }
    }

    /** The declared EKS Cluster the Scraper's clusterARN names, or null (with a finding) when there is none. */
    private static Resource source(Resource s, InfraLayer infra, Findings findings) {
        FieldPath at = EKS.key("clusterARN");
        if (!(s.get(at) instanceof String arn)) {
            findings.at(SCRAPER, s, EKS, "Scraper " + s.ref().name() + " names no EKS cluster"
                    + " (source.eksConfiguration.clusterARN): it scrapes nothing", "set the ARN of a cluster of infra/");
            return null;
        }
        Matcher m = EKS_ARN.matcher(arn);
        Resource cluster = m.matches() ? infra.clusters().get(m.group(3)) : null;
        if (cluster == null) {
            findings.at(SCRAPER, s, at, arn + " is not the ARN of an EKS cluster the infrastructure layer declares",
                    "write arn:aws:eks:<region>:<account>:cluster/<spec.name of a Cluster under infra/>");
            return null;
        }
        String folder = InfraLayer.clusterOf(s);
        String owner = InfraLayer.clusterOf(cluster);
        List<Location> where = List.of(Findings.location(cluster, FieldPath.of("spec", "name"), "cluster"));
        if (folder != null && owner != null && !folder.equals(owner)) {
            findings.at(SCRAPER, s, at, "Scraper " + s.ref().name() + " belongs to cluster " + folder + " but scrapes "
                            + m.group(3) + ", the EKS cluster of " + owner + ": " + folder + "'s metrics are never"
                            + " collected", "name the EKS cluster of " + folder, where);
            return null;
        }
        AwsOutputs outputs = infra.outputsOfEksCluster(m.group(3));
        if (outputs != null && outputs.get("region") != null && !outputs.get("region").equals(m.group(1))) {
            findings.at(SCRAPER, s, at, arn + " names region " + m.group(1) + ", but cluster " + m.group(3)
                            + " is in " + outputs.get("region") + " (" + outputs.source().file().displayName() + ")",
                    "write the recorded region", where);
        }
        return cluster;
    }

    /**
     * The Scraper's subnet or security group ids are ids of the cluster's own subnets or groups: those its
     * {@code resourcesVPCConfig} references (by the ids their adoption-fields record) or lists by id.
     */
    private static void network(Resource s, Resource cluster, InfraLayer infra, String idsField, String refsField,
                                String kind, String idField, Findings findings) {
        FieldPath at = EKS.key(idsField);
        if (!(s.get(at) instanceof List<?> ids)) {
            if (idsField.equals("subnetIDs")) {
                findings.at(SCRAPER, s, EKS, "Scraper " + s.ref().name() + " lists no subnets: the collector has no"
                        + " network interface in the cluster's VPC", "list the cluster's private subnets by id");
            }
            return;
        }
        FieldPath vpc = FieldPath.of("spec", "resourcesVPCConfig");
        Map<String, Resource> own = new LinkedHashMap<>();
        if (cluster.get(vpc.key(refsField)) instanceof List<?> refs) {
            for (Object ref : refs) {
                String name = ref instanceof Map<?, ?> m && m.get("from") instanceof Map<?, ?> f
                        && f.get("name") instanceof String n ? n : null;
                infra.resources().stream().filter(r -> r.kind().equals(kind) && Objects.equals(r.ref().name(), name)
                                && Objects.equals(r.ref().namespace(), cluster.ref().namespace()))
                        .findFirst().ifPresent(r -> own.put(adopted(r, idField), r));
            }
        }
        if (cluster.get(vpc.key(idsField)) instanceof List<?> literal) {
            literal.forEach(id -> own.put(String.valueOf(id), cluster));
        }
        own.remove(null);
        for (int i = 0; i < ids.size(); i++) {
            String id = String.valueOf(ids.get(i));
            if (!own.containsKey(id)) {
                findings.at(SCRAPER, s, at.index(i), id + " is not one of the " + kind + "s of EKS cluster "
                                + cluster.get(FieldPath.of("spec", "name")) + " (" + (own.isEmpty() ? "none recorded"
                                : String.join(", ", own.keySet())) + "): AWS refuses a collector outside the cluster's"
                                + " VPC, and a stale id (after a rebuild) names nothing",
                        "write the id of one of the cluster's " + kind + "s, as its services.k8s.aws/adoption-fields"
                                + " record it", List.of(Findings.location(cluster, vpc, "cluster")));
            }
        }
    }

    /** The destination is a declared Workspace: by reference, or by an ARN with a recorded workspace id. */
    private static void destination(Resource s, InfraLayer infra, List<Resource> workspaces, Findings findings) {
        FieldPath ref = AMP_CONFIG.key("workspaceRef").key("from").key("name");
        FieldPath arnAt = AMP_CONFIG.key("workspaceARN");
        if (s.get(ref) instanceof String name) {
            String ns = s.get(AMP_CONFIG.key("workspaceRef").key("from").key("namespace")) instanceof String n ? n
                    : s.ref().namespace();
            boolean declared = workspaces.stream().anyMatch(w -> name.equals(w.ref().name())
                    && Objects.equals(ns, w.ref().namespace()));
            if (!declared) {
                findings.at(SCRAPER, s, ref, "Scraper " + s.ref().name() + " writes to " + name + ", which is not a"
                                + " Prometheus Workspace of the infrastructure layer in namespace " + ns
                                + ": the reference never resolves and the collector is never created",
                        "reference a Workspace (prometheusservice.services.k8s.aws) declared under infra/");
            }
        } else if (s.get(arnAt) instanceof String arn) {
            Matcher m = WORKSPACE_ARN.matcher(arn);
            boolean declared = m.matches() && (workspaces.stream().anyMatch(w -> m.group(3).equals(adopted(w, "workspaceID")))
                    || infra.outputs().values().stream().anyMatch(o -> m.group(3).equals(o.get("ampWorkspaceId"))));
            if (!declared) {
                findings.at(SCRAPER, s, arnAt, arn + " is not the ARN of a Prometheus workspace the infrastructure"
                                + " layer declares (its workspace id is neither recorded as ampWorkspaceId nor in a"
                                + " Workspace's adoption-fields)", "reference the Workspace with workspaceRef instead");
            }
        } else {
            findings.at(SCRAPER, s, FieldPath.of("spec", "destination"), "Scraper " + s.ref().name()
                    + " names no workspace (destination.ampConfiguration.workspaceRef or workspaceARN)",
                    "reference the Workspace of infra/ with workspaceRef");
        }
    }

    /** The configuration is YAML with at least one scrape job, each named. */
    private static void configuration(Resource s, Findings findings) {
        if (!(s.get(CONFIGURATION) instanceof String text)) {
            return; // the schema requires it
        }
        Object parsed;
        try {
            parsed = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            findings.at(SCRAPER, s, CONFIGURATION, "the scrape configuration of Scraper " + s.ref().name()
                    + " is not YAML (" + firstLine(e.getMessage()) + "): AWS refuses the collector",
                    "write a Prometheus configuration: global and scrape_configs");
            return;
        }
        List<?> jobs = parsed instanceof Map<?, ?> m && m.get("scrape_configs") instanceof List<?> l ? l : List.of();
        if (jobs.isEmpty()) {
            findings.at(SCRAPER, s, CONFIGURATION, "the scrape configuration of Scraper " + s.ref().name()
                    + " has no scrape_configs: the collector scrapes nothing", "add at least one scrape job");
            return;
        }
        for (int i = 0; i < jobs.size(); i++) {
            if (!(jobs.get(i) instanceof Map<?, ?> job) || !(job.get("job_name") instanceof String)) {
                findings.at(SCRAPER, s, CONFIGURATION, "scrape job " + i + " of Scraper " + s.ref().name()
                        + " has no job_name: Prometheus refuses the configuration", "name every scrape job");
            }
        }
    }

    /** The value of one field of a resource's {@code services.k8s.aws/adoption-fields}, or null. */
    public static String adopted(Resource r, String field) {
        if (!(r.get(FieldPath.of("metadata", "annotations", "services.k8s.aws/adoption-fields")) instanceof String s)) {
            return null;
        }
        try {
            JsonNode v = JsonText.read(s).get(field);
            return v != null && v.isTextual() ? v.asText() : null;
        } catch (JsonProcessingException e) {
            return null; // ACK001 reports an annotation that is not a JSON object
        }
    }

    private static boolean is(Resource r, String group, String kind) {
        return kind.equals(r.kind()) && group.equals(r.ref().group());
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
