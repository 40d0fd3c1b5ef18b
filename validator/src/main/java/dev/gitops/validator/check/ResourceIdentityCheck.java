package dev.gitops.validator.check;

import dev.gitops.validator.load.YamlRules;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every resource names its type and itself, and no two resources claim the same identity. */
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

    @Override
    public void run(CheckContext context, Findings findings) {
        Map<String, Resource> seen = new HashMap<>();
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
            String key = ref.group() + "|" + ref.kind() + "|" + (ref.namespace() == null ? "" : ref.namespace()) + "|"
                    + ref.name();
            Resource first = seen.putIfAbsent(key, r);
            if (first != null) {
                findings.at(YamlRules.DUPLICATE_RESOURCE, r, FieldPath.ROOT,
                        ref.display() + " is already defined at " + first.file().displayName() + ":"
                                + first.start().line(),
                        "keep one definition; Argo CD would apply only one of them",
                        List.of(Findings.location(first, FieldPath.ROOT, "first definition")));
            }
        }
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
