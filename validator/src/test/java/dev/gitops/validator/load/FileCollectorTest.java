package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a run validates: the folders' entries are walked in parallel, the result is the same sorted list. */
class FileCollectorTest {

    @TempDir
    Path root;

    private void touch(String rel) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "kind: ConfigMap\n");
    }

    private List<String> collect(List<String> ignore, String... paths) throws FileCollector.MissingPathException {
        List<String> given = List.of(paths).stream().map(p -> root.resolve(p).toString()).toList();
        return new FileCollector(root, new Globs(ignore)).collect(given).stream().map(SourceFile::displayName).toList();
    }

    @Test
    void manifestsBelowTheFoldersSortedLessHiddenBuildAndIgnoredPaths() throws Exception {
        for (int i = 0; i < 30; i++) {
            touch("apps/app" + i + "/base/deployment.yaml");
            touch("apps/app" + i + "/even/values.yml");
        }
        touch("top.json");
        touch("README.md");
        touch(".hidden.yaml");
        touch(".github/workflow.yaml");
        touch("apps/target/out.yaml");
        touch("apps/node_modules/x.yaml");
        touch("apps/app3/samples/bad.yaml");

        List<String> found = collect(List.of("**/samples/**"), ".");
        assertEquals(61, found.size(), found.toString());
        assertEquals(found.stream().sorted().toList(), found, "sorted by display name");
        assertEquals("apps/app0/base/deployment.yaml", found.getFirst());
        assertEquals("top.json", found.getLast());
    }

    @Test
    void aFileNamedExplicitlyCountsWhateverItsNameAndAMissingPathIsAnError() throws Exception {
        touch("notes.txt");
        touch("apps/a.yaml");
        assertEquals(List.of("apps/a.yaml", "notes.txt"), collect(List.of(), "notes.txt", "apps", "apps/a.yaml"));
        assertThrows(FileCollector.MissingPathException.class, () -> collect(List.of(), "nope"));
    }

    @Test
    void aFolderGivenAsASymbolicLinkIsNotFollowed() throws Exception {
        touch("real/a.yaml");
        Files.createSymbolicLink(root.resolve("link"), root.resolve("real"));
        assertEquals(List.of(), collect(List.of(), "link"));
        assertEquals(List.of("real/a.yaml"), collect(List.of(), "real"));
    }
}
