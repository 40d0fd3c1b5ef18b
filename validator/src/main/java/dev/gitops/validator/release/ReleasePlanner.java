package dev.gitops.validator.release;

import dev.gitops.validator.domain.cost.CostCheck;
import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.Sites;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns each release command into the edits it makes, or refuses it. Every rule a command enforces
 * lives here, with a message that says what to do instead.
 */
public final class ReleasePlanner {

    /** The label that names a workload's sprint. */
    public static final String SPRINT_LABEL = "gitops.dev/sprint";
    /** KEDA's annotation that holds a ScaledObject at a fixed replica count. */
    public static final String PAUSED_ANNOTATION = "autoscaling.keda.sh/paused-replicas";
    private static final FieldPath PAUSED = FieldPath.of("metadata", "annotations", PAUSED_ANNOTATION);

    private final Workspace workspace;

    public ReleasePlanner(Workspace workspace) {
        this.workspace = workspace;
    }

    /** {@code release --sprint N --image REF}: sprint N onto the idle cluster of N's parity, as beta target. */
    public Plan release(int sprint, String image) throws Refusal {
        TrafficTree t = workspace.requireComplete();
        ReleaseSettings settings = workspace.settings();
        if (sprint < 1) {
            throw new Refusal("--sprint must be a positive sprint number, not " + sprint);
        }
        Cluster c = Cluster.forSprint(sprint);
        Cluster o = c.other();
        ClusterState s = t.state(c);
        ClusterState so = t.state(o);
        String head = "cannot release sprint " + sprint + " onto " + c + ": ";
        if (s.weight() > 0) {
            throw new Refusal(head + c + " serves public traffic (weight " + s.weight() + " in " + TrafficTree.fileOf(s)
                    + "). Move its weight away (./gitops shift --to " + o + " ...) and drain it (./gitops drain " + c
                    + ") first.");
        }
        boolean again = s.sprint() == sprint && s.betaTarget();
        if (!again) {
            if (!s.drained()) {
                throw new Refusal(head + c + " is not drained and idle (it runs sprint " + s.sprint()
                        + ", drained \"false\" in " + TrafficTree.fileOf(s) + "). Drain it first: ./gitops drain " + c);
            }
            if (sprint <= s.sprint()) {
                throw new Refusal(head + "it is not newer than sprint " + s.sprint() + " already on " + c + ".");
            }
            if (sprint <= so.sprint()) {
                throw new Refusal(head + "it is not newer than sprint " + so.sprint() + " on " + o + ".");
            }
        }
        String ref = image == null ? "" : image.strip();
        if (ref.isEmpty() || ref.chars().anyMatch(Character::isWhitespace)) {
            throw new Refusal("--image must be an image reference such as registry.example.com/processor:43.0.0");
        }
        String repository = Sites.repositoryOf(ref);
        if (repository.equals(ref)) {
            throw new Refusal("--image " + ref + " names no tag or digest; release a pinned image (REPO:TAG or REPO@sha256:...)");
        }
        List<Sites.Image> images = t.releaseImages(c, settings);
        if (images.isEmpty()) {
            throw new Refusal(head + "no image references in " + settings.imageFolder(c) + "/ (release.imagePath)");
        }
        List<Sites.Image> matching = images.stream().filter(i -> i.repository().equals(repository)).toList();
        if (matching.isEmpty()) {
            throw new Refusal(head + "no image of " + repository + " in " + settings.imageFolder(c) + "/ (found: "
                    + String.join(", ", images.stream().map(Sites.Image::repository).distinct().toList()) + ")");
        }
        TreeEdits edits = new TreeEdits();
        List<String> notes = new ArrayList<>();
        new ShutdownPlanner(workspace).restore(t, c, edits, notes);
        setState(edits, s, "sprint", String.valueOf(sprint));
        setState(edits, s, "betaTarget", "true");
        setState(edits, s, "betaValidated", "false");
        setState(edits, s, "drained", "false");
        setState(edits, so, "betaTarget", "false");
        edits.annotate(s.source(), CostCheck.BETA_SINCE, LocalDate.now(ZoneOffset.UTC).toString());
        String tag = tagOf(ref);
        for (Sites.Image i : matching) {
            edits.set(i.resource(), i.path(), ref);
        }
        for (Resource r : matching.stream().map(Sites.Image::resource).distinct().toList()) {
            for (FieldPath labels : List.of(FieldPath.of("metadata", "labels"),
                    FieldPath.of("spec", "template", "metadata", "labels"))) {
                setIfPresent(edits, r, labels.key(SPRINT_LABEL), String.valueOf(sprint));
                if (tag != null) {
                    setIfPresent(edits, r, labels.key("version"), tag);
                    setIfPresent(edits, r, labels.key("app.kubernetes.io/version"), tag);
                }
            }
        }
        for (Sites.Capacity k : t.capacities(c, settings)) {
            if (!k.isZero()) {
                continue;
            }
            Sites.Capacity from = counterpart(k, c, t.capacities(o, settings));
            if (from == null) {
                throw new Refusal(head + "cannot restore " + k.resource().ref().display() + " " + k.path() + " in "
                        + k.file() + ": no counterpart in " + o + "'s files to copy the capacity from");
            }
            if (from.isZero()) {
                throw new Refusal(head + "cannot restore " + k.resource().ref().display() + " " + k.path()
                        + ": its counterpart in " + from.file() + " is 0 too");
            }
            edits.set(k.resource(), k.path(), from.value());
            notes.add(k.file() + ": " + k.path() + " restored to " + from.value() + " (as on " + o + ")");
        }
        for (Resource r : t.scalers(c, settings)) {
            if (r.get(PAUSED) != null) {
                edits.unannotate(r, PAUSED_ANNOTATION);
                notes.add(r.file().displayName() + ": " + r.ref().display() + " autoscaling resumed");
            }
        }
        moveBetaRecords(t, settings, c, edits, notes, head);
        notes.addAll(ServingGates.set(workspace, t, c, false, edits));
        return new Plan("release: sprint " + sprint + " (" + ref + ") onto " + c + ", the beta target", edits, notes);
    }

