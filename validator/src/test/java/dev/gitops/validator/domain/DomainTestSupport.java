package dev.gitops.validator.domain;

import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reads YAML text into resources, as the loader does for files. */
public final class DomainTestSupport {

    private DomainTestSupport() {
    }

    public static List<Resource> load(String displayName, String yaml) {
        return new YamlLoader(LoadLimits.DEFAULT).load(new SourceFile(Path.of(displayName), displayName),
                yaml.getBytes(StandardCharsets.UTF_8)).resources();
    }
}
