package dev.gitops.validator.domain.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the platform pays once whatever the clusters do: the Shield Advanced subscription, the shared
 * VPC's NAT gateways, the hosted zones, the buckets (documents, ALB access logs) by lifecycle stage, and
 * the CloudFront distributions (no monthly fee; they bill only what they serve). The storage
 * figures are the state at month {@code storageHorizonMonths} of the platform's life with a steady
 * intake: each storage class holds the intake of the days objects spend in it.
 */
final class SharedCosts {

    static final double DAYS_PER_MONTH = 365.25 / 12;
    private static final Map<String, String> CLASS_PRICES = Map.of("STANDARD", "s3.standard.gb.month",
            "GLACIER_IR", "s3.glacier_ir.gb.month", "GLACIER", "s3.glacier.gb.month",
            "DEEP_ARCHIVE", "s3.deep_archive.gb.month");

    private SharedCosts() {
    }

    static List<LineItem> lines(SharedInventory shared, PriceBook prices, Assumptions assume, double hours)
            throws CostInputException {
        List<LineItem> out = new ArrayList<>();
        out.add(LineItem.of("shield", "Shield Advanced subscription",
                shared.shieldAdvanced() ? prices.usd("shield.advanced.month") : 0, shared.shieldAdvanced()
                        ? "per organization, one-year commitment: not removed by any cluster state"
                        : "no resource asks for Shield Advanced protection"));
        out.add(LineItem.of("nat-gateways", "NAT gateways (shared VPC)",
                shared.natGateways() * prices.usd("nat.hour") * hours, CostModel.fmt("%d gateway(s) x %s/h",
                        shared.natGateways(), CostModel.money(prices.usd("nat.hour")))));
        out.add(LineItem.of("public-ipv4", "Elastic IP addresses (the NAT gateways' public IPv4)",
                shared.elasticIps() * prices.usd("vpc.public-ipv4.hour") * hours, CostModel.fmt("%d address(es) x %s/h",
                        shared.elasticIps(), CostModel.money(prices.usd("vpc.public-ipv4.hour")))));
        out.add(LineItem.of("route53-zones", "Route 53 hosted zones",
                shared.hostedZones() * prices.usd("route53.zone.month"), shared.hostedZones() + " zone(s)"));
        for (SharedInventory.Bucket b : shared.buckets()) {
            out.addAll(bucket(b, prices, assume));
        }
        for (String d : shared.distributions()) {
            // CloudFront has no monthly fee: it bills requests and data transfer out. The one distribution
            // answers only while the failover secondary does (no cluster may take public traffic), which no
            // cluster state of the model has: every state the run rate is made of keeps one cluster live.
            out.add(LineItem.of("cloudfront." + d, "CloudFront distribution " + d, 0,
                    "no monthly fee; requests and transfer only while the failover secondary answers (no cluster"
                            + " serving), which no modelled state has"));
        }
        return out;
    }

    /** One line per storage class the bucket's objects pass through. */
    static List<LineItem> bucket(SharedInventory.Bucket b, PriceBook prices, Assumptions assume)
            throws CostInputException {
        double end = assume.storageHorizonMonths() * DAYS_PER_MONTH;
        if (b.expirationDays() != null) {
            end = Math.min(end, b.expirationDays());
        }
        List<LineItem> out = new ArrayList<>();
        String cls = b.initialClass();
        double from = 0;
        List<SharedInventory.Transition> stages = new ArrayList<>(b.transitions());
        stages.add(new SharedInventory.Transition(Integer.MAX_VALUE, null));
        for (SharedInventory.Transition t : stages) {
            double to = Math.min(t.days(), end);
            double days = Math.max(0, to - from);
            String key = CLASS_PRICES.get(cls);
            if (key == null) {
                throw new CostInputException("bucket " + b.name() + ": storage class " + cls + " has no price key");
            }
            // Documents arrive at the assumed intake; ALB access logs with the requests of the live and the
            // beta traffic, compressed as the ALB delivers them.
            double intake = b.accessLogs() ? assume.requestsPerMonth() * (1 + assume.betaShare())
                    * assume.accessLogBytesPerRequest() / 1e9 : assume.documentsGbPerMonth();
            double gb = intake * days / DAYS_PER_MONTH;
            out.add(LineItem.of("s3." + b.name() + "." + cls, "S3 " + b.name() + " " + cls, gb * prices.usd(key),
                    CostModel.fmt("%.0f GB (%s aged %.0f-%.0f days) x %s/GB-month", gb,
                            b.accessLogs() ? "ALB access logs" : "objects", from, Math.max(from, to),
                            CostModel.money(prices.usd(key)))));
            if (t.storageClass() == null || to >= end) {
                break;
            }
            from = to;
            cls = t.storageClass();
        }
        return out;
    }
}
