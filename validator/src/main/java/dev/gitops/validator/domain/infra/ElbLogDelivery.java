package dev.gitops.validator.domain.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Who Elastic Load Balancing writes access logs as, per Region, and whether a bucket policy lets it.
 *
 * <p>Source: Elastic Load Balancing user guide, "Enable access logs for your Application Load Balancer",
 * step "Attach a policy to your S3 bucket" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html;
 * text of awsdocs/elb-application-load-balancers-user-guide, doc_source/enable-access-logging.md at
 * 4b8b6d026789e184dc450214d001e11bd952fd2c). In the Regions listed there, the policy grants
 * {@code s3:PutObject} to the Region's Elastic Load Balancing account; in the Regions not listed
 * (opened since August 2022) to the service principal {@link #SERVICE_PRINCIPAL}. Either way the object
 * keys are {@code <bucket>/<prefix>/AWSLogs/<account of the load balancer>/...}.
 */
public final class ElbLogDelivery {

    public static final String SERVICE_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

    /** Region to the account Elastic Load Balancing delivers logs from, as the user guide lists them. */
    static final Map<String, String> ACCOUNTS = Map.ofEntries(
            Map.entry("us-east-1", "127311923021"), Map.entry("us-east-2", "033677994240"),
            Map.entry("us-west-1", "027434742980"), Map.entry("us-west-2", "797873946194"),
            Map.entry("af-south-1", "098369216593"), Map.entry("ca-central-1", "985666609251"),
            Map.entry("eu-central-1", "054676820928"), Map.entry("eu-west-1", "156460612806"),
            Map.entry("eu-west-2", "652711504416"), Map.entry("eu-south-1", "635631232127"),
            Map.entry("eu-west-3", "009996457667"), Map.entry("eu-north-1", "897822967062"),
            Map.entry("ap-east-1", "754344448648"), Map.entry("ap-northeast-1", "582318560864"),
            Map.entry("ap-northeast-2", "600734575887"), Map.entry("ap-northeast-3", "383597477331"),
            Map.entry("ap-southeast-1", "114774131450"), Map.entry("ap-southeast-2", "783225319266"),
            Map.entry("ap-south-1", "718504428378"), Map.entry("me-south-1", "076674570225"),
            Map.entry("sa-east-1", "507241528517"), Map.entry("us-gov-west-1", "048591011584"),
            Map.entry("us-gov-east-1", "190560391635"));

    private ElbLogDelivery() {
    }

    /** Whether an account is one Elastic Load Balancing delivers access logs from (an AWS account, not the user's). */
    public static boolean isDeliveryAccount(String account) {
        return ACCOUNTS.containsValue(account);
    }

    /** The principal the user guide prescribes for a Region, in words. */
    public static String principalFor(String region) {
        String account = region == null ? null : ACCOUNTS.get(region);
        return account != null ? "arn:aws:iam::" + account + ":root (the Elastic Load Balancing account of " + region + ")"
                : SERVICE_PRINCIPAL;
    }

    /**
     * Whether a statement's principal is Elastic Load Balancing's in this Region: the Region's account
     * (its root ARN or the bare id) where the user guide lists one, else the service principal. With an
     * unknown Region, either counts.
     */
    public static boolean deliveryPrincipal(JsonNode principal, String region) {
        String account = region == null ? null : ACCOUNTS.get(region);
        for (String aws : PolicyDocuments.strings(principal == null ? null : principal.get("AWS"))) {
            String id = aws.startsWith("arn:") ? aws.replaceFirst("^arn:aws[a-z-]*:iam::([0-9]{12}):root$", "$1") : aws;
            if (account != null ? account.equals(id) : region == null && ACCOUNTS.containsValue(id)) {
                return true;
            }
        }
        return (account == null) && PolicyDocuments.strings(principal == null ? null : principal.get("Service")).contains(SERVICE_PRINCIPAL);
    }
}
