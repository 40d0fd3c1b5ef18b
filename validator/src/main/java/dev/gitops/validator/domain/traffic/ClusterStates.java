package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.model.ModelProblem;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The cluster states of a repository: {@code clusters/<cluster>/cluster-state.yaml} for every cluster
 * folder. Used by the traffic checks and by the release commands.
 *
 * @param states cluster name (the folder) to its state, for every state that could be read
 * @param problems what could not be read, as {@code file:line:column: message}
 */
public record ClusterStates(Map<String, ClusterState> states, List<String> problems) {

    public static final String FILE = "cluster-state.yaml";

    public ClusterStates {
        states = Map.copyOf(states);
        problems = List.copyOf(problems);
    }

    public TrafficWeights weights() {
        return TrafficWeights.of(states.values());
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The folder a cluster-state resource lives in ({@code clusters/even/cluster-state.yaml} → even), or null. */
    public static String folderOf(Resource r) {
        String name = r.file().displayName().replace('\\', '/');
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        String dir = name.substring(0, slash);
        int prev = dir.lastIndexOf('/');
        return dir.substring(prev + 1);
    }

    /** Reads every {@code clusters/<c>/cluster-state.yaml} under {@code root}. */
    public static ClusterStates load(Path root) {
        Map<String, ClusterState> states = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Path clusters = root.resolve("clusters");
        if (!Files.isDirectory(clusters)) {
            return new ClusterStates(states, List.of("no clusters/ folder under " + root));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(clusters)) {
            files = s.map(d -> d.resolve(FILE)).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return new ClusterStates(states, List.of("cannot list " + clusters + ": " + e.getMessage()));
        }
        YamlLoader loader = new YamlLoader(LoadLimits.DEFAULT);
        for (Path f : files) {
            String display = root.relativize(f).toString().replace('\\', '/');
            LoadedFile loaded = loader.load(new SourceFile(f, display));
            loaded.findings().stream().filter(x -> x.isError())
                    .forEach(x -> problems.add(x.file() + ":" + x.line() + ":" + x.column() + ": " + x.message()));
            for (Resource r : loaded.resources()) {
                if (!ClusterState.isClusterState(r)) {
                    continue;
                }
                List<ModelProblem> p = new ArrayList<>();
                ClusterState s = ClusterState.read(r, p);
                for (ModelProblem mp : p) {
                    Position pos = r.positionOf(mp.path());
                    problems.add(display + ":" + pos.line() + ":" + pos.column() + ": " + mp.message());
                }
                if (s != null) {
                    states.put(f.getParent().getFileName().toString(), s);
                }
            }
        }
        return new ClusterStates(states, problems);
    }
}
