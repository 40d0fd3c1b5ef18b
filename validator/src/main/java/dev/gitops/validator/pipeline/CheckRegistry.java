package dev.gitops.validator.pipeline;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.ResourceIdentityCheck;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.load.YamlRules;
import dev.gitops.validator.policy.PolicyCheck;
import dev.gitops.validator.schema.SchemaCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check the validator runs, in the order their findings are produced. */
public final class CheckRegistry {

    private final List<Check> checks;

    public CheckRegistry(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * The standard checks of one tree. The transition check, which judges a change against a base
     * tree and so sits above the pipeline, is added by {@code transition.StandardChecks}.
     */
    public static CheckRegistry standard() {
        return standard(PolicyCheck.standard());
    }

    /** The standard checks, the policies evaluated by {@code policies}. */
    public static CheckRegistry standard(PolicyCheck policies) {
        return new CheckRegistry(List.of(
                new ResourceIdentityCheck(),
                new dev.gitops.validator.model.ModelCheck(),
                new dev.gitops.validator.domain.traffic.TrafficCheck(),
                new dev.gitops.validator.domain.traffic.PublicFallbackCheck(),
                new dev.gitops.validator.domain.traffic.FallbackTargetCheck(),
                new dev.gitops.validator.domain.traffic.RecordSetCheck(),
                new dev.gitops.validator.domain.traffic.HttpsAnswerCheck(),
                new dev.gitops.validator.domain.traffic.ExternalDnsZoneCheck(),
                new dev.gitops.validator.domain.rollouts.RolloutSpecCheck(),
                new dev.gitops.validator.domain.rollouts.RolloutReferenceCheck(),
                new dev.gitops.validator.domain.rollouts.AnalysisTemplateCheck(),
                new dev.gitops.validator.domain.rollouts.SharedWorkspaceQueryCheck(),
                new dev.gitops.validator.domain.rollouts.ExperimentCheck(),
                new dev.gitops.validator.domain.rollouts.RolloutSafetyCheck(),
                new dev.gitops.validator.domain.rollouts.BlueGreenReleaseCheck(),
                new dev.gitops.validator.domain.waf.WafCheck(),
                new dev.gitops.validator.domain.waf.BotControlCheck(),
                new dev.gitops.validator.domain.argocd.ArgoCdCheck(),
                new dev.gitops.validator.domain.helm.HelmValuesCheck(),
                new dev.gitops.validator.domain.infra.InfraCheck(),
                new dev.gitops.validator.domain.infra.CertificateValidationCheck(),
                new dev.gitops.validator.domain.infra.ScraperCheck(),
                new dev.gitops.validator.domain.infra.IamPolicyCheck(),
                new dev.gitops.validator.domain.infra.KmsKeyCheck(),
                new dev.gitops.validator.domain.infra.PodIdentityEgressCheck(),
                new dev.gitops.validator.domain.infra.CniPermissionCheck(),
                new dev.gitops.validator.domain.infra.EksVersionCheck(),
                new dev.gitops.validator.domain.infra.SecretAccessCheck(),
                new dev.gitops.validator.domain.infra.PassRoleCheck(),
                new dev.gitops.validator.domain.infra.WorkloadActionsCheck(),
                new dev.gitops.validator.domain.infra.ArchivedReadCheck(),
                new dev.gitops.validator.domain.argocd.ManagedWeightsCheck(),
                new dev.gitops.validator.domain.argocd.ApplicationHealthCheck(),
                new dev.gitops.validator.domain.argocd.BootstrapCapacityCheck(),
                new dev.gitops.validator.domain.argocd.RepositoryCredentialsCheck(),
                new dev.gitops.validator.domain.parity.ParityCheck(),
                new dev.gitops.validator.domain.kong.KongCheck(),
                new dev.gitops.validator.domain.kong.BotDetectionCheck(),
                new dev.gitops.validator.domain.karpenter.KarpenterCheck(),
                new dev.gitops.validator.domain.karpenter.AmiAliasCheck(),
                new dev.gitops.validator.domain.upstream.UpstreamImagesCheck(),
                new dev.gitops.validator.domain.upstream.PrivateRegistryCheck(),
                new dev.gitops.validator.domain.storage.StorageClassCheck(),
                new dev.gitops.validator.domain.arch.ArchitectureCheck(),
                new dev.gitops.validator.domain.edge.AlbIngressCheck(),
                new dev.gitops.validator.domain.edge.AlbAccessLogCheck(),
                new dev.gitops.validator.domain.edge.AlbCertificateCheck(),
                new dev.gitops.validator.domain.edge.PodReadinessGateCheck(),
                new dev.gitops.validator.domain.messaging.RabbitmqUserCheck(),
                new dev.gitops.validator.domain.ack.AdoptionCheck(),
                new dev.gitops.validator.domain.cost.CostCheck(),
                new dev.gitops.validator.domain.cost.ShutdownCheck(),
                policies,
                new SchemaCheck(),
                new dev.gitops.validator.apiserver.ApiServerCheck()));
    }

    /** This registry with more checks after its own. */
    public CheckRegistry with(Check... more) {
        List<Check> all = new ArrayList<>(checks);
        all.addAll(List.of(more));
        return new CheckRegistry(all);
    }

    /** The configuration sections the checks own, each once. */
    public List<ConfigSection<?>> configSections() {
        Map<String, ConfigSection<?>> sections = new LinkedHashMap<>();
        for (Check c : checks) {
            c.configSections().forEach(s -> sections.putIfAbsent(s.name(), s));
        }
        return List.copyOf(sections.values());
    }

    public List<Check> checks() {
        return checks;
    }

    /** Every rule, the loader's included, by id. */
    public Map<String, Rule> rules() {
        Map<String, Rule> all = new LinkedHashMap<>();
        for (Rule r : YamlRules.ALL) {
            all.put(r.id(), r);
        }
        for (Rule r : WaiverRules.ALL) {
            all.put(r.id(), r);
        }
        for (Check c : checks) {
            for (Rule r : c.rules()) {
                all.putIfAbsent(r.id(), r);
            }
        }
        return all;
    }

    public List<Rule> ruleList() {
        return new ArrayList<>(rules().values());
    }
}