    /** {@code beta-ok}: the beta target's sprint passed beta. */
    public Plan betaOk(Cluster explicit) throws Refusal {
        TrafficTree t = workspace.requireComplete();
        List<ClusterState> targets = t.states().values().stream().filter(ClusterState::betaTarget).toList();
        ClusterState s;
        if (explicit != null) {
            s = t.state(explicit);
            if (!s.betaTarget()) {
                throw new Refusal("cannot mark " + explicit + " beta-validated: it is not the beta target"
                        + (targets.isEmpty() ? "" : " (" + targets.getFirst().cluster() + " is)"));
            }
        } else if (targets.size() == 1) {
            s = targets.getFirst();
        } else if (targets.isEmpty()) {
            throw new Refusal("no cluster is the beta target; release a sprint first (./gitops release --sprint N --image REF)");
        } else {
            throw new Refusal("both clusters are marked betaTarget; fix the cluster states, or name one: beta-ok --cluster even|odd");
        }
        if (s.drained()) {
            throw new Refusal("cannot mark " + s.cluster() + " beta-validated: it is drained");
        }
        TreeEdits edits = new TreeEdits();
        setState(edits, s, "betaValidated", "true");
        List<String> notes = ServingGates.set(workspace, t, Cluster.parse(s.cluster()), true, edits);
        return new Plan("beta-ok: sprint " + s.sprint() + " on " + s.cluster() + " passed beta", edits, notes);
    }

