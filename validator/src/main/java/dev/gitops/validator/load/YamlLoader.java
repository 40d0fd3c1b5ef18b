package dev.gitops.validator.load;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads YAML and JSON files into resources whose every field keeps its line and column.
 *
 * <p>The bytes are checked and decoded by {@link Utf8Decoder}, the text split into documents and
 * resources by {@link DocumentSplitter}, whose {@link TreeBuilder} builds the values and positions
 * while bounding nesting, size and alias expansion. Plain scalars are resolved the way Kubernetes
 * reads them (YAML 1.1); merge keys ({@code <<}) are honoured.
 */
public final class YamlLoader {

    private final LoadLimits limits;
    /** Shared by the files this loader reads, also in parallel. */
    private final TextPool texts = new TextPool();

    public YamlLoader(LoadLimits limits) {
        this.limits = limits;
    }

    /** Reads a file from disk. Never throws: every problem becomes a finding. */
    public LoadedFile load(SourceFile file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file.path())) {
                String what = Files.isSymbolicLink(file.path()) && !Files.exists(file.path())
                        ? "a symbolic link to nothing" : Files.isDirectory(file.path()) ? "a folder"
                        : Files.exists(file.path()) ? "not a regular file" : "missing";
                return unreadable(file, "cannot read file: it is " + what);
            }
            long size = Files.size(file.path());
            if (size > limits.maxFileBytes()) {
                return failed(file, YamlRules.TOO_LARGE, Position.START, "file is " + size + " bytes, above the limit of "
                        + limits.maxFileBytes() + " bytes", "split it, or raise limits.maxFileBytes in .gitops-validator.yaml");
            }
            bytes = Files.readAllBytes(file.path());
        } catch (IOException | RuntimeException e) {
            return unreadable(file, "cannot read file: " + describe(e));
        }
        return load(file, bytes);
    }

    /** Reads content already in memory (stdin, tests). Never throws. */
    public LoadedFile load(SourceFile file, byte[] bytes) {
        if (bytes.length > limits.maxFileBytes()) {
            return failed(file, YamlRules.TOO_LARGE, Position.START, "input is " + bytes.length
                    + " bytes, above the limit of " + limits.maxFileBytes() + " bytes", null);
        }
        String text;
        try {
            text = Utf8Decoder.decode(bytes);
        } catch (Utf8Decoder.InvalidEncoding e) {
            return failed(file, YamlRules.ENCODING, e.position(), e.getMessage(), "save the file as UTF-8");
        }
        try {
            return new DocumentSplitter(file, text, limits, texts).read();
        } catch (StackOverflowError e) {
            return failed(file, YamlRules.TOO_LARGE, Position.START, "document nesting is too deep to read", null);
        }
    }

    private static LoadedFile unreadable(SourceFile file, String message) {
        Finding f = FileFindings.at(YamlRules.UNREADABLE, file, Position.START, message, null);
        return new LoadedFile(file, List.of(), List.of(f), true);
    }

    private static LoadedFile failed(SourceFile file, Rule rule, Position pos, String message, String hint) {
        return new LoadedFile(file, List.of(), List.of(FileFindings.at(rule, file, pos, message, hint)), false);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
