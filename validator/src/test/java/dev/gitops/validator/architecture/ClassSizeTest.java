package dev.gitops.validator.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No source file of the validator is over 400 lines: a class that grows past it does more than one job. */
class ClassSizeTest {

    static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileIsOver400Lines() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            tooLong = files.filter(p -> p.toString().endsWith(".java")).sorted()
                    .map(p -> new Size(p, lines(p)))
                    .filter(s -> s.lines() > MAX_LINES)
                    .map(s -> s.file() + " (" + s.lines() + " lines)")
                    .toList();
        }
        assertEquals(List.of(), tooLong, "files over " + MAX_LINES + " lines");
    }

    private record Size(Path file, long lines) {
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
