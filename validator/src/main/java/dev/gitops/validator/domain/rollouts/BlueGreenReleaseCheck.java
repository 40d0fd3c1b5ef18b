package dev.gitops.validator.domain.rollouts;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.model.Rollouts.BlueGreen;
import dev.gitops.validator.model.Rollouts.Rollout;
import dev.gitops.validator.source.FieldPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A blue-green Rollout is a release path only if the new version can be looked at before it takes traffic
 * and nothing live reaches it unpromoted: it has a preview Service, it is promoted by hand or after a
 * pre-promotion analysis, and its preview pods can tell they are preview pods (a role label from
 * {@code previewMetadata}, readable in the container through a Downward API volume of the pod's labels),
 * so that they keep off the live work queue.
 */
public final class BlueGreenReleaseCheck implements Check {
    /** The label the preview pods carry, and the value that marks them. */
    static final String ROLE_LABEL = "gitops.dev/release-role";
    static final String PREVIEW = "preview";

    public static final Rule PREVIEW_SERVICE = error("ROLLOUT019", RolloutSpecCheck.CATEGORY);
    public static final Rule GATED_PROMOTION = error("ROLLOUT020", RolloutSpecCheck.CATEGORY);
    public static final Rule PREVIEW_ISOLATION = error("ROLLOUT021", RolloutSpecCheck.CATEGORY);

    private static final FieldPath PREVIEW_LABELS = RolloutSpecCheck.BLUE_GREEN.key("previewMetadata").key("labels");
    private static final FieldPath POD_SPEC = RolloutSpecCheck.SPEC.key("template").key("spec");

    @Override
    public List<Rule> rules() {
        return List.of(PREVIEW_SERVICE, GATED_PROMOTION, PREVIEW_ISOLATION);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        for (Rollout r : Models.of(context.resources()).all(ModelKind.ROLLOUT)) {
            BlueGreen bg = r.blueGreen();
            if (bg == null) continue;
            if (bg.previewService() == null || bg.previewService().isBlank()) {
                findings.at(PREVIEW_SERVICE, r.source(), RolloutSpecCheck.BLUE_GREEN,
                        "blue-green Rollout " + r.name() + " has no previewService: the new version cannot be "
                                + "tested, or analysed through its Service, before it takes all traffic",
                        "add previewService: a Service selecting the Rollout's pods, other than the activeService");
            }
            if (!Boolean.FALSE.equals(bg.autoPromotionEnabled()) && bg.prePromotionAnalysis() == null) {
                findings.at(GATED_PROMOTION, r.source(), bg.autoPromotionEnabled() == null
                                ? RolloutSpecCheck.BLUE_GREEN : RolloutSpecCheck.BLUE_GREEN.key("autoPromotionEnabled"),
                        "blue-green Rollout " + r.name() + " promotes itself"
                                + (bg.autoPromotionSeconds() == null ? "" : " after " + bg.autoPromotionSeconds() + " s")
                                + " without a pre-promotion analysis: the new version takes all traffic unchecked",
                        "set autoPromotionEnabled: false (promote by hand), or add prePromotionAnalysis");
            }
            isolation(r, findings);
        }
    }

    private static void isolation(Rollout r, Findings findings) {
        Object role = r.source().get(PREVIEW_LABELS.key(ROLE_LABEL));
        if (!PREVIEW.equals(role)) {
            findings.at(PREVIEW_ISOLATION, r.source(), role == null ? RolloutSpecCheck.BLUE_GREEN
                            : PREVIEW_LABELS.key(ROLE_LABEL),
                    "the preview pods of blue-green Rollout " + r.name() + " are not labelled " + ROLE_LABEL + ": "
                            + PREVIEW + ", so they run as active pods and consume the live queue",
                    "add previewMetadata.labels." + ROLE_LABEL + ": preview (and activeMetadata ... active)");
        }
        if (!r.hasTemplate()) return; // a workloadRef template is checked where it is defined
        Set<String> labelVolumes = labelVolumes(r.source().get(POD_SPEC.key("volumes")));
        Object containers = r.source().get(POD_SPEC.key("containers"));
        if (labelVolumes.isEmpty()) {
            findings.at(PREVIEW_ISOLATION, r.source(), POD_SPEC, "the pods of blue-green Rollout " + r.name()
                            + " cannot read their labels: no downwardAPI volume with fieldPath metadata.labels, so a "
                            + "preview pod cannot tell it is one (nor follow its promotion)",
                    "add a downwardAPI volume item {path: labels, fieldRef: {fieldPath: metadata.labels}} and mount it");
            return;
        }
        if (!(containers instanceof List<?> list)) return;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> c) || mountsAny(c.get("volumeMounts"), labelVolumes)) continue;
            findings.at(PREVIEW_ISOLATION, r.source(), POD_SPEC.key("containers").index(i),
                    "container " + c.get("name") + " of blue-green Rollout " + r.name()
                            + " does not mount the pod's labels (volume " + String.join(", ", labelVolumes) + ")",
                    "mount the downwardAPI volume in every container that publishes or consumes work");
        }
    }

    /** Names of the pod's volumes that expose {@code metadata.labels} through the Downward API. */
    private static Set<String> labelVolumes(Object volumes) {
        Set<String> names = new HashSet<>();
        if (!(volumes instanceof List<?> list)) return names;
        for (Object v : list) {
            if (!(v instanceof Map<?, ?> volume) || !(volume.get("downwardAPI") instanceof Map<?, ?> api)) continue;
            if (!(api.get("items") instanceof List<?> items)) continue;
            for (Object item : items) {
                if (item instanceof Map<?, ?> it && it.get("fieldRef") instanceof Map<?, ?> ref
                        && "metadata.labels".equals(ref.get("fieldPath")) && volume.get("name") instanceof String n) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static boolean mountsAny(Object mounts, Set<String> volumes) {
        if (!(mounts instanceof List<?> list)) return false;
        return list.stream().anyMatch(m -> m instanceof Map<?, ?> mount && volumes.contains(mount.get("name")));
    }
}
