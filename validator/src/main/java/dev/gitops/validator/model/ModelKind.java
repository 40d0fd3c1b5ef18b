package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;

/**
 * A modelled kind: its API group and kind, the model type and how to read it.
 *
 * @param <T> the model type
 */
public record ModelKind<T extends TypedModel>(String group, String kind, Class<T> type, Reader<T> reader) {

    /** Reads a resource into its model, adding problems to the list. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Resource resource, List<ModelProblem> problems);
    }

    public static final ModelKind<ArgoCd.Application> APPLICATION =
            new ModelKind<>(ArgoCd.GROUP, "Application", ArgoCd.Application.class, ArgoCd.Application::read);
    public static final ModelKind<ArgoCd.ApplicationSet> APPLICATION_SET =
            new ModelKind<>(ArgoCd.GROUP, "ApplicationSet", ArgoCd.ApplicationSet.class, ArgoCd.ApplicationSet::read);
    public static final ModelKind<ArgoCd.AppProject> APP_PROJECT =
            new ModelKind<>(ArgoCd.GROUP, "AppProject", ArgoCd.AppProject.class, ArgoCd.AppProject::read);
    public static final ModelKind<Rollouts.Rollout> ROLLOUT =
            new ModelKind<>("argoproj.io", "Rollout", Rollouts.Rollout.class, Rollouts.Rollout::read);
    public static final ModelKind<Analysis.AnalysisTemplate> ANALYSIS_TEMPLATE =
            new ModelKind<>("argoproj.io", "AnalysisTemplate", Analysis.AnalysisTemplate.class,
                    (r, p) -> Analysis.AnalysisTemplate.read(r, p, false));
    public static final ModelKind<Analysis.AnalysisTemplate> CLUSTER_ANALYSIS_TEMPLATE =
            new ModelKind<>("argoproj.io", "ClusterAnalysisTemplate", Analysis.AnalysisTemplate.class,
                    (r, p) -> Analysis.AnalysisTemplate.read(r, p, true));
    public static final ModelKind<Analysis.AnalysisRun> ANALYSIS_RUN =
            new ModelKind<>("argoproj.io", "AnalysisRun", Analysis.AnalysisRun.class, Analysis.AnalysisRun::read);
    public static final ModelKind<Experiments.Experiment> EXPERIMENT =
            new ModelKind<>("argoproj.io", "Experiment", Experiments.Experiment.class, Experiments.Experiment::read);
    public static final ModelKind<Karpenter.NodePool> NODE_POOL =
            new ModelKind<>("karpenter.sh", "NodePool", Karpenter.NodePool.class, Karpenter.NodePool::read);
    public static final ModelKind<Karpenter.Ec2NodeClass> EC2_NODE_CLASS =
            new ModelKind<>("karpenter.k8s.aws", "EC2NodeClass", Karpenter.Ec2NodeClass.class,
                    Karpenter.Ec2NodeClass::read);
    public static final ModelKind<Kong.Plugin> KONG_PLUGIN =
            new ModelKind<>(Kong.GROUP, "KongPlugin", Kong.Plugin.class, (r, p) -> Kong.Plugin.read(r, p, false));
    public static final ModelKind<Kong.Plugin> KONG_CLUSTER_PLUGIN =
            new ModelKind<>(Kong.GROUP, "KongClusterPlugin", Kong.Plugin.class, (r, p) -> Kong.Plugin.read(r, p, true));
    public static final ModelKind<Waf.WebAcl> WEB_ACL =
            new ModelKind<>(Waf.GROUP, "WebACL", Waf.WebAcl.class, Waf.WebAcl::read);
    public static final ModelKind<Aws.RecordSet> RECORD_SET =
            new ModelKind<>(Aws.ROUTE53_GROUP, "RecordSet", Aws.RecordSet.class, Aws.RecordSet::read);
    public static final ModelKind<Aws.Bucket> BUCKET =
            new ModelKind<>(Aws.S3_GROUP, "Bucket", Aws.Bucket.class, Aws.Bucket::read);
    public static final ModelKind<Messaging.RabbitmqCluster> RABBITMQ_CLUSTER =
            new ModelKind<>("rabbitmq.com", "RabbitmqCluster", Messaging.RabbitmqCluster.class,
                    Messaging.RabbitmqCluster::read);
    public static final ModelKind<Messaging.ScaledObject> SCALED_OBJECT =
            new ModelKind<>("keda.sh", "ScaledObject", Messaging.ScaledObject.class, Messaging.ScaledObject::read);

    /** Every modelled kind. */
    public static final List<ModelKind<?>> ALL = List.of(APPLICATION, APPLICATION_SET, APP_PROJECT, ROLLOUT,
            ANALYSIS_TEMPLATE, CLUSTER_ANALYSIS_TEMPLATE, ANALYSIS_RUN, EXPERIMENT, NODE_POOL, EC2_NODE_CLASS,
            KONG_PLUGIN, KONG_CLUSTER_PLUGIN, WEB_ACL, RECORD_SET, BUCKET, RABBITMQ_CLUSTER, SCALED_OBJECT);

    /** True when the resource is of this kind. */
    public boolean matches(Resource r) {
        return kind.equals(r.kind()) && group.equals(r.ref().group());
    }

    /** The modelled kind of a resource, or null. */
    public static ModelKind<?> of(Resource r) {
        String k = r.kind();
        if (k == null) {
            return null;
        }
        for (ModelKind<?> m : ALL) {
            if (m.matches(r)) {
                return m;
            }
        }
        return null;
    }

    /** The model of one resource and why it does not fit, if it does not. */
    public record Read<T>(T model, List<ModelProblem> problems) {
    }

    public Read<T> read(Resource r) {
        List<ModelProblem> problems = new java.util.ArrayList<>();
        T model = reader.read(r, problems);
        return new Read<>(model, List.copyOf(problems));
    }
}
