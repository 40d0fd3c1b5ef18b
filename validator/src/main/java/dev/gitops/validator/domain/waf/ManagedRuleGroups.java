package dev.gitops.validator.domain.waf;

import java.util.Map;
import java.util.Set;

/**
 * What the validator knows of AWS managed rule groups (vendor {@code AWS}): capacity in WCU and, for the
 * groups whose rule names are documented, the rule names an override may name. Sources: AWS WAF developer
 * guide, "AWS Managed Rules rule groups list" (baseline, use-case, IP reputation pages).
 */
final class ManagedRuleGroups {

    static final String CORE_RULE_SET = "AWSManagedRulesCommonRuleSet";
    static final String BODY_SIZE_RULE = "SizeRestrictions_BODY";

    static final Map<String, Integer> CAPACITY = Map.ofEntries(
            Map.entry(CORE_RULE_SET, 700),
            Map.entry("AWSManagedRulesAdminProtectionRuleSet", 100),
            Map.entry("AWSManagedRulesKnownBadInputsRuleSet", 200),
            Map.entry("AWSManagedRulesSQLiRuleSet", 200),
            Map.entry("AWSManagedRulesLinuxRuleSet", 200),
            Map.entry("AWSManagedRulesUnixRuleSet", 100),
            Map.entry("AWSManagedRulesWindowsRuleSet", 200),
            Map.entry("AWSManagedRulesPHPRuleSet", 100),
            Map.entry("AWSManagedRulesWordPressRuleSet", 100),
            Map.entry("AWSManagedRulesAmazonIpReputationList", 25),
            Map.entry("AWSManagedRulesAnonymousIpList", 50),
            Map.entry("AWSManagedRulesBotControlRuleSet", 50),
            Map.entry("AWSManagedRulesATPRuleSet", 50));

    static final Map<String, Set<String>> RULES = Map.of(
            CORE_RULE_SET, Set.of("NoUserAgent_HEADER", "UserAgent_BadBots_HEADER", "SizeRestrictions_QUERYSTRING",
                    "SizeRestrictions_Cookie_HEADER", BODY_SIZE_RULE, "SizeRestrictions_URIPATH",
                    "EC2MetaDataSSRF_BODY", "EC2MetaDataSSRF_COOKIE", "EC2MetaDataSSRF_URIPATH",
                    "EC2MetaDataSSRF_QUERYARGUMENTS", "GenericLFI_QUERYARGUMENTS", "GenericLFI_URIPATH",
                    "GenericLFI_BODY", "RestrictedExtensions_URIPATH", "RestrictedExtensions_QUERYARGUMENTS",
                    "GenericRFI_QUERYARGUMENTS", "GenericRFI_BODY", "GenericRFI_URIPATH", "CrossSiteScripting_COOKIE",
                    "CrossSiteScripting_QUERYARGUMENTS", "CrossSiteScripting_BODY", "CrossSiteScripting_URIPATH"),
            "AWSManagedRulesKnownBadInputsRuleSet", Set.of("JavaDeserializationRCE_HEADER",
                    "JavaDeserializationRCE_BODY", "JavaDeserializationRCE_URIPATH", "JavaDeserializationRCE_QUERYSTRING",
                    "Host_localhost_HEADER", "PROPFIND_METHOD", "ExploitablePaths_URIPATH", "Log4JRCE_HEADER",
                    "Log4JRCE_QUERYSTRING", "Log4JRCE_BODY", "Log4JRCE_URIPATH"),
            "AWSManagedRulesSQLiRuleSet", Set.of("SQLiExtendedPatterns_QUERYARGUMENTS", "SQLi_QUERYARGUMENTS",
                    "SQLi_BODY", "SQLi_COOKIE", "SQLi_URIPATH", "SQLiExtendedPatterns_BODY"),
            "AWSManagedRulesAmazonIpReputationList", Set.of("AWSManagedIPReputationList",
                    "AWSManagedReconnaissanceList", "AWSManagedIPDDoSList"),
            "AWSManagedRulesAnonymousIpList", Set.of("AnonymousIPList", "HostingProviderIPList"));

    private ManagedRuleGroups() {
    }
}
