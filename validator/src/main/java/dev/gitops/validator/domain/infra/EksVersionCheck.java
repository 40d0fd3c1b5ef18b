package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;
import static dev.gitops.validator.finding.Rule.warning;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.check.KubernetesVersion;
import dev.gitops.validator.source.FieldPath;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * INFRA012 and INFRA013: the Kubernetes version of every EKS {@code Cluster} (ACK) is one EKS serves
 * on the day of the run, under the support its upgrade policy pays for, and the one the validator checks
 * the tree against. The dates come from the repository's record of the EKS release calendar
 * ({@code upstream/eks-versions.yaml}).
 *
 * <p>INFRA012 (error): the version is missing, unknown to the calendar, not the validator's Kubernetes
 * version, past the end of extended support, or past the end of standard support while
 * {@code upgradePolicy.supportType} is {@code STANDARD} (EKS then upgrades the cluster itself, and the
 * tree no longer says what runs). INFRA013 (warning): the repository records no calendar, the cluster
 * runs on extended support (six times the control plane's price), or standard support ends within
 * {@value #NOTICE_DAYS} days.
 */
public final class EksVersionCheck implements Check {

    public static final Rule VERSION = error("INFRA012", InfraCheck.CATEGORY);
    public static final Rule SUPPORT_ENDING = warning("INFRA013", InfraCheck.CATEGORY);

    /** How long before the end of standard support INFRA013 starts to warn. */
    static final int NOTICE_DAYS = 90;

    private static final String EKS = "eks.services.k8s.aws";
    private static final FieldPath VERSION_FIELD = FieldPath.of("spec", "version");
    private static final FieldPath SUPPORT_TYPE = FieldPath.of("spec", "upgradePolicy", "supportType");

    private final Clock clock;

    public EksVersionCheck() {
        this(Clock.systemUTC());
    }

    /** A check whose notion of today comes from the clock. */
    public EksVersionCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Rule> rules() {
        return List.of(VERSION, SUPPORT_ENDING);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        List<Resource> clusters = context.resources().stream()
                .filter(r -> "Cluster".equals(r.kind()) && EKS.equals(r.ref().group())).toList();
        if (clusters.isEmpty()) {
            return;
        }
        Optional<EksCalendar> calendar;
        try {
            calendar = EksCalendar.read(context.root());
        } catch (IOException e) {
            throw new CheckFailedException(e.getMessage(), e);
        }
        KubernetesVersion validated;
        try {
            validated = KubernetesVersion.fromOption(context.options().kubernetesVersion());
        } catch (IllegalArgumentException e) {
            validated = null; // the schema check reports the option
        }
        LocalDate today = LocalDate.now(clock);
        for (Resource c : clusters) {
            check(c, calendar, validated, today, findings);
        }
    }

    private static void check(Resource c, Optional<EksCalendar> calendar, KubernetesVersion validated, LocalDate today,
                              Findings findings) {
        String name = c.ref().name();
        if (!(c.get(VERSION_FIELD) instanceof String version) || version.isBlank()) {
            findings.at(VERSION, c, FieldPath.of("spec"), "EKS cluster " + name + " names no Kubernetes version:"
                            + " EKS creates it on its default version of the day, which the tree does not state and"
                            + " the validator does not check against",
                    "set spec.version to the version the validator checks (--kubernetes-version, "
                            + KubernetesVersion.DEFAULT + ")");
            return;
        }
        if (validated != null && !version.equals(validated.toString())) {
            findings.at(VERSION, c, VERSION_FIELD, "EKS cluster " + name + " runs Kubernetes " + version
                            + " but the tree is validated against the API of " + validated
                            + ": schemas and API rules pass what the cluster's API server may refuse",
                    "run the cluster on " + validated + " (or validate with --kubernetes-version " + version
                            + " once the validator supports it)");
        }
        if (calendar.isEmpty()) {
            findings.at(SUPPORT_ENDING, c, VERSION_FIELD, "no EKS release calendar is recorded ("
                            + EksCalendar.FILE + "): whether EKS still serves Kubernetes " + version
                            + " is not checked",
                    "record the calendar of the Amazon EKS User Guide (\"Understand the Kubernetes version"
                            + " lifecycle on EKS\") in " + EksCalendar.FILE);
            return;
        }
        Optional<EksCalendar.Version> row = calendar.get().find(version);
        if (row.isEmpty()) {
            findings.at(VERSION, c, VERSION_FIELD, "Kubernetes " + version + " of EKS cluster " + name
                            + " is not in the EKS release calendar " + calendar.get().file()
                            + ": either EKS does not offer it or the record is out of date",
                    "use a version the calendar lists, or add its row from the Amazon EKS User Guide");
            return;
        }
        support(c, row.get(), today, findings);
    }

    private static void support(Resource c, EksCalendar.Version v, LocalDate today, Findings findings) {
        String name = c.ref().name();
        // Extended support is what EKS applies when the policy is not set.
        boolean standardOnly = "STANDARD".equals(c.get(SUPPORT_TYPE));
        FieldPath policy = standardOnly ? SUPPORT_TYPE : VERSION_FIELD;
        if (!today.isBefore(v.endOfExtendedSupport())) {
            findings.at(VERSION, c, VERSION_FIELD, "Kubernetes " + v.version() + " left EKS extended support on "
                            + v.endOfExtendedSupport() + ": EKS upgrades cluster " + name
                            + " itself, so the tree no longer states what runs",
                    "upgrade spec.version to a version in standard support");
        } else if (!today.isBefore(v.endOfStandardSupport()) && standardOnly) {
            findings.at(VERSION, c, SUPPORT_TYPE, "Kubernetes " + v.version() + " left EKS standard support on "
                            + v.endOfStandardSupport() + " and cluster " + name + " is on supportType STANDARD:"
                            + " EKS upgrades it to the next version itself, the tree's version no longer matches"
                            + " what runs, and the controller cannot set it back (EKS never downgrades)",
                    "upgrade spec.version to a version in standard support");
        } else if (!today.isBefore(v.endOfStandardSupport())) {
            findings.at(SUPPORT_ENDING, c, VERSION_FIELD, "Kubernetes " + v.version() + " left EKS standard support on "
                            + v.endOfStandardSupport() + ": cluster " + name + " runs on extended support, which"
                            + " bills its control plane six times the standard price until "
                            + v.endOfExtendedSupport(),
                    "upgrade spec.version to a version in standard support");
        } else if (ChronoUnit.DAYS.between(today, v.endOfStandardSupport()) <= NOTICE_DAYS) {
            findings.at(SUPPORT_ENDING, c, policy, "EKS standard support of Kubernetes " + v.version() + " ends on "
                            + v.endOfStandardSupport() + ": then cluster " + name + (standardOnly
                            ? " is upgraded by EKS to the next version" : " moves to extended support, at six times"
                            + " the control plane's price"),
                    "plan the upgrade of spec.version before " + v.endOfStandardSupport());
        }
    }
}
