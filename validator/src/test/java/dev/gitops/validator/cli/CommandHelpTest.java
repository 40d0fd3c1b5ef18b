package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command takes --root; the commands that change the tree share one exit-code list. */
class CommandHelpTest {

    @Test
    void everyCommandTakesRoot() {
        for (String command : List.of("validate", "status", "release", "beta-ok", "shift", "drain", "rollback")) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().contains("--root=DIR"), command + " help:\n" + help.out());
            assertTrue(help.out().contains("Exit codes:"), command + " help:\n" + help.out());
        }
    }

    @Test
    void changeCommandsListTheirExitCodes() {
        for (String command : List.of("release", "beta-ok", "shift", "drain", "rollback")) {
            String help = CliRun.of(command, "--help").out();
            assertTrue(help.contains("done (or nothing to change)"), command + " help:\n" + help);
            assertTrue(help.contains("refused: a rule forbids the step"), command + " help:\n" + help);
        }
    }
}
