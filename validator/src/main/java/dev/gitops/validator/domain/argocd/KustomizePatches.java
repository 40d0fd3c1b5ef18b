package dev.gitops.validator.domain.argocd;

import dev.gitops.validator.domain.Kustomization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What a directory source's {@code kustomization.yaml} tells offline about the tolerations of the pods it
 * builds: whether it lists resources the tree cannot read (remote bases, URLs), and the tolerations its
 * {@code patches} set, per target kind and (optional) name. Read: inline and file {@code patches} in both
 * forms (JSON 6902 {@code add}/{@code replace} of {@code /spec/template/spec/tolerations}, or a strategic
 * merge patch setting {@code spec.template.spec.tolerations}); not read: the deprecated
 * {@code patchesStrategicMerge}/{@code patchesJson6902}, components, generators, Helm inflation.
 *
 * @param file the kustomization file, null when the directory has none
 * @param remote the resources that are not files of the directory (URLs, remote bases)
 * @param patches the tolerations the patches set
 * @param error why the file could not be read, or null
 */
record KustomizePatches(Path file, List<String> remote, List<Patch> patches, String error) {

    /** Tolerations a patch sets on every workload of a kind (name null) or on one named workload. */
    record Patch(String kind, String name, Object tolerations) {
    }

    static final String TOLERATIONS = "/spec/template/spec/tolerations";

    static KustomizePatches read(Path dir) {
        Kustomization k = Kustomization.read(dir);
        if (k.file() == null || k.error() != null) {
            return new KustomizePatches(k.file(), List.of(), List.of(), k.error());
        }
        try {
            List<String> remote = new ArrayList<>();
            for (String r : k.resources()) {
                if (r.contains("://") || r.startsWith("github.com/") || !Files.exists(dir.resolve(r))) {
                    remote.add(r);
                }
            }
            Load load = new Load(LoadSettings.builder().build());
            List<Patch> patches = new ArrayList<>();
            if (k.root().get("patches") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> p) {
                        String text = p.get("patch") instanceof String s ? s
                                : p.get("path") instanceof String f ? Files.readString(dir.resolve(f)) : null;
                        if (text != null) {
                            patch(load.loadFromString(text), p.get("target"), patches);
                        }
                    }
                }
            }
            return new KustomizePatches(k.file(), List.copyOf(remote), List.copyOf(patches), null);
        } catch (IOException | RuntimeException e) {
            return new KustomizePatches(k.file(), List.of(), List.of(), e.getMessage());
        }
    }

    private static void patch(Object body, Object target, List<Patch> out) {
        String kind = target instanceof Map<?, ?> t && t.get("kind") instanceof String s ? s : null;
        String name = target instanceof Map<?, ?> t && t.get("name") instanceof String s ? s : null;
        if (body instanceof List<?> ops) {
            for (Object o : ops) {
                if (o instanceof Map<?, ?> op && ("add".equals(op.get("op")) || "replace".equals(op.get("op")))) {
                    if (TOLERATIONS.equals(op.get("path")) && kind != null) {
                        out.add(new Patch(kind, name, op.get("value")));
                    } else if ((TOLERATIONS + "/-").equals(op.get("path")) && kind != null) {
                        out.add(new Patch(kind, name, List.of(op.get("value"))));
                    }
                }
            }
        } else if (body instanceof Map<?, ?> m && m.get("spec") instanceof Map<?, ?> spec
                && spec.get("template") instanceof Map<?, ?> tpl && tpl.get("spec") instanceof Map<?, ?> pod
                && pod.containsKey("tolerations")) {
            String k = kind != null ? kind : m.get("kind") instanceof String s ? s : null;
            String n = target != null ? name
                    : m.get("metadata") instanceof Map<?, ?> md && md.get("name") instanceof String s ? s : null;
            if (k != null) {
                out.add(new Patch(k, n, pod.get("tolerations")));
            }
        }
    }

    /** The patch tolerations that apply to a workload of this kind and name (the last patch wins). */
    Object tolerationsOf(String kind, String name) {
        Object found = null;
        for (Patch p : patches) {
            if (p.kind().equals(kind) && (p.name() == null || p.name().equals(name))) {
                found = p.tolerations();
            }
        }
        return found;
    }

    /** The tolerations every workload of the kind gets, by a patch with no name in its target; or null. */
    Object kindWide(String kind) {
        Object found = null;
        for (Patch p : patches) {
            if (p.kind().equals(kind) && p.name() == null) {
                found = p.tolerations();
            }
        }
        return found;
    }
}
