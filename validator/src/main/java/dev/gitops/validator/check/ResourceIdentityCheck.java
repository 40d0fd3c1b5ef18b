package dev.gitops.validator.check;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.load.Globs;
import dev.gitops.validator.load.YamlRules;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * Every resource names its type and itself, and no two resources claim the same identity within
 * what deploys together. The {@code clusters:} section of the configuration names, per cluster, the
 * paths deployed to it: a resource is unique within each cluster it is deployed to (it may exist
 * once in {@code clusters/even} and once in {@code clusters/odd}). Paths in no cluster form one
 * default scope.
 */
public final class ResourceIdentityCheck implements Check {

    private static final FieldPath API_VERSION = FieldPath.of("apiVersion");
    private static final FieldPath KIND = FieldPath.of("kind");
    private static final FieldPath METADATA = FieldPath.of("metadata");
    private static final FieldPath NAME = FieldPath.of("metadata", "name");
    private static final FieldPath GENERATE_NAME = FieldPath.of("metadata", "generateName");

    @Override
    public List<Rule> rules() {
        return List.of(YamlRules.MISSING_TYPE, YamlRules.MISSING_NAME, YamlRules.DUPLICATE_RESOURCE);
    }

    private static final String DEFAULT_SCOPE = "";

    @Override
    public void run(CheckContext context, Findings findings) {
        Map<String, Globs> clusters = new TreeMap<>();
        context.config().clusters().forEach((name, patterns) -> clusters.put(name, new Globs(patterns)));
        Map<String, Resource> seen = new HashMap<>();
        Set<Resource> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Resource r : context.resources()) {
            boolean typed = true;
            if (!nonEmptyString(r.get(API_VERSION))) {
                findings.at(YamlRules.MISSING_TYPE, r, API_VERSION, describeMissing("apiVersion", r.get(API_VERSION)),
                        "add apiVersion, e.g. apps/v1");
                typed = false;
            }
            if (!nonEmptyString(r.get(KIND))) {
                findings.at(YamlRules.MISSING_TYPE, r, KIND, describeMissing("kind", r.get(KIND)),
                        "add kind, e.g. Deployment");
                typed = false;
            }
            Object name = r.get(NAME);
            if (!nonEmptyString(name)) {
                if (nonEmptyString(r.get(GENERATE_NAME))) {
                    continue;
                }
                findings.at(YamlRules.MISSING_NAME, r, r.get(METADATA) == null ? FieldPath.ROOT : NAME,
                        describeMissing("metadata.name", name), "give the resource a name");
                continue;
            }
            if (!typed) {
                continue;
            }
            ResourceRef ref = r.ref();
            String identity = ref.group() + "|" + ref.kind() + "|" + (ref.namespace() == null ? "" : ref.namespace())
                    + "|" + ref.name();
            for (String scope : scopes(r.file().displayName(), clusters)) {
                Resource first = seen.putIfAbsent(scope + "|" + identity, r);
                if (first != null && reported.add(r)) {
                    String where = scope.equals(DEFAULT_SCOPE) ? "" : " in cluster " + scope;
                    findings.at(YamlRules.DUPLICATE_RESOURCE, r, FieldPath.ROOT,
                            ref.display() + " is already defined" + where + " at " + first.file().displayName() + ":"
                                    + first.start().line(),
                            "keep one definition; Argo CD would apply only one of them",
                            List.of(Findings.location(first, FieldPath.ROOT, "first definition")));
                }
            }
        }
    }

    /** The clusters whose paths hold the file, or the default scope when none does. */
    private static List<String> scopes(String file, Map<String, Globs> clusters) {
        List<String> in = new ArrayList<>();
        clusters.forEach((name, globs) -> {
            if (globs.matches(file)) {
                in.add(name);
            }
        });
        return in.isEmpty() ? List.of(DEFAULT_SCOPE) : in;
    }

    private static boolean nonEmptyString(Object o) {
        return o instanceof String s && !s.isBlank();
    }

    private static String describeMissing(String field, Object value) {
        if (value == null) {
            return field + " is missing";
        }
        return field + " must be a non-empty string, not " + (value instanceof String ? "an empty string" : value);
    }
}
