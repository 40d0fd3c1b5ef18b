package dev.gitops.validator.domain.arch;

/** Test access to the package-private helpers of {@link ArchitectureCheck}. */
public final class ArchitectureCheckProbe {

    private ArchitectureCheckProbe() {
    }

    public static String archOf(String location) {
        return ArchitectureCheck.archOf(location);
    }
}
