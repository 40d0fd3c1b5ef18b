package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;

/** Places in the tree that the release commands read and edit, each one scalar of one resource. */
public final class Sites {

    private Sites() {
    }

    /**
     * The weight of a cluster's weighted Route 53 record: an ACK {@code RecordSet}'s
     * {@code spec.weight}, a {@code DNSEndpoint}'s {@code aws/weight}, or an ExternalDNS
     * {@code aws-weight} annotation.
     *
     * @param numeric the value is an integer (RecordSet) rather than a string
     */
    public record RecordWeight(Cluster cluster, Resource resource, FieldPath path, int weight, boolean numeric) {

        public Object valueFor(int newWeight) {
            return numeric ? (Object) (long) newWeight : String.valueOf(newWeight);
        }

        public String describe() {
            return resource.ref().display() + " " + path + " (" + where(resource, path) + ")";
        }
    }

    /** A container image reference. */
    public record Image(Resource resource, FieldPath path, String image) {

        public String file() {
            return resource.file().displayName();
        }

        /** The repository part of the reference: without tag or digest. */
        public String repository() {
            return repositoryOf(image);
        }
    }

    /**
     * A capacity a drained cluster sets to zero: a workload's {@code spec.replicas}, a Karpenter
     * NodePool's {@code spec.limits.*}.
     */
    public record Capacity(Resource resource, FieldPath path, Object value) {

        public boolean isZero() {
            return value instanceof Long n ? n == 0 : value instanceof String s && s.strip().matches("0+[a-zA-Z]*");
        }

        /** Zero in the value's own form: {@code 0}, {@code "0"}, or {@code 0Gi} for {@code 800Gi}. */
        public Object zero() {
            if (value instanceof String s) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9.]+([a-zA-Z]*)").matcher(s.strip());
                return m.matches() ? "0" + m.group(1) : "0";
            }
            return 0L;
        }

        public String file() {
            return resource.file().displayName();
        }
    }

    /** The repository of an image reference: {@code registry/name} without {@code :tag} or {@code @digest}. */
    public static String repositoryOf(String image) {
        String s = image.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            s = s.substring(0, colon);
        }
        return s;
    }

    /** {@code file:line} of a field. */
    public static String where(Resource r, FieldPath path) {
        Position p = r.positionOf(path);
        return r.file().displayName() + ":" + p.line();
    }
}