    /** {@code shift --to C (--step P | --weight W)}: moves public weight onto C. */
    public Plan shift(Cluster to, Integer step, Integer weight) throws Refusal {
        TrafficTree t = workspace.requireComplete();
        if ((step == null) == (weight == null)) {
            throw new Refusal("give exactly one of --step P and --weight W");
        }
        ClusterState s = t.state(to);
        ClusterState so = t.state(to.other());
        if (s.weight() + so.weight() != 100) {
            throw new Refusal("the weights do not sum to 100 (" + to + " " + s.weight() + ", " + to.other() + " "
                    + so.weight() + "); fix the cluster states first");
        }
        int target = weight != null ? weight : s.weight() + step;
        String head = "cannot shift weight to " + to + ": ";
        if (target < 0 || target > 100) {
            throw new Refusal(head + "the new weight " + target + " is outside 0..100");
        }
        if (target <= s.weight()) {
            throw new Refusal(head + to + " already has weight " + s.weight() + "; to move weight the other way use --to "
                    + to.other() + ", or ./gitops rollback");
        }
        int max = workspace.settings().maxStep();
        if (target - s.weight() > max) {
            throw new Refusal(head + "a step of " + (target - s.weight()) + " points (" + s.weight() + " -> " + target
                    + ") is above the maximum step of " + max + " (release.maxStep in .gitops-validator.yaml); shift in steps of at most "
                    + max);
        }
        if (s.drained()) {
            throw new Refusal(head + to + " is drained; release a sprint onto it first");
        }
        if (!s.betaValidated()) {
            throw new Refusal(head + "sprint " + s.sprint() + " on " + to + " is not beta-validated; when beta passes, run ./gitops beta-ok");
        }
        TreeEdits edits = new TreeEdits();
        setWeights(t, edits, to, target);
        return new Plan("shift: " + to + " " + s.weight() + " -> " + target + ", " + to.other() + " " + so.weight()
                + " -> " + (100 - target), edits, List.of());
    }

    /** {@code drain C}: scales C down once it serves nothing and is not the beta target. */
    public Plan drain(Cluster c) throws Refusal {
        TrafficTree t = workspace.requireComplete();
        ClusterState s = t.state(c);
        String head = "cannot drain " + c + ": ";
        if (s.weight() > 0) {
            throw new Refusal(head + "it serves public traffic (weight " + s.weight() + " in " + TrafficTree.fileOf(s)
                    + "); shift its weight to " + c.other() + " first");
        }
        if (s.betaTarget()) {
            throw new Refusal(head + "it is the beta target (sprint " + s.sprint() + "); release the next sprint onto "
                    + c.other() + " first");
        }
        TreeEdits edits = new TreeEdits();
        setState(edits, s, "drained", "true");
        edits.annotate(s.source(), CostCheck.DRAINED_SINCE, LocalDate.now(ZoneOffset.UTC).toString());
        List<String> notes = new ArrayList<>(ServingGates.set(workspace, t, c, false, edits));
        for (Sites.Capacity k : t.capacities(c, workspace.settings())) {
            if (!k.isZero()) {
                edits.set(k.resource(), k.path(), k.zero());
                notes.add(k.file() + ": " + k.path() + " " + k.value() + " -> 0");
            }
        }
        for (Resource r : t.scalers(c, workspace.settings())) {
            if (!"0".equals(r.get(PAUSED))) {
                edits.annotate(r, PAUSED_ANNOTATION, "0");
                notes.add(r.file().displayName() + ": " + r.ref().display() + " paused at 0 replicas ("
                        + PAUSED_ANNOTATION + ")");
            }
        }
        return new Plan("drain: " + c + " (sprint " + s.sprint() + ") scaled down", edits, notes);
    }

    /** {@code rollback}: the weights of the last fully validated split found in the history. */
    public Plan rollback(History.Split split) throws Refusal {
        TrafficTree t = workspace.requireComplete();
        TreeEdits edits = new TreeEdits();
        Cluster to = split.serving();
        ClusterState s = t.state(to);
        String head = "cannot roll back to " + split.describe() + ": ";
        if (s.drained()) {
            throw new Refusal(head + to + " has been drained since; there is no way back to it");
        }
        if (s.sprint() != split.sprint()) {
            throw new Refusal(head + to + " runs sprint " + s.sprint() + " now, not sprint " + split.sprint());
        }
        if (!s.betaValidated()) {
            throw new Refusal(head + "sprint " + s.sprint() + " on " + to + " is not beta-validated now");
        }
        setWeights(t, edits, to, 100);
        return new Plan("rollback: " + to + " " + s.weight() + " -> 100, " + to.other() + " "
                + t.state(to.other()).weight() + " -> 0 (" + split.describe() + ")", edits, List.of());
    }

