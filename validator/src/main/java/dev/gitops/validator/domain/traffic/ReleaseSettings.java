package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.load.Globs;
import dev.gitops.validator.model.ModelKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code release:} section of {@code .gitops-validator.yaml}, and where each cluster's files are.
 *
 * <pre>
 * release:
 *   maxStep: 25                          # most weight points one shift may move (of 100)
 *   imagePath: apps/processor/{cluster}  # where release sets the image references
 *   betaWindowDays: 5                    # days both clusters may run before COST001 warns
 *   shutdownAfterDays: 1                 # days a drained cluster may keep billing before COST002
 *   shutdownApplications: [edge, dns]    # the cluster's Applications ./gitops shutdown removes first
 *   shutdownInfra: infra/aws/clusters/{cluster}  # the folder it removes second: the cluster itself
 * clusters:                              # paths deployed to each cluster (shared with the validator)
 *   even: [clusters/even/**, apps/*&#47;base/**, apps/*&#47;even/**]
 * </pre>
 *
 * @param maxStep the largest weight change one shift may make, in points of 100
 * @param imagePath the folder, with {@code {cluster}} for the cluster id, whose image references
 *     {@code release} sets
 * @param clusterPaths cluster to the glob patterns of the paths deployed to it
 * @param shutdownApplications names of the Applications under {@code clusters/<cluster>/} that create
 *     what AWS bills outside the cluster's own lifetime; {@code shutdown} removes them first
 * @param shutdownInfra the folder, with {@code {cluster}}, that declares the cluster itself (EKS,
 *     node groups, roles); {@code shutdown} removes it second; empty when the tree has none
 */
public record ReleaseSettings(int maxStep, String imagePath, Map<Cluster, List<String>> clusterPaths,
                              List<String> shutdownApplications, String shutdownInfra) {

    public static final int DEFAULT_MAX_STEP = 25;
    public static final String DEFAULT_IMAGE_PATH = "apps/processor/{cluster}";

    public ReleaseSettings {
        clusterPaths = Map.copyOf(clusterPaths);
        shutdownApplications = List.copyOf(shutdownApplications);
    }

    public static final int DEFAULT_BETA_WINDOW_DAYS = 5;
    public static final int DEFAULT_SHUTDOWN_AFTER_DAYS = 1;

    /**
     * {@code release:} in the configuration: the largest weight step, where the images are, how many
     * days both clusters may run for a beta (COST001), and how many days a drained cluster may keep
     * what shutdown removes (COST002), and what shutdown removes.
     */
    public record Section(int maxStep, String imagePath, int betaWindowDays, int shutdownAfterDays,
                          List<String> shutdownApplications, String shutdownInfra) {
    }

    public static final ConfigSection<Section> SECTION = new ConfigSection<>("release",
            r -> new Section((int) r.integer("maxStep", DEFAULT_MAX_STEP, 1, 100),
                    stripSlash(r.string("imagePath", DEFAULT_IMAGE_PATH)),
                    (int) r.integer("betaWindowDays", DEFAULT_BETA_WINDOW_DAYS, 0, 366),
                    (int) r.integer("shutdownAfterDays", DEFAULT_SHUTDOWN_AFTER_DAYS, 0, 366),
                    r.strings("shutdownApplications"), stripSlash(r.string("shutdownInfra", ""))));

    /** Reads the settings; a malformed value is an {@link IllegalArgumentException} naming the key. */
    public static ReleaseSettings of(ValidatorConfig config) {
        Section section = config.settings(SECTION);
        Map<Cluster, List<String>> paths = new java.util.EnumMap<>(Cluster.class);
        for (Cluster c : Cluster.values()) {
            List<String> given = config.clusters().get(c.id());
            paths.put(c, given != null ? given
                    : List.of("clusters/" + c.id() + "/**", "apps/*/base/**", "apps/*/" + c.id() + "/**"));
        }
        return new ReleaseSettings(section.maxStep(), section.imagePath(), paths, section.shutdownApplications(),
                section.shutdownInfra());
    }

    /**
     * The settings, or empty when a value is malformed: for the checks that only read them, since the
     * configuration's own check reports the malformed value.
     */
    public static Optional<ReleaseSettings> ifReadable(ValidatorConfig config) {
        try {
            return Optional.of(of(config));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The folder declaring the cluster itself, relative to the root; empty when the tree has none. */
    public String infraFolder(Cluster cluster) {
        return shutdownInfra.replace("{cluster}", cluster.id());
    }

    /** The image folder of a cluster, relative to the root, without a trailing slash. */
    public String imageFolder(Cluster cluster) {
        return imagePath.replace("{cluster}", cluster.id());
    }

    /**
     * Whether {@code ./gitops shutdown} removes the resource from the cluster's tree: one of the
     * cluster's Applications named in {@code shutdownApplications}, or a file of its infra folder.
     */
    public boolean removedByShutdown(Cluster cluster, dev.gitops.validator.resource.Resource r) {
        String file = r.file().displayName();
        String infra = infraFolder(cluster);
        if (!infra.isEmpty() && file.startsWith(infra + "/")) {
            return true;
        }
        return ModelKind.APPLICATION.matches(r)
                && shutdownApplications.contains(r.ref().name()) && file.startsWith("clusters/" + cluster.id() + "/");
    }

    /** Whether a file (relative to the root) is deployed to the cluster. */
    public boolean deployedTo(Cluster cluster, String file) {
        return new Globs(clusterPaths.get(cluster)).matches(file);
    }

    /** Whether a file is deployed to this cluster only (its own manifests, not the shared ones). */
    public boolean ownedBy(Cluster cluster, String file) {
        return deployedTo(cluster, file) && !deployedTo(cluster.other(), file);
    }

    private static String stripSlash(String s) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
