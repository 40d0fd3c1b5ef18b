package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an ExternalDNS installation of the {@code external-dns} chart with the AWS provider reads and which
 * hosted zones it writes, from its Helm values ({@code domainFilters}, {@code excludeDomains},
 * {@code sources}, and {@code extraArgs} flags {@code --domain-filter=}, {@code --exclude-domains=},
 * {@code --zone-id-filter=}, {@code --aws-zone-type=}, {@code --source=}), matched as
 * kubernetes-sigs/external-dns matches them: {@code endpoint/domain_filter.go} ({@code Match},
 * {@code MatchParent}), {@code provider/zone_id_filter.go} (a zone id ends with a filter),
 * {@code provider/zone_type_filter.go} ({@code public}, {@code private}, empty for both) and
 * {@code provider/aws/aws.go} ({@code Zones}: a zone passes the id, type and domain filters, or is a
 * parent of a domain filter; {@code suitableZones}: a name goes into every private zone holding it and
 * into the most specific public zone holding it).
 *
 * @param application the Application that installs it
 * @param values where its Helm values are
 */
record ExternalDnsFilters(Resource application, FieldPath values, List<String> domains, List<String> excluded,
                          List<String> zoneIds, String zoneType, List<String> sources) {

    /** The chart's default {@code sources}. */
    static final List<String> DEFAULT_SOURCES = List.of("service", "ingress");

    /** The AWS ExternalDNS installations of an Application (one per chart source), possibly none. */
    static List<ExternalDnsFilters> of(Resource app) {
        List<ExternalDnsFilters> out = new ArrayList<>();
        if (!ModelKind.APPLICATION.matches(app)) {
            return out;
        }
        List<FieldPath> sources = new ArrayList<>(List.of(FieldPath.of("spec", "source")));
        if (app.get(FieldPath.of("spec", "sources")) instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                sources.add(FieldPath.of("spec", "sources", i));
            }
        }
        for (FieldPath s : sources) {
            FieldPath values = s.key("helm").key("valuesObject");
            if (!"external-dns".equals(app.get(s.key("chart"))) || !isAws(app.get(values.key("provider")))) {
                continue;
            }
            List<String> domains = new ArrayList<>(strings(app.get(values.key("domainFilters"))));
            List<String> excluded = new ArrayList<>(strings(app.get(values.key("excludeDomains"))));
            List<String> zoneIds = new ArrayList<>();
            List<String> names = new ArrayList<>(strings(app.get(values.key("sources"))));
            String zoneType = "";
            Object extra = app.get(values.key("extraArgs"));
            List<String> flags = new ArrayList<>();
            if (extra instanceof List<?> args) {
                args.forEach(a -> flags.add(String.valueOf(a)));
            } else if (extra instanceof Map<?, ?> args) {
                args.forEach((k, v) -> strings(v).forEach(x -> flags.add("--" + k + "=" + x)));
            }
            for (String f : flags) {
                String value = f.contains("=") ? f.substring(f.indexOf('=') + 1).strip() : "";
                String flag = f.contains("=") ? f.substring(0, f.indexOf('=')) : f;
                switch (flag) {
                    case "--domain-filter" -> domains.add(value);
                    case "--exclude-domains" -> excluded.add(value);
                    case "--zone-id-filter" -> zoneIds.add(value);
                    case "--aws-zone-type" -> zoneType = value;
                    case "--source" -> names.add(value);
                    default -> {
                    }
                }
            }
            out.add(new ExternalDnsFilters(app, values, norm(domains), norm(excluded),
                    zoneIds.stream().filter(z -> !z.isBlank()).toList(), zoneType,
                    names.isEmpty() ? DEFAULT_SOURCES : List.copyOf(names)));
        }
        return out;
    }

    /** Whether ExternalDNS publishes a name at all (the domain filter with its exclusions). */
    boolean publishes(String name) {
        return match(domains, name, true) && !match(excluded, name, false);
    }

    /** Whether ExternalDNS considers a hosted zone (its id, type and domain filters). */
    boolean considers(HostedZones.Zone zone) {
        boolean id = zoneIds.isEmpty() || zone.id() != null && zoneIds.stream().anyMatch(zone.id()::endsWith);
        boolean type = switch (zoneType) {
            case "public" -> !zone.privateZone();
            case "private" -> zone.privateZone();
            default -> true;
        };
        return id && type && (publishes(zone.domain()) || parentOfFilter(zone.domain()));
    }

    /**
     * The zones ExternalDNS writes a name into: every private zone holding it, and the most specific
     * public zone holding it, among the zones it considers.
     */
    List<HostedZones.Zone> zonesFor(String name, List<HostedZones.Zone> zones) {
        List<HostedZones.Zone> out = new ArrayList<>();
        HostedZones.Zone best = null;
        for (HostedZones.Zone z : zones) {
            if (!considers(z) || !z.holds(name)) {
                continue;
            }
            if (z.privateZone()) {
                out.add(z);
            } else if (best == null || z.domain().length() > best.domain().length()) {
                best = z;
            }
        }
        if (best != null) {
            out.add(best);
        }
        return out;
    }

    private boolean parentOfFilter(String zone) {
        if (match(excluded, zone, false)) {
            return false;
        }
        return domains.isEmpty() || domains.stream().anyMatch(f -> !f.startsWith(".") && f.endsWith("." + zone));
    }

    private static boolean match(List<String> filters, String name, boolean empty) {
        if (filters.isEmpty()) {
            return empty;
        }
        return filters.stream().anyMatch(f -> f.startsWith(".") ? name.endsWith(f)
                : name.equals(f) || name.endsWith("." + f));
    }

    private static boolean isAws(Object provider) {
        // the chart's default provider is aws (values.yaml: provider.name: aws)
        Object name = provider instanceof Map<?, ?> m ? m.get("name") : provider;
        return name == null || "aws".equals(name);
    }

    private static List<String> norm(List<String> names) {
        return names.stream().map(HostedZones::normalize).filter(n -> !n.isEmpty()).toList();
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (o instanceof String s) {
            out.add(s);
        }
        return out;
    }
}
