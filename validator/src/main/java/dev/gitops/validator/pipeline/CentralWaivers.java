package dev.gitops.validator.pipeline;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.RuleAliases;
import dev.gitops.validator.load.Globs;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The central waivers: the {@code waivers:} list of {@code .gitops-validator.yaml}, or the file it
 * names ({@code waivers: path/to/waivers.yaml}, a mapping with its own {@code waivers:} list). Each
 * entry:
 *
 * <pre>
 * - rule: YAML011
 *   resource: {kind: ConfigMap, namespace: shop, name: settings}   # namespace omitted: cluster-scoped / none
 *   file: "apps/shop/**"          # optional glob; alone, it selects file-level findings too
 *   reason: the consumer parses yes/no itself
 *   owner: team-shop
 *   expires: 2026-03-31
 * </pre>
 *
 * An entry with a missing or malformed field is itself a finding (WAIVE002) and waives nothing; an
 * expired one is a finding (WAIVE001) at its line and waives nothing.
 */
final class CentralWaivers {

    static final String SECTION = "waivers";
    private static final Set<String> FIELDS = Set.of("rule", "resource", "file", "reason", "owner", "expires");
    private static final Set<String> SELECTOR_FIELDS = Set.of("kind", "namespace", "name");

    /** One usable waiver. */
    record Entry(String rule, String kind, String namespace, String name, boolean hasResource, Globs file,
                 String reason, String owner, LocalDate expires, String fileName, Position position) {

        boolean matches(Finding f) {
            if (!rule.equalsIgnoreCase(f.rule())) {
                return false;
            }
            if (file != null && !file.matches(f.file())) {
                return false;
            }
            if (!hasResource) {
                return true;
            }
            ResourceRef r = f.resource();
            return r != null && kind.equals(r.kind()) && name.equals(r.name())
                    && Objects.equals(emptyToNull(namespace), emptyToNull(r.namespace()));
        }

        String source() {
            return fileName + ":" + position.line() + " (owner " + owner + ", expires " + expires + ")";
        }
    }

    /** What the waivers section holds: usable entries, and findings about the section itself. */
    record Loaded(List<Entry> entries, List<Finding> findings, List<String> fatal) {
    }

    private CentralWaivers() {
    }

    static Loaded load(Path root, ValidatorConfig config, LocalDate today) {
        Object section = config.sections().get(SECTION);
        if (section == null) {
            return new Loaded(List.of(), List.of(), List.of());
        }
        Path file;
        String display;
        if (section instanceof String named) {
            file = root.resolve(named).normalize();
            display = named;
            if (!Files.isRegularFile(file)) {
                return new Loaded(List.of(), List.of(), List.of("waivers file " + named + " (named in "
                        + ValidatorConfig.FILE_NAME + ") cannot be read"));
            }
        } else {
            file = root.resolve(ValidatorConfig.FILE_NAME);
            display = ValidatorConfig.FILE_NAME;
        }
        LoadedFile loaded = new YamlLoader(config.limits()).load(new SourceFile(file, display));
        List<Finding> findings = new ArrayList<>();
        List<String> fatal = new ArrayList<>();
        for (Finding f : loaded.findings()) {
            if (f.isError()) {
                fatal.add("waivers in " + display + " cannot be read: " + f.file() + ":" + f.line() + ":" + f.column()
                        + ": " + f.message());
            }
        }
        if (!fatal.isEmpty() || loaded.resources().isEmpty()) {
            if (fatal.isEmpty() && !(section instanceof String)) {
                fatal.add("waivers in " + display + " cannot be read");
            }
            return new Loaded(List.of(), findings, fatal);
        }
        Resource doc = loaded.resources().getFirst();
        FieldPath listPath = FieldPath.of(SECTION);
        Object list = doc.get(listPath);
        if (list == null && section instanceof String) {
            return new Loaded(List.of(), findings, fatal);
        }
        if (!(list instanceof List<?> items)) {
            findings.add(problem(WaiverRules.INCOMPLETE, doc, listPath, "'waivers' must be a list of waivers"));
            return new Loaded(List.of(), findings, fatal);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Entry e = entry(doc, listPath.index(i), items.get(i), today, findings);
            if (e != null) {
                entries.add(e);
            }
        }
        return new Loaded(entries, findings, fatal);
    }

