package dev.gitops.validator.domain.cost;

import java.util.List;

/**
 * What the platform holds once, whichever cluster is running: the VPC's NAT gateways, hosted zones,
 * the document buckets, the Shield Advanced subscription and the CloudFront distributions.
 *
 * @param natGateways NAT gateways of the shared VPC
 * @param elasticIps Elastic IP addresses (public IPv4, charged by the hour)
 * @param hostedZones Route 53 hosted zones
 * @param buckets S3 buckets with their lifecycle
 * @param shieldAdvanced some resource asks for Shield Advanced protection (the subscription is per organization)
 * @param distributions the CloudFront distributions (their names), which bill requests and transfer only
 */
public record SharedInventory(int natGateways, int elasticIps, int hostedZones, List<Bucket> buckets, boolean shieldAdvanced,
                              List<String> distributions) {

    public SharedInventory {
        buckets = List.copyOf(buckets);
        distributions = List.copyOf(distributions);
    }

    /**
     * A bucket: the storage class objects arrive in and the lifecycle transitions of current versions.
     *
     * @param expirationDays current versions expire after this many days, null when never
     * @param accessLogs the ALBs write their access logs to it (it holds logs, not documents)
     */
    public record Bucket(String name, String initialClass, List<Transition> transitions, Integer expirationDays,
                         boolean accessLogs) {

        public Bucket {
            transitions = List.copyOf(transitions);
        }
    }

    /** Objects move to {@code storageClass} {@code days} after creation. */
    public record Transition(int days, String storageClass) {
    }
}
