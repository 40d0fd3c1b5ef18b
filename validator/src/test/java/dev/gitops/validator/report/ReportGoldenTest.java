package dev.gitops.validator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.validator.pipeline.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each format renders fixed reports exactly as the files under {@code src/test/resources/golden/}.
 * After an intended change of a format, regenerate them with {@code -Dgolden.update=true} and review
 * the diff.
 */
class ReportGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<Arguments> cases() {
        return Stream.of("findings", "fatal", "clean").flatMap(report -> Stream.of(
                Arguments.of(report, "text", "txt"),
                Arguments.of(report, "json", "json"),
                Arguments.of(report, "sarif", "sarif"),
                Arguments.of(report, "junit", "junit.xml"),
                Arguments.of(report, "github", "github.txt")));
    }

    static Report report(String name) {
        return switch (name) {
            case "findings" -> SampleReports.withFindings();
            case "fatal" -> SampleReports.withFatal();
            default -> SampleReports.clean();
        };
    }

    static Reporter reporter(String format) {
        return format.equals("sarif")
                ? new SarifReporter(SampleReports.RULES, SampleReports::doc, ToolInfo.INFORMATION_URI)
                : Formats.reporter(format, false, SampleReports.RULES);
    }

    static String render(String format, Report report) {
        StringWriter out = new StringWriter();
        try {
            reporter(format).write(report, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void rendersAsTheGoldenFile(String report, String format, String extension) throws IOException {
        String actual = render(format, report(report));
        Path golden = GOLDEN.resolve(report + "." + extension);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "differs from " + golden);
        // Rendering is a pure function of the report.
        assertEquals(actual, render(format, report(report)));
    }
}