    @SuppressWarnings("unchecked")
    private static Entry entry(Resource doc, FieldPath at, Object item, LocalDate today, List<Finding> findings) {
        if (!(item instanceof Map<?, ?> raw)) {
            findings.add(problem(WaiverRules.INCOMPLETE, doc, at, "a waiver must be a mapping with rule, resource, "
                    + "reason, owner and expires"));
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        List<String> problems = new ArrayList<>();
        for (String key : m.keySet()) {
            if (!FIELDS.contains(key)) {
                problems.add("unknown field '" + key + "' (known: expires, file, owner, reason, resource, rule)");
            }
        }
        String rule = text(m.get("rule"));
        rule = rule == null ? null : RuleAliases.current(rule);
        if (rule == null) {
            problems.add("'rule' (a rule id) is missing");
        }
        String reason = text(m.get("reason"));
        if (reason == null) {
            problems.add("'reason' is missing");
        }
        String owner = text(m.get("owner"));
        if (owner == null) {
            problems.add("'owner' is missing");
        }
        LocalDate expires = null;
        Object exp = m.get("expires");
        if (exp == null) {
            problems.add("'expires' (a date, YYYY-MM-DD) is missing");
        } else {
            try {
                expires = LocalDate.parse(String.valueOf(exp));
            } catch (DateTimeParseException ex) {
                problems.add("'expires' must be a date YYYY-MM-DD, not '" + exp + "'");
            }
        }
        String kind = null;
        String namespace = null;
        String name = null;
        Object sel = m.get("resource");
        boolean hasResource = sel != null;
        if (sel != null) {
            if (sel instanceof Map<?, ?> s) {
                for (Object key : s.keySet()) {
                    if (!SELECTOR_FIELDS.contains(String.valueOf(key))) {
                        problems.add("unknown resource field '" + key + "' (known: kind, namespace, name)");
                    }
                }
                kind = text(s.get("kind"));
                namespace = text(s.get("namespace"));
                name = text(s.get("name"));
                if (kind == null || name == null) {
                    problems.add("'resource' needs kind and name");
                }
            } else {
                problems.add("'resource' must be a mapping {kind, namespace, name}");
            }
        }
        Globs fileGlob = null;
        Object file = m.get("file");
        if (file != null) {
            String glob = text(file);
            if (glob == null) {
                problems.add("'file' must be a glob pattern");
            } else {
                try {
                    fileGlob = new Globs(List.of(glob));
                } catch (RuntimeException ex) {
                    problems.add("'file' is not a valid glob: " + ex.getMessage());
                }
            }
        }
        if (!hasResource && file == null) {
            problems.add("'resource' (kind, namespace, name) or 'file' must select what is waived");
        }
        if (!problems.isEmpty()) {
            findings.add(problem(WaiverRules.INCOMPLETE, doc, at, "waiver" + (rule == null ? "" : " of " + rule)
                    + " is not usable: " + String.join("; ", problems)));
            return null;
        }
        if (expires.isBefore(today)) {
            findings.add(problem(WaiverRules.EXPIRED, doc, at.key("expires"), "waiver of " + rule + " for "
                    + selector(kind, namespace, name, file) + " expired on " + expires + " (owner " + owner
                    + "); the findings it covered are reported again"));
            return null;
        }
        return new Entry(rule, kind, namespace, name, hasResource, fileGlob, reason, owner, expires,
                doc.file().displayName(), doc.positionOf(at));
    }

    private static String selector(String kind, String namespace, String name, Object file) {
        String r = kind == null ? "" : kind + "/" + (namespace == null ? "" : namespace + "/") + name;
        String f = file == null ? "" : "files " + file;
        return r.isEmpty() ? f : f.isEmpty() ? r : r + " in " + f;
    }

    private static Finding problem(Rule rule, Resource doc, FieldPath at, String message) {
        Position p = doc.positionOf(at);
        return new Finding(rule.id(), rule.defaultSeverity(), message, doc.file().displayName(), p.line(), p.column(),
                null, at.toString(), rule == WaiverRules.EXPIRED ? "fix the findings, or renew the waiver with a new "
                        + "expiry date and a reason that still holds" : "complete the waiver: rule, resource, reason, "
                        + "owner, expires", List.of());
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o instanceof String str ? str : (o instanceof Map || o instanceof List) ? null : String.valueOf(o);
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
