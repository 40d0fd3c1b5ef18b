package dev.gitops.validator.load;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.SourceFile;
import java.util.List;

/**
 * The outcome of reading one file.
 *
 * @param file the file
 * @param resources every resource read from it, in order
 * @param findings problems met while reading
 * @param unreadable true when the file could not be read at all (I/O error): the run must fail
 */
public record LoadedFile(SourceFile file, List<Resource> resources, List<Finding> findings, boolean unreadable) {

    public LoadedFile {
        resources = List.copyOf(resources);
        findings = List.copyOf(findings);
    }
}
