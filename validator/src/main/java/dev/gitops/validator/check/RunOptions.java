package dev.gitops.validator.check;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of one run that some checks read, mostly from the command line. Text is kept as
 * given: the check that reads an option reports it when it is malformed.
 *
 * @param kubernetesVersion {@code --kubernetes-version}, or null for the default (schema)
 * @param schemaLocations {@code --schema-location}, in order (schema)
 * @param opaUrl {@code --opa-url}: a running OPA to use instead of a private one, or null (policy)
 * @param opaTimeout {@code --opa-timeout} in seconds, or null for the default (policy)
 * @param opaBinary the opa executable to start, or null to look for one (policy)
 * @param base the git revision a change is judged against ({@code --base}), or null (transition)
 * @param baseDir the folder holding the base tree, or null; it takes precedence over {@code base}
 *     (transition)
 */
public record RunOptions(String kubernetesVersion, List<String> schemaLocations, String opaUrl, String opaTimeout,
                         String opaBinary, String base, Path baseDir) {

    /** No options: every check uses its defaults. */
    public static final RunOptions NONE = new RunOptions(null, List.of(), null, null, null, null, null);

    public RunOptions {
        schemaLocations = List.copyOf(schemaLocations);
    }

    public RunOptions withSchemaLocations(List<String> locations) {
        return new RunOptions(kubernetesVersion, locations, opaUrl, opaTimeout, opaBinary, base, baseDir);
    }

    /** These options with an OPA server to use and how long it may take ({@code timeout} may be null). */
    public RunOptions withOpa(String url, String timeout) {
        return new RunOptions(kubernetesVersion, schemaLocations, url, timeout, opaBinary, base, baseDir);
    }

    public RunOptions withOpaBinary(String binary) {
        return new RunOptions(kubernetesVersion, schemaLocations, opaUrl, opaTimeout, binary, base, baseDir);
    }

    /** These options judging the change from base revision {@code ref} (may be null) held in {@code dir}. */
    public RunOptions withBase(String ref, Path dir) {
        return new RunOptions(kubernetesVersion, schemaLocations, opaUrl, opaTimeout, opaBinary, ref, dir);
    }
}
