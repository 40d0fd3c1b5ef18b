package dev.gitops.validator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.Validator;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardening: valid manifests are damaged in many ways ({@link Corruptions}) and run through the
 * validator in-process. For every case:
 *
 * <ul>
 *   <li>nothing escapes as an exception or error;</li>
 *   <li>a failing run (exit 1 or 2) names at least one finding with a file, line and column (or,
 *       for exit 2, a fatal problem);</li>
 *   <li>a passing run (exit 0) happens only on input that is still a valid set of manifests, as
 *       judged independently by {@link ReferenceManifests}; when the damage changed nothing, the
 *       run must pass with no finding at all.</li>
 * </ul>
 *
 * The seed is fixed so that a failure can be replayed; {@code -Dhardening.seed=N} and
 * {@code -Dhardening.cases=N} explore further.
 */
class CorruptedManifestsTest {

    private static final List<String> SEEDS = List.of(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels:
                app.kubernetes.io/name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: app
                      image: registry.example/web:1.4.2
                      args: ["--port", "8080"]
                      env:
                        - name: MODE
                          value: "production"
                      resources:
                        limits: {cpu: 500m, memory: 256Mi}
            """,
            """
            # two documents and an empty one
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
            data:
              greeting: "hello: world"
              script: |
                #!/bin/sh
                echo "ready"
            ---
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              ports:
                - port: 80
                  targetPort: 8080
            """,
            """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ServiceAccount
                metadata: {name: worker, namespace: jobs}
              - apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: worker
                  namespace: jobs
                rules:
                  - apiGroups: [""]
                    resources: [configmaps]
                    verbs: [get, list]
            """,
            """
            {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
             "metadata": {"name": "shop", "namespace": "argocd"},
             "spec": {"project": "default",
                      "source": {"repoURL": "https://git.example/gitops.git", "path": "apps/shop/base"},
                      "destination": {"server": "https://kubernetes.default.svc", "namespace": "shop"}}}
            """,
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: api
              namespace: shop
              annotations:
                note: >
                  folded text that
                  spans lines
            spec:
              strategy:
                canary:
                  steps:
                    - setWeight: 10
                    - pause: {duration: 5m}
                    - setWeight: 50
              template:
                metadata:
                  labels: &labels
                    app: api
                spec:
                  containers:
                    - name: api
                      image: 'registry.example/api:2.0.0'
            """);

    private static final Set<String> FILE = Set.of("<stdin>");

    @TempDir
    Path root;

    private Report validate(Validator validator, byte[] bytes) {
        return validator.run(new RunRequest(root, List.of("-"), bytes, ValidatorConfig.defaults(),
                RuleFilter.of(List.of("yaml,waiver"), List.of()), true, RunOptions.NONE));
    }

    @Test
    void seedsAreValid() {
        Validator validator = new Validator(StandardChecks.all());
        for (String seed : SEEDS) {
            byte[] b = seed.getBytes(StandardCharsets.UTF_8);
            assertEquals(null, ReferenceManifests.whyInvalid(b), seed);
            Report r = validate(validator, b);
            assertEquals(List.of(), r.findings(), seed);
            assertEquals(0, r.exitCode(true));
        }
    }

    @Test
    void referenceJudgeRejectsWhatItShould() {
        assertEquals("not UTF-8", ReferenceManifests.whyInvalid(new byte[] {'a', ':', ' ', (byte) 0xFF}));
        assertTrue(ReferenceManifests.whyInvalid("a: 1\na: 2\n".getBytes(StandardCharsets.UTF_8)).startsWith("does not load"));
        assertEquals("no apiVersion or kind", ReferenceManifests.whyInvalid("a: 1\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("document is not a mapping", ReferenceManifests.whyInvalid("- a\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(ReferenceManifests.whyInvalid((SEEDS.get(0) + "---\n" + SEEDS.get(0)).getBytes(StandardCharsets.UTF_8))
                .startsWith("duplicate resource"));
    }

    @Test
    void corruptedManifestsNeverPassAndNeverCrash() {
        long seed = Long.getLong("hardening.seed", 20261127L);
        int cases = Integer.getInteger("hardening.cases", 12_000);
        Random random = new Random(seed);
        Validator validator = new Validator(StandardChecks.all());
        Corruptions[] kinds = Corruptions.values();
        Map<Corruptions, int[]> tally = new EnumMap<>(Corruptions.class); // cases, failing runs, still valid, ms
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < cases && problems.size() < 20; i++) {
            int seedIndex = random.nextInt(SEEDS.size());
            byte[] original = SEEDS.get(seedIndex).getBytes(StandardCharsets.UTF_8);
            Corruptions kind = kinds[i % kinds.length];
            long caseSeed = random.nextLong();
            byte[] damaged = kind.apply(original, new Random(caseSeed));
            String label = "case " + i + " (" + kind + ", seed text " + seedIndex + ", case seed " + caseSeed + ")";
            int[] t = tally.computeIfAbsent(kind, k -> new int[4]);
            long started = System.nanoTime();
            t[0]++;
            Report report;
            try {
                report = validate(validator, damaged);
            } catch (Throwable e) {
                problems.add(label + ": threw " + e);
                continue;
            } finally {
                t[3] += (int) ((System.nanoTime() - started) / 1_000_000);
            }
            if (report.fatal().stream().anyMatch(f -> f.contains("internal error"))) {
                problems.add(label + ": a check failed internally: " + report.fatal());
            }
            for (Finding f : report.findings()) {
                if (!FILE.contains(f.file()) || f.line() < 1 || f.column() < 1) {
                    problems.add(label + ": finding without a place: " + f);
                }
            }
            int exit = report.exitCode(false);
            if (exit != 0) {
                t[1]++;
                boolean located = report.findings().stream().anyMatch(f -> f.isError() && f.line() >= 1);
                if (!located) {
                    problems.add(label + ": exit " + exit + " without an error finding");
                }
                continue;
            }
            if (Arrays.equals(original, damaged)) {
                if (!report.findings().isEmpty()) {
                    problems.add(label + ": unchanged input got findings " + report.findings());
                }
                t[2]++;
                continue;
            }
            String why = ReferenceManifests.whyInvalid(damaged);
            if (why != null) {
                problems.add(label + ": passed (exit 0) although " + why + "\n---\n"
                        + preview(damaged) + "\n---");
            } else {
                t[2]++;
            }
        }
        StringBuilder summary = new StringBuilder("hardening: " + cases + " cases, seed " + seed + "\n");
        tally.forEach((k, t) -> summary.append(String.format("  %-20s %5d cases %5d failing runs %5d still valid %6d ms%n",
                k, t[0], t[1], t[2], t[3])));
        System.out.print(summary);
        assertEquals(List.of(), problems, summary.toString());
        assertTrue(tally.values().stream().mapToInt(t -> t[0]).sum() >= 10_000, "at least 10,000 cases");
        // The corruptions did damage: most runs fail, for every kind of damage.
        tally.forEach((k, t) -> assertTrue(t[1] > 0, k + " never made a run fail"));
    }

    private static String preview(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
