package dev.gitops.validator.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the CLI: exit code and what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        return withStdin("", args);
    }
}
