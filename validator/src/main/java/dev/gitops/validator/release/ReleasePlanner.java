package dev.gitops.validator.release;

import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns each release command into the edits it makes, or refuses it. Every rule a command enforces
 * lives here, with a message that says what to do instead.
 */
public final class ReleasePlanner {

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
        ScalarEdits edits = new ScalarEdits();
        setState(edits, s, "sprint", String.valueOf(sprint));
        setState(edits, s, "betaTarget", "true");
        setState(edits, s, "betaValidated", "false");
        setState(edits, s, "drained", "false");
        setState(edits, so, "betaTarget", "false");
        for (Sites.Image i : matching) {
            edits.set(i.resource(), i.path(), ref);
        }
        List<String> notes = new ArrayList<>();
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
        ScalarEdits edits = new ScalarEdits();
        setState(edits, s, "betaValidated", "true");
        return new Plan("beta-ok: sprint " + s.sprint() + " on " + s.cluster() + " passed beta", edits, List.of());
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
        ScalarEdits edits = new ScalarEdits();
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
        ScalarEdits edits = new ScalarEdits();
        setState(edits, s, "drained", "true");
        List<String> notes = new ArrayList<>();
        for (Sites.Capacity k : t.capacities(c, workspace.settings())) {
            if (!k.isZero()) {
                edits.set(k.resource(), k.path(), k.zero());
                notes.add(k.file() + ": " + k.path() + " " + k.value() + " -> 0");
            }
        }
        return new Plan("drain: " + c + " (sprint " + s.sprint() + ") scaled down", edits, notes);
    }

    /** {@code rollback}: the weights of the last fully validated split found in the history. */
    public Plan rollback(History.Split split) throws Refusal {
        TrafficTree t = workspace.requireComplete();
        ScalarEdits edits = new ScalarEdits();
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

    private void setWeights(TrafficTree t, ScalarEdits edits, Cluster to, int target) throws Refusal {
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

    private static void setState(ScalarEdits edits, ClusterState s, String key, String value) {
        edits.set(s.source(), ClusterState.path(key), value);
    }

    /** The same capacity in the other cluster's files: same file with the cluster swapped, same kind and name. */
    private static Sites.Capacity counterpart(Sites.Capacity k, Cluster c, List<Sites.Capacity> others) {
        String file = swap(k.file(), c);
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

    private static String swap(String file, Cluster c) {
        String[] parts = file.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals(c.id())) {
                parts[i] = c.other().id();
                return String.join("/", parts);
            }
        }
        return file;
    }

    private static String swapName(String name, Cluster from) {
        return name == null ? null : name.replace(from.id(), from.other().id());
    }
}
