package dev.gitops.validator.apiserver;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import java.util.List;

/**
 * What the Kubernetes API server's own validation rejects beyond the schema (names, labels, pod templates,
 * keyed lists, CRD validation rules, CRDs themselves), so that the {@code kubernetes} profile agrees with a
 * cluster. Rules: {@link ApiServerRules}.
 */
public final class ApiServerCheck implements Check {

    @Override
    public List<Rule> rules() {
        return ApiServerRules.ALL;
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        CustomResources custom = new CustomResources(context.resources());
        for (Resource r : context.resources()) {
            if (r.kind() == null || r.apiVersion() == null || r.ref().group() == null) {
                continue; // YAML006 reports a resource without apiVersion or kind
            }
            Metadata.check(r, findings);
            PodTemplates.Site site = PodTemplates.of(r);
            if (site != null) {
                PodSpecs.check(r, site, findings);
            }
            CoreObjects.check(r, findings);
            FieldCombinations.check(r, findings);
            if (Crds.isCrd(r)) {
                CrdDefinitions.check(r, custom::cel, findings);
            } else if (!custom.isEmpty()) {
                custom.check(r, findings);
            }
        }
    }
}
