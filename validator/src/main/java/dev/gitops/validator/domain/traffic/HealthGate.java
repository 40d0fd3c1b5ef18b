package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Objects;

/**
 * The Route 53 health check that decides whether a cluster's public weighted record may be answered.
 *
 * <p>Route 53 first answers only with records of non-zero weight, and answers with the zero-weight
 * records when every record with weight is unhealthy (Route 53 Developer Guide, "How Amazon Route 53
 * chooses records when health checking is configured"). A zero weight alone therefore does not keep a
 * cluster out of public DNS: the moment the live cluster fails its health check, the other one takes
 * all of it. A health check that is {@code disabled} counts as healthy whatever the endpoint does, and
 * {@code inverted} flips it to unhealthy: disabled and inverted together hold the record out of every
 * answer (the API reference of {@code HealthCheckConfig.Disabled}: "If you want to stop routing
 * traffic to a resource, change the value of Inverted"). That is the gate's closed position; open is
 * neither set, so Route 53 follows the endpoint.
 *
 * @param record the ACK {@code RecordSet} the gate belongs to
 * @param healthCheck the ACK {@code HealthCheck} its {@code healthCheckRef} names
 * @param disabled {@code spec.healthCheckConfig.disabled} as written, or null
 * @param inverted {@code spec.healthCheckConfig.inverted} as written, or null
 */
public record HealthGate(Resource record, Resource healthCheck, Boolean disabled, Boolean inverted) {

    public static final FieldPath REF = FieldPath.of("spec", "healthCheckRef", "from", "name");
    public static final FieldPath DISABLED = FieldPath.of("spec", "healthCheckConfig", "disabled");
    public static final FieldPath INVERTED = FieldPath.of("spec", "healthCheckConfig", "inverted");

    /** Held unhealthy whatever the endpoint answers: Route 53 never answers with the record. */
    public boolean closed() {
        return Boolean.TRUE.equals(disabled) && Boolean.TRUE.equals(inverted);
    }

    /** Following the endpoint: neither disabled nor inverted. */
    public boolean open() {
        return !Boolean.TRUE.equals(disabled) && !Boolean.TRUE.equals(inverted);
    }

    /**
     * Whether a cluster may take public traffic at all: its sprint passed beta and it is not drained.
     * Only such a cluster may be answered, as the live one or as the fallback when the live one fails.
     */
    public static boolean mayServe(ClusterState s) {
        return s.betaValidated() && !s.drained();
    }

    public static boolean isRecordSet(Resource r) {
        return "RecordSet".equals(r.kind()) && r.apiVersion() != null
                && r.apiVersion().startsWith("route53.services.k8s.aws/");
    }

    public static boolean isHealthCheck(Resource r) {
        return "HealthCheck".equals(r.kind()) && r.apiVersion() != null
                && r.apiVersion().startsWith("route53.services.k8s.aws/");
    }

    /**
     * The gate of an ACK record: the {@code HealthCheck} named by its {@code healthCheckRef}, among
     * {@code candidates} (the caller passes the resources deployed with the record), in the record's
     * namespace (or the one the reference names). Null when the record references none, or a health
     * check the candidates do not hold.
     */
    public static HealthGate of(Resource record, List<Resource> candidates) {
        if (!(record.get(REF) instanceof String name)) {
            return null;
        }
        Object ns = record.get(FieldPath.of("spec", "healthCheckRef", "from", "namespace"));
        String namespace = ns instanceof String s ? s : record.ref().namespace();
        for (Resource c : candidates) {
            if (isHealthCheck(c) && name.equals(c.ref().name())
                    && (namespace == null || c.ref().namespace() == null || Objects.equals(namespace, c.ref().namespace()))) {
                return new HealthGate(record, c, bool(c.get(DISABLED)), bool(c.get(INVERTED)));
            }
        }
        return null;
    }

    private static Boolean bool(Object o) {
        return o instanceof Boolean b ? b : null;
    }
}
