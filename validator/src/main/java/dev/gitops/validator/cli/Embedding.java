package dev.gitops.validator.cli;

import dev.gitops.validator.policy.WarmOpa;
import java.io.InputStream;

/**
 * What a process that runs the CLI on someone else's behalf (the validation daemon) provides
 * instead of its own environment.
 *
 * @param stdin what {@code -} reads
 * @param terminal whether the caller's standard output is a terminal that wants colour (the
 *     caller's {@code System.console()} and {@code NO_COLOR}, not the embedding process's)
 * @param opa the OPA server the caller keeps warm, asked for the repository's policies by runs that
 *     apply a policy rule and have no {@code --opa-url}; null to start a private one as a one-shot
 *     run does
 */
public record Embedding(InputStream stdin, boolean terminal, WarmOpa opa) {

    /** This process's own standard input and terminal, and no shared OPA. */
    public static Embedding standalone() {
        return new Embedding(System.in, System.console() != null && System.getenv("NO_COLOR") == null, null);
    }
}
