package dev.gitops.validator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.finding.Finding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiversTest {

    private static final String SETTINGS = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
            data:
              enabled: yes
            """;

    private static final String ANNOTATED = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: flags
              namespace: shop
              annotations:
                gitops.validator/waive: "YAML011: the shop parses yes/no itself"
            data:
              enabled: yes
            """;

    private static String waiver(String expires) {
        return """
                waivers:
                  - rule: YAML011
                    resource: {kind: ConfigMap, namespace: shop, name: settings}
                    reason: the consumer parses booleans
                    owner: team-shop
                    expires: %s
                """.formatted(expires);
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(f -> f.rule() + "@" + f.file() + ":" + f.line()).toList();
    }

    @Test
    void aCentralWaiverAcceptsTheFindingsItSelectsAndCountsThem(@TempDir Path dir) throws Exception {
        Report r = new TempRepo(dir).write("apps/settings.yaml", SETTINGS)
                .write(".gitops-validator.yaml", waiver("2026-12-31")).validate(true);
        assertEquals(List.of(), rules(r.findings()));
        assertEquals(1, r.waived().size());
        WaivedFinding w = r.waived().getFirst();
        assertEquals("YAML011", w.finding().rule());
        assertEquals("the consumer parses booleans", w.reason());
        assertTrue(w.source().startsWith(".gitops-validator.yaml:2 (owner team-shop, expires 2026-12-31)"), w.source());
        assertEquals(1, r.summary().waived());
        assertEquals(0, r.exitCode(true), "nothing left, even under --strict");
    }

    @Test
    void aWaiverOfAnotherResourceOrNamespaceWaivesNothing(@TempDir Path dir) throws Exception {
        Report r = new TempRepo(dir).write("apps/settings.yaml", SETTINGS.replace("namespace: shop", "namespace: billing"))
                .write(".gitops-validator.yaml", waiver("2026-12-31")).validate(true);
        assertEquals(List.of("WAIVE003@.gitops-validator.yaml:2", "YAML011@apps/settings.yaml:7"), rules(r.findings()));
        assertEquals(0, r.summary().waived());
    }

    @Test
    void anExpiredWaiverIsAnErrorAtItsLineAndWaivesNothing(@TempDir Path dir) throws Exception {
        Report r = new TempRepo(dir).write("apps/settings.yaml", SETTINGS)
                .write(".gitops-validator.yaml", waiver("2026-05-31")).validate(true);
        assertEquals(List.of("WAIVE001@.gitops-validator.yaml:6", "YAML011@apps/settings.yaml:7"), rules(r.findings()));
        assertTrue(r.findings().getFirst().message().contains("expired on 2026-05-31"));
        assertEquals(1, r.exitCode(false));
        // The day of expiry itself is still valid.
        Report lastDay = new TempRepo(dir).write(".gitops-validator.yaml", waiver("2026-06-01")).validate(true);
        assertEquals(List.of(), rules(lastDay.findings()));
    }

    @Test
    void anExpiredWaiverCannotBeSilencedByFiltersOrWaivers(@TempDir Path dir) throws Exception {
        String config = waiver("2020-01-01") + """
                  - rule: WAIVE001
                    file: ".gitops-validator.yaml"
                    reason: hide the expiry
                    owner: someone
                    expires: 2099-01-01
                """;
        Report r = new TempRepo(dir).write("apps/settings.yaml", SETTINGS).write(".gitops-validator.yaml", config)
                .validate(true);
        assertTrue(rules(r.findings()).contains("WAIVE001@.gitops-validator.yaml:6"), rules(r.findings()).toString());
    }

    @Test
    void anIncompleteWaiverIsAnErrorAndWaivesNothing(@TempDir Path dir) throws Exception {
        String config = """
                waivers:
                  - rule: YAML011
                    resource: {kind: ConfigMap, namespace: shop, name: settings}
                    expires: 2026-12-31
                  - rule: YAML011
                    resource: {kind: ConfigMap, name: x}
                    reason: fine
                    owner: me
                    expires: soon
                    extra: 1
                  - just a string
                """;
        Report r = new TempRepo(dir).write("apps/settings.yaml", SETTINGS).write(".gitops-validator.yaml", config)
                .validate(true);
        assertEquals(List.of("WAIVE002@.gitops-validator.yaml:2", "WAIVE002@.gitops-validator.yaml:5",
                "WAIVE002@.gitops-validator.yaml:11", "YAML011@apps/settings.yaml:7"), rules(r.findings()));
        Finding first = r.findings().getFirst();
        assertTrue(first.message().contains("'reason' is missing") && first.message().contains("'owner' is missing"),
                first.message());
        assertTrue(r.findings().get(1).message().contains("'expires' must be a date"));
        assertTrue(r.findings().get(1).message().contains("unknown field 'extra'"));
    }

    @Test
    void waiversMayLiveInAFileOfTheirOwnAndSelectByFileGlob(@TempDir Path dir) throws Exception {
        TempRepo repo = new TempRepo(dir).write("apps/shop/settings.yaml", SETTINGS)
                .write("apps/billing/settings.yaml", SETTINGS.replace("namespace: shop", "namespace: billing"))
                .write(".gitops-validator.yaml", "waivers: policy/waivers.yaml\n")
                .write("policy/waivers.yaml", """
                        # Exceptions, reviewed monthly.
                        waivers:
                          - rule: YAML011
                            file: "apps/shop/**"
                            reason: the shop parses booleans
                            owner: team-shop
                            expires: 2026-12-31
                        """);
        Report r = repo.validate(true);
        assertEquals(List.of("YAML011@apps/billing/settings.yaml:7"), rules(r.findings()));
        assertEquals("apps/shop/settings.yaml", r.waived().getFirst().finding().file());
        assertTrue(r.waived().getFirst().source().startsWith("policy/waivers.yaml:3"));
    }

    @Test
    void aMissingWaiversFileFailsTheRun(@TempDir Path dir) throws Exception {
        Report r = new TempRepo(dir).write("apps/settings.yaml", SETTINGS)
                .write(".gitops-validator.yaml", "waivers: policy/nothing.yaml\n").validate(true);
        assertEquals(2, r.exitCode(false));
    }

    @Test
    void anUnusedWaiverIsReportedOnlyOnAWholeTreeRun(@TempDir Path dir) throws Exception {
        TempRepo repo = new TempRepo(dir).write("apps/settings.yaml", SETTINGS.replace("yes", "\"yes\""))
                .write(".gitops-validator.yaml", waiver("2026-12-31"));
        assertEquals(List.of("WAIVE003@.gitops-validator.yaml:2"), rules(repo.validate(true).findings()));
        assertEquals(List.of(), rules(repo.validate(true, "apps/settings.yaml").findings()));
        assertEquals(List.of(), rules(repo.validate(TempRepo.only("schema-less", "YAML001"), true).findings()
                .stream().filter(f -> f.rule().startsWith("WAIVE")).toList()));
    }

    @Test
    void annotationWaiversAreHonouredUnlessTurnedOff(@TempDir Path dir) throws Exception {
        TempRepo repo = new TempRepo(dir).write("apps/flags.yaml", ANNOTATED);
        Report honoured = repo.validate(true);
        assertEquals(List.of(), rules(honoured.findings()));
        assertEquals("annotation gitops.validator/waive", honoured.waived().getFirst().source());
        assertEquals(1, honoured.summary().waived());
        Report ignored = repo.validate(false);
        assertEquals(List.of("YAML011@apps/flags.yaml:9"), rules(ignored.findings()));
        assertEquals(0, ignored.summary().waived());
        assertEquals(1, ignored.exitCode(true));
    }

    @Test
    void annotationReasonsMayHoldSemicolonsAndMalformedEntriesAreReported(@TempDir Path dir) throws Exception {
        TempRepo repo = new TempRepo(dir).write("apps/flags.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: flags
                  annotations:
                    gitops.validator/waive: "YAML011: parsed by the app; reviewed in March; YAML002: kept"
                data:
                  enabled: yes
                """).write("apps/bad.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: bad
                  annotations:
                    gitops.validator/waive: "YAML011"
                data:
                  enabled: yes
                """);
        Report r = repo.validate(true);
        assertEquals(List.of("WAIVE002@apps/bad.yaml:6", "YAML011@apps/bad.yaml:8"), rules(r.findings()));
        assertEquals("parsed by the app; reviewed in March", r.waived().getFirst().reason());
        assertEquals(List.of("YAML011@apps/bad.yaml:8", "YAML011@apps/flags.yaml:8"), rules(repo.validate(false).findings()),
                "with annotation waivers off, annotations are not judged either");
    }
}
