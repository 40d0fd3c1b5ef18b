package dev.gitops.validator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.validator.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A temporary git repository holding a copy of this repository's tree (apps/, clusters/, infra/, schemas/, upstream/,
 * policies/, cost/, .gitops-validator.yaml) with one commit, on which the CLI runs as a user would.
 */
final class TempRepo {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    final Path dir;
    String out = "";
    String err = "";

    private TempRepo(Path dir) {
        this.dir = dir;
    }


    static TempRepo create(Path parent) {
        Path dir = parent.resolve("repo");
        Path from = REPOSITORY;
        for (String p : List.of("apps", "clusters", "infra", "policies", "schemas", "upstream", "cost",
                ".gitops-validator.yaml")) {
            copy(from.resolve(p), dir.resolve(p));
        }
        TempRepo repo = new TempRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "initial tree");
        return repo;
    }

    /** Runs a CLI command with {@code --root} pointing here; returns the exit code. */
    int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--root")) {
            all.add("--root");
            all.add(dir.toString());
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        cli.setExecutionExceptionHandler((ex, c, p) -> {
            ex.printStackTrace(c.getErr());
            return 2;
        });
        int code = cli.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** Runs a command that must succeed. */
    void ok(String... args) {
        int code = run(args);
        assertEquals(0, code, String.join(" ", args) + " failed:\n" + out + err);
    }

    String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the tree with its content, to prove that a refusal changed nothing. */
    String snapshot() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).startsWith(".git"))
                    .sorted().toList()) {
                b.append(dir.relativize(p)).append('\n').append(Files.readString(p)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    void commit(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    String git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Release Test",
                "-c", "user.email=release-test@example.com", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
