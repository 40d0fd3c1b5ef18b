package dev.gitops.validator.domain.cost;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the tree cannot say ({@code cost/assumptions.yaml}): traffic, data volumes, the spot discount.
 *
 * @param requestsPerMonth public requests a month to a cluster carrying all public weight
 * @param betaShare the share of that a beta target takes
 * @param kilobytesPerRequest bytes a request and its response move through an ALB, in kB
 * @param requestsPerConnection requests per new ALB connection
 * @param natGbRunning GB a month a running cluster sends through NAT
 * @param natGbIdle GB a month a drained cluster sends through NAT
 * @param dnsQueriesPerMillionRequests public DNS queries per million requests
 * @param documentsGbPerMonth GB of documents stored a month
 * @param storageHorizonMonths the month of the platform's life the storage figures are for
 * @param spotShare spot price as a share of on-demand
 */
public record Assumptions(double requestsPerMonth, double betaShare, double kilobytesPerRequest,
                          double requestsPerConnection, double natGbRunning, double natGbIdle,
                          double dnsQueriesPerMillionRequests, double documentsGbPerMonth,
                          double storageHorizonMonths, double spotShare, double accessLogBytesPerRequest) {

    public static final String DEFAULT_FILE = "cost/assumptions.yaml";

    public static Assumptions read(Path root, String relative) throws CostInputException {
        Map<?, ?> m = YamlFile.read(root.resolve(relative), relative);
        Assumptions a = new Assumptions(YamlFile.number(m, "requestsPerMonth", relative),
                YamlFile.number(m, "betaShare", relative), YamlFile.number(m, "kilobytesPerRequest", relative),
                YamlFile.number(m, "requestsPerConnection", relative),
                YamlFile.number(m, "natGbPerMonthRunning", relative), YamlFile.number(m, "natGbPerMonthIdle", relative),
                YamlFile.number(m, "dnsQueriesPerMillionRequests", relative),
                YamlFile.number(m, "documentsGbPerMonth", relative),
                YamlFile.number(m, "storageHorizonMonths", relative),
                YamlFile.number(m, "spotShareOfOnDemand", relative),
                YamlFile.number(m, "accessLogBytesPerRequest", relative));
        if (a.betaShare() > 1 || a.spotShare() > 1 || a.requestsPerConnection() == 0) {
            throw new CostInputException(relative + ": betaShare and spotShareOfOnDemand must be at most 1, "
                    + "requestsPerConnection above 0");
        }
        return a;
    }

    /** The assumptions as {@code name=value, ...} in file order, numbers as written (no exponent). */
    public String describe() {
        StringBuilder b = new StringBuilder();
        asMap().forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append('=')
                .append(java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()));
        return b.toString();
    }

    /** The assumptions as name and value, in file order, for printing. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("requestsPerMonth", requestsPerMonth);
        m.put("betaShare", betaShare);
        m.put("kilobytesPerRequest", kilobytesPerRequest);
        m.put("requestsPerConnection", requestsPerConnection);
        m.put("natGbPerMonthRunning", natGbRunning);
        m.put("natGbPerMonthIdle", natGbIdle);
        m.put("dnsQueriesPerMillionRequests", dnsQueriesPerMillionRequests);
        m.put("documentsGbPerMonth", documentsGbPerMonth);
        m.put("storageHorizonMonths", storageHorizonMonths);
        m.put("spotShareOfOnDemand", spotShare);
        m.put("accessLogBytesPerRequest", accessLogBytesPerRequest);
        return m;
    }
}
