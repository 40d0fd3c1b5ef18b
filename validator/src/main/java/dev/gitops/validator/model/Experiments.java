package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;

/**
 * Argo Rollouts experiments ({@code argoproj.io/v1alpha1}): the Experiment kind and a canary step's
 * {@code experiment}, read strictly after argo-rollouts {@code pkg/apis/rollouts/v1alpha1/experiment_types.go}
 * and {@code types.go} ({@code RolloutExperimentStep}). An Experiment template's {@code template} is a core
 * PodTemplateSpec, validated by the schema check against the Kubernetes model.
 */
public final class Experiments {

    private Experiments() {
    }

    /** An Experiment: templates run side by side for a duration, with analyses. */
    public record Experiment(Resource source, Meta metadata, List<Template> templates, String duration,
                             Long progressDeadlineSeconds, List<AnalysisRef> analyses) implements TypedModel {

        static Experiment read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            List<Template> templates = spec.objects("templates", true, Template::read);
            String duration = spec.string("duration");
            Long deadline = spec.integer("progressDeadlineSeconds");
            spec.bool("terminate");
            spec.integer("scaleDownDelaySeconds");
            List<AnalysisRef> analyses = spec.objects("analyses", AnalysisRef::read);
            Analysis.dryRunAndRetention(spec);
            spec.read("analysisRunMetadata", false, m -> {
                Analysis.labelsAndAnnotations(m);
                return null;
            });
            spec.end();
            root.end();
            return new Experiment(r, meta, templates, duration, deadline, analyses);
        }
    }

    /**
     * One template of an Experiment.
     *
     * @param selectorPresent whether {@code selector} is set; {@code selectorEmpty} whether it selects everything
     */
    public record Template(String name, Long replicas, Long minReadySeconds, boolean selectorPresent,
                           boolean selectorEmpty) {

        static Template read(Node n) {
            String name = n.string("name");
            Long replicas = n.integer("replicas");
            Long minReady = n.integer("minReadySeconds");
            boolean selector = n.has("selector");
            Rollouts.LabelSelector s = selector ? n.read("selector", false, Rollouts.LabelSelector::read) : null;
            n.object("template"); // a core PodTemplateSpec: the schema check validates it
            n.read("service", false, x -> x.string("name"));
            return new Template(name, replicas, minReady, selector, s != null && s.isEmpty());
        }
    }

    /** An analysis an Experiment (or an experiment step) runs. */
    public record AnalysisRef(String name, String templateName, boolean clusterScope, List<Rollouts.Arg> args) {

        static AnalysisRef read(Node n) {
            String name = n.requiredString("name");
            String template = n.requiredString("templateName");
            boolean cluster = Boolean.TRUE.equals(n.bool("clusterScope"));
            List<Rollouts.Arg> args = n.objects("args", Rollouts.Arg::read);
            n.bool("requiredForCompletion");
            return new AnalysisRef(name, template, cluster, args);
        }
    }

    /**
     * A canary step's {@code experiment}.
     *
     * @return the weight of each template, null where a template sets none
     */
    static List<Long> readStep(Node e) {
        List<Long> weights = new java.util.ArrayList<>();
        e.objects("templates", true, t -> {
            t.requiredString("name");
            t.oneOf("specRef", true, "stable", "canary");
            t.integer("replicas");
            t.read("metadata", false, m -> {
                Analysis.labelsAndAnnotations(m);
                return null;
            });
            t.read("selector", false, Rollouts.LabelSelector::read);
            t.read("service", false, x -> x.string("name"));
            weights.add(t.integer("weight"));
            return Boolean.TRUE;
        });
        e.string("duration");
        e.objects("analyses", AnalysisRef::read);
        Analysis.dryRunAndRetention(e);
        e.read("analysisRunMetadata", false, m -> {
            Analysis.labelsAndAnnotations(m);
            return null;
        });
        return weights;
    }
}