    private void setWeights(TrafficTree t, TreeEdits edits, Cluster to, int target) throws Refusal {
        for (Cluster c : Cluster.values()) {
            int w = c == to ? target : 100 - target;
            setState(edits, t.state(c), "weight", String.valueOf(w));
            List<Sites.RecordWeight> records = t.records(c);
            if (records.isEmpty()) {
                throw new Refusal("no weighted Route 53 record for " + c + " in the tree; the weight lives in the record"
                        + " and the cluster state together (docs/gitops-tree.md)");
            }
            for (Sites.RecordWeight r : records) {
                edits.set(r.resource(), r.path(), r.valueFor(w));
            }
        }
    }

    private static void setIfPresent(TreeEdits edits, Resource r, FieldPath path, String value) {
        if (r.get(path) != null) {
            edits.set(r, path, value);
        }
    }

    /** The tag of an image reference, or null: {@code repo:43.0.1@sha256:...} gives {@code 43.0.1}. */
    static String tagOf(String ref) {
        String s = ref;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        return colon > slash ? s.substring(colon + 1) : null;
    }

    /**
     * The internal beta records live only in the beta target's files (docs/gitops-tree.md): those
     * in the other cluster's own files move to the same place in the new target's, with the
     * cluster's name swapped in their names and targets.
     */
    private static void moveBetaRecords(TrafficTree t, ReleaseSettings settings, Cluster c, TreeEdits edits,
                                        List<String> notes, String head) throws Refusal {
        Cluster o = c.other();
        for (Resource r : t.betaRecords()) {
            String file = r.file().displayName();
            if (!settings.ownedBy(o, file)) {
                continue;
            }
            String target = o.swapFolder(file);
            if (target.equals(file) || !settings.ownedBy(c, target)) {
                throw new Refusal(head + "the beta record " + r.ref().display() + " in " + file
                        + " has no place in " + c + "'s files to move to");
            }
            if (java.nio.file.Files.exists(t.root().resolve(target))) {
                throw new Refusal(head + "cannot move the beta record to " + target + ": the file exists");
            }
            for (FieldPath p : betaRecordFields(r)) {
                if (r.get(p) instanceof String v) {
                    String swapped = o.swapWords(v);
                    if (!swapped.equals(v)) {
                        edits.set(r, p, swapped);
                    }
                }
            }
            edits.move(file, target);
            notes.add("beta record moved: " + file + " -> " + target);
        }
    }

    private static List<FieldPath> betaRecordFields(Resource r) {
        List<FieldPath> out = new ArrayList<>(List.of(FieldPath.of("metadata", "name"),
                FieldPath.of("spec", "setIdentifier"), FieldPath.of("spec", "aliasTarget", "dnsName")));
        if (r.get(FieldPath.of("spec", "resourceRecords")) instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(FieldPath.of("spec", "resourceRecords", i, "value"));
            }
        }
        return out;
    }

    private static void setState(TreeEdits edits, ClusterState s, String key, String value) {
        edits.set(s.source(), ClusterState.path(key), value);
    }

    /** The same capacity in the other cluster's files: same file with the cluster swapped, same kind and name. */
    private static Sites.Capacity counterpart(Sites.Capacity k, Cluster c, List<Sites.Capacity> others) {
        String file = c.swapFolder(k.file());
        Resource r = k.resource();
        for (Sites.Capacity o : others) {
            Resource or = o.resource();
            if (o.file().equals(file) && o.path().equals(k.path()) && Objects.equals(or.kind(), r.kind())
                    && (Objects.equals(or.ref().name(), r.ref().name())
                            || Objects.equals(swapName(or.ref().name(), c.other()), r.ref().name()))) {
                return o;
            }
        }
        return null;
    }

    private static String swapName(String name, Cluster from) {
        return name == null ? null : name.replace(from.id(), from.other().id());
    }
}
