package dev.gitops.validator.hardening;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * An independent judge of "is this still a valid set of manifests", for the hardening test. It
 * shares none of the validator's loading code: it decodes with the JDK's strict UTF-8 decoder and
 * builds documents with snakeyaml-engine's own composer and constructor (duplicate keys, complex
 * keys and more than 100 collection aliases refused), then checks the structure the validator
 * requires: every document empty or a mapping (a {@code *List} kind's items each a mapping), with
 * non-empty string {@code apiVersion}, {@code kind} and {@code metadata.name} (or
 * {@code generateName}), and no two resources with the same group, kind, namespace and name.
 *
 * <p>The judge reads plain scalars with YAML 1.2 rules, the validator with YAML 1.1 (as Kubernetes
 * does); where they differ the validator is the stricter one ({@code name: yes} is a boolean to
 * Kubernetes). The judge is therefore used in one direction only: whatever the validator passes,
 * the judge must accept.
 */
final class ReferenceManifests {

    private ReferenceManifests() {
    }

    /** Null when valid, else why not. */
    static String whyInvalid(byte[] bytes) {
        int offset = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return "not UTF-8";
        }
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).setAllowNonScalarKeys(false)
                .setMaxAliasesForCollections(100).setCodePointLimit(16 * 1024 * 1024)
                .setBufferSize(Math.max(1024, text.length() + 1)).build();
        Set<String> identities = new HashSet<>();
        try {
            for (Object doc : new Load(settings).loadAllFromString(text)) {
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map<?, ?> map)) {
                    return "document is not a mapping";
                }
                String problem = keysAreScalars(map, new IdentityHashMap<>());
                if (problem != null) {
                    return problem;
                }
                Object kind = map.get("kind");
                if (kind instanceof String k && k.endsWith("List") && map.get("items") instanceof List<?> items) {
                    for (Object item : items) {
                        if (!(item instanceof Map<?, ?> m)) {
                            return "list item is not a mapping";
                        }
                        problem = resource(m, identities);
                        if (problem != null) {
                            return problem;
                        }
                    }
                } else {
                    problem = resource(map, identities);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return "does not load: " + e.getClass().getSimpleName();
        }
        return null;
    }

    private static String resource(Map<?, ?> r, Set<String> identities) {
        if (!nonEmpty(r.get("apiVersion")) || !nonEmpty(r.get("kind"))) {
            return "no apiVersion or kind";
        }
        Object metadata = r.get("metadata");
        Map<?, ?> m = metadata instanceof Map<?, ?> x ? x : Map.of();
        if (!nonEmpty(m.get("name"))) {
            return nonEmpty(m.get("generateName")) ? null : "no metadata.name";
        }
        String api = (String) r.get("apiVersion");
        String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
        Object ns = m.get("namespace");
        String id = group + "|" + r.get("kind") + "|" + (ns instanceof String s ? s : "") + "|" + m.get("name");
        return identities.add(id) ? null : "duplicate resource " + id;
    }

    private static String keysAreScalars(Object node, IdentityHashMap<Object, Boolean> seen) {
        if (seen.put(node, Boolean.TRUE) != null) {
            return null;
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof Map || e.getKey() instanceof List) {
                    return "complex key";
                }
                String p = keysAreScalars(e.getValue(), seen);
                if (p != null) {
                    return p;
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                String p = keysAreScalars(o, seen);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean nonEmpty(Object o) {
        return o instanceof String s && !s.isBlank();
    }
}
