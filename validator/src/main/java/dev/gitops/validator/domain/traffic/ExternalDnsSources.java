package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ExternalDNS installations of a tree and the sources each reads names from: an Argo CD
 * Application of the {@code external-dns} chart (its values' {@code sources} list, and
 * {@code --source=} in {@code extraArgs}, a list of flags or a map of flag to value), or a workload
 * whose container runs ExternalDNS with {@code --source=} arguments. ExternalDNS publishes the
 * hostnames of Gateway API HTTPRoutes only with the source {@code gateway-httproute}
 * (kubernetes-sigs/external-dns {@code source/gateway.go}: a route's {@code spec.hostnames} and its
 * hostname annotation).
 */
final class ExternalDnsSources {

    static final String GATEWAY_HTTPROUTE = "gateway-httproute";
    private static final String FLAG = "--source=";

    /** One installation: the resource that installs it and the sources it reads. */
    private record Installation(Resource installer, Set<String> sources) {
    }

    private final List<Installation> installations;
    private final Topology topology;

    private ExternalDnsSources(List<Installation> installations, Topology topology) {
        this.installations = List.copyOf(installations);
        this.topology = topology;
    }

    static ExternalDnsSources of(List<Resource> all, Topology topology) {
        List<Installation> out = new ArrayList<>();
        for (Resource r : all) {
            Set<String> sources = ModelKind.APPLICATION.matches(r)
                    ? fromApplication(r) : fromWorkload(r);
            if (!sources.isEmpty()) {
                out.add(new Installation(r, sources));
            }
        }
        return new ExternalDnsSources(out, topology);
    }

    /** Whether an ExternalDNS deployed with the resource (same cluster) reads names from {@code source}. */
    boolean reads(Resource r, String source) {
        return installations.stream().anyMatch(i -> i.sources().contains(source) && topology.sameCluster(i.installer(), r));
    }

    private static Set<String> fromApplication(Resource app) {
        Set<String> out = new LinkedHashSet<>();
        List<FieldPath> sources = new ArrayList<>(List.of(FieldPath.of("spec", "source")));
        if (app.get(FieldPath.of("spec", "sources")) instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                sources.add(FieldPath.of("spec", "sources", i));
            }
        }
        for (FieldPath s : sources) {
            if (!"external-dns".equals(app.get(s.key("chart")))) {
                continue;
            }
            FieldPath values = s.key("helm").key("valuesObject");
            if (app.get(values.key("sources")) instanceof List<?> names) {
                names.forEach(n -> out.add(String.valueOf(n)));
            }
            Object extra = app.get(values.key("extraArgs"));
            if (extra instanceof List<?> args) {
                out.addAll(flags(args));
            } else if (extra instanceof Map<?, ?> args && args.get("source") != null) {
                Object v = args.get("source");
                if (v instanceof List<?> many) {
                    many.forEach(x -> out.add(String.valueOf(x)));
                } else {
                    out.add(String.valueOf(v));
                }
            }
        }
        return out;
    }

    /** The {@code --source=} arguments of containers whose image is ExternalDNS. */
    private static Set<String> fromWorkload(Resource r) {
        Set<String> out = new LinkedHashSet<>();
        Object containers = r.get(FieldPath.of("spec", "template", "spec", "containers"));
        if (containers instanceof List<?> cs) {
            for (Object c : cs) {
                if (c instanceof Map<?, ?> m && String.valueOf(m.get("image")).contains("external-dns")
                        && m.get("args") instanceof List<?> args) {
                    out.addAll(flags(args));
                }
            }
        }
        return out;
    }

    private static List<String> flags(List<?> args) {
        return args.stream().map(String::valueOf).filter(a -> a.startsWith(FLAG)).map(a -> a.substring(FLAG.length()))
                .toList();
    }
}
