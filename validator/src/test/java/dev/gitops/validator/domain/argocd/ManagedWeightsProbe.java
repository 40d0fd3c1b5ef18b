package dev.gitops.validator.domain.argocd;

/** Test access to the package-private path helpers of {@link ManagedWeightsCheck}. */
public final class ManagedWeightsProbe {

    private ManagedWeightsProbe() {
    }

    public static String fromPointer(String p) {
        return ManagedWeightsCheck.fromPointer(p);
    }

    public static String fromJq(String p) {
        return ManagedWeightsCheck.fromJq(p);
    }

    public static boolean covers(String ignored, String weights) {
        return ManagedWeightsCheck.covers(ignored, weights);
    }
}
