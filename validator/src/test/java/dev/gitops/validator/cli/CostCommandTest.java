package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code cost} on the repository's tree: JSON figures add up, hours per month scale hourly lines. */
class CostCommandTest {

    private static final String ROOT = Path.of("..").toAbsolutePath().normalize().toString();

    @Test
    void jsonTotalsAreTheSumsOfTheirLinesToTheCent() throws Exception {
        CliRun run = CliRun.of("cost", "--json", "--root", ROOT);
        assertEquals(0, run.code(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(8, doc.get("clusters").size()); // 2 clusters x 4 states
        for (JsonNode c : doc.get("clusters")) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode l : c.get("lines")) {
                sum = sum.add(l.get("monthly").decimalValue());
            }
            // each line and the total are rounded to cents on their own: at most half a cent per line apart
            assertTrue(sum.subtract(c.get("monthly").decimalValue()).abs().doubleValue() <= 0.005 * c.get("lines").size(),
                    c.get("cluster") + " " + c.get("state"));
        }
        assertTrue(doc.get("today").get("runRate").doubleValue() > doc.get("shared").get("monthly").doubleValue());
    }

    @Test
    void hoursPerMonthScalesTheControlPlane() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(CliRun.of("cost", "--json", "--hours-per-month", "100", "--root",
                ROOT).out());
        JsonNode live = doc.get("clusters").get(0);
        assertEquals("live", live.get("state").asText());
        assertEquals("eks", live.get("lines").get(0).get("id").asText());
        assertEquals(10.0, live.get("lines").get(0).get("monthly").doubleValue(), 0.001); // 0.10/h x 100 h
    }

    @Test
    void badHoursAreAUsageError() {
        CliRun run = CliRun.of("cost", "--hours-per-month", "0", "--root", ROOT);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("hours per month"), run.err());
    }
}
