package dev.gitops.validator.domain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INFRA012 and INFRA013 on each side of the calendar's dates, with a fixed today. */
class EksVersionCheckTest {

    private static final String CALENDAR = """
            versions:
              - version: "1.36"
                released: 2026-06-02
                endOfStandardSupport: 2027-08-02
                endOfExtendedSupport: 2028-08-02
              - version: "1.33"
                released: 2025-05-28
                endOfStandardSupport: 2026-07-29
                endOfExtendedSupport: 2027-07-29
            """;

    @TempDir
    Path dir;

    void tree(String version, String supportType, String calendar) throws Exception {
        Files.writeString(dir.resolve(".gitops-validator.yaml"), "include: [infra]\n");
        Files.createDirectories(dir.resolve("infra"));
        Files.writeString(dir.resolve("infra/eks.yaml"), """
                apiVersion: eks.services.k8s.aws/v1alpha1
                kind: Cluster
                metadata:
                  name: docproc-even
                spec:
                  name: docproc-even
                """ + (version == null ? "" : "  version: \"" + version + "\"\n")
                + (supportType == null ? "" : "  upgradePolicy:\n    supportType: " + supportType + "\n"));
        if (calendar != null) {
            Files.createDirectories(dir.resolve("upstream"));
            Files.writeString(dir.resolve(EksCalendar.FILE), calendar);
        }
    }

    List<Finding> run(String today) throws Exception {
        Workspace ws = Workspace.open(dir, StandardChecks.all());
        Findings f = new Findings();
        new EksVersionCheck(Clock.fixed(Instant.parse(today + "T12:00:00Z"), ZoneOffset.UTC))
                .run(new CheckContext(ws.root(), ws.resources(), ws.config(), RunOptions.NONE), f);
        return f.all();
    }

    static String rules(List<Finding> findings) {
        return String.join(",", findings.stream().map(Finding::rule).toList());
    }

    @Test
    void standardSupportWarnsNinetyDaysAheadAndNotBefore() throws Exception {
        tree("1.36", "STANDARD", CALENDAR);
        assertEquals("", rules(run("2027-05-03")), "91 days before the end");
        List<Finding> notice = run("2027-05-04");
        assertEquals("INFRA013", rules(notice));
        assertTrue(notice.getFirst().message().contains("upgraded by EKS"), notice.getFirst().message());
    }

    @Test
    void theDayStandardSupportEndsAStandardPolicyIsAnError() throws Exception {
        tree("1.36", "STANDARD", CALENDAR);
        assertEquals("INFRA013", rules(run("2027-08-01")));
        List<Finding> ended = run("2027-08-02");
        assertEquals("INFRA012", rules(ended));
        assertTrue(ended.getFirst().message().contains("never downgrades"), ended.getFirst().message());
    }

    @Test
    void extendedSupportWarnsOfItsPriceUntilItEndsThenIsAnError() throws Exception {
        tree("1.36", null, CALENDAR);
        List<Finding> extended = run("2027-08-02");
        assertEquals("INFRA013", rules(extended));
        assertTrue(extended.getFirst().message().contains("six times"), extended.getFirst().message());
        assertEquals("INFRA012", rules(run("2028-08-02")));
    }

    @Test
    void theOldTreesVersionIsRefusedToday() throws Exception {
        tree("1.33", "STANDARD", CALENDAR);
        List<Finding> f = run("2026-12-01");
        assertEquals("INFRA012,INFRA012", rules(f), f.toString());
        assertTrue(f.getFirst().message().contains("validated against the API of 1.36"), f.getFirst().message());
        assertTrue(f.get(1).message().contains("left EKS standard support on 2026-07-29"), f.get(1).message());
    }

    @Test
    void aMissingVersionOrOneTheCalendarLacksIsAnError() throws Exception {
        tree(null, "STANDARD", CALENDAR);
        assertEquals("INFRA012", rules(run("2026-12-01")));
        tree("1.37", "STANDARD", CALENDAR);
        List<Finding> f = run("2026-12-01");
        assertEquals("INFRA012,INFRA012", rules(f), f.toString());
        assertTrue(f.get(1).message().contains("not in the EKS release calendar"), f.get(1).message());
    }

    @Test
    void withoutACalendarOnlyAWarningSaysWhatIsNotChecked() throws Exception {
        tree("1.36", "STANDARD", null);
        List<Finding> f = run("2026-12-01");
        assertEquals("INFRA013", rules(f));
        assertTrue(f.getFirst().message().contains("is not checked"), f.getFirst().message());
    }

    @Test
    void aMalformedCalendarFailsTheRunNamingTheRow() throws Exception {
        tree("1.36", "STANDARD", "versions:\n  - version: \"1.36\"\n    released: soon\n");
        CheckFailedException e = assertThrows(CheckFailedException.class, () -> run("2026-12-01"));
        assertTrue(e.getMessage().contains("version 1.36: released must be a date"), e.getMessage());
    }
}
