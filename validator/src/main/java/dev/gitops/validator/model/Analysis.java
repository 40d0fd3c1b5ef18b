package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;

/**
 * Argo Rollouts analysis ({@code argoproj.io/v1alpha1}): AnalysisTemplate, ClusterAnalysisTemplate and
 * AnalysisRun, read strictly after argo-rollouts {@code pkg/apis/rollouts/v1alpha1/analysis_types.go}. A job
 * provider's {@code spec} is a core JobSpec, validated by the schema check against the Kubernetes model.
 */
public final class Analysis {

    private Analysis() {
    }

    /** AnalysisTemplate or ClusterAnalysisTemplate. */
    public record AnalysisTemplate(Resource source, Meta metadata, boolean clusterScoped, List<Rollouts.Arg> args,
                                   List<Metric> metrics) implements TypedModel {

        static AnalysisTemplate read(Resource r, List<ModelProblem> p, boolean clusterScoped) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            List<Rollouts.Arg> args = spec.objects("args", Rollouts.Arg::read);
            List<Metric> metrics = spec.objects("metrics", true, Metric::read);
            dryRunAndRetention(spec);
            spec.end();
            root.end();
            return new AnalysisTemplate(r, meta, clusterScoped, args, metrics);
        }
    }

    /** An AnalysisRun: the metrics of its templates with their arguments resolved. */
    public record AnalysisRun(Resource source, Meta metadata, List<Rollouts.Arg> args, List<Metric> metrics,
                              Boolean terminate) implements TypedModel {

        static AnalysisRun read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            List<Rollouts.Arg> args = spec.objects("args", Rollouts.Arg::read);
            List<Metric> metrics = spec.objects("metrics", true, Metric::read);
            Boolean terminate = spec.bool("terminate");
            dryRunAndRetention(spec);
            spec.read("ttlStrategy", false, t -> {
                t.integer("secondsAfterCompletion");
                t.integer("secondsAfterFailure");
                return t.integer("secondsAfterSuccess");
            });
            spec.end();
            root.end();
            return new AnalysisRun(r, meta, args, metrics, terminate);
        }
    }

    /** {@code dryRun} and {@code measurementRetention}, shared by analyses, runs, experiments and steps. */
    static void dryRunAndRetention(Node n) {
        n.objects("dryRun", d -> d.requiredString("metricName"));
        n.objects("measurementRetention", m -> {
            m.integer("limit", true);
            return m.requiredString("metricName");
        });
    }

    /** Labels and annotations, as {@code analysisRunMetadata} and experiment template metadata hold them. */
    static void labelsAndAnnotations(Node n) {
        n.stringMap("labels");
        n.stringMap("annotations");
    }

    public record Metric(String name, String interval, String initialDelay, IntOrString count,
                         IntOrString failureLimit, IntOrString inconclusiveLimit, IntOrString consecutiveErrorLimit,
                         IntOrString consecutiveSuccessLimit, List<String> providers) {

        static Metric read(Node n) {
            Metric m = new Metric(n.requiredString("name"), n.string("interval"), n.string("initialDelay"),
                    n.intOrString("count"), n.intOrString("failureLimit"), n.intOrString("inconclusiveLimit"),
                    n.intOrString("consecutiveErrorLimit"), n.intOrString("consecutiveSuccessLimit"),
                    n.read("provider", true, Analysis::provider));
            n.string("successCondition");
            n.string("failureCondition");
            return m;
        }
    }

    /** The providers set in a metric's {@code provider}, each read strictly; a plugin's config is free-form. */
    private static List<String> provider(Node p) {
        List<String> names = List.copyOf(p.keys());
        p.read("prometheus", false, x -> {
            x.string("address");
            x.string("query");
            x.integer("timeout");
            x.bool("insecure");
            headers(x);
            x.read("authentication", false, a -> {
                a.read("sigv4", false, s -> {
                    s.string("region");
                    s.string("profile");
                    return s.string("roleArn");
                });
                return a.read("oauth2", false, Analysis::oauth2);
            });
            return x.read("rangeQuery", false, q -> {
                q.string("start");
                q.string("end");
                return q.string("step");
            });
        });
        p.read("web", false, x -> {
            x.oneOf("method", false, "GET", "POST", "PUT");
            x.requiredString("url");
            headers(x);
            x.string("body");
            x.any("jsonBody");
            x.integer("timeoutSeconds");
            x.string("jsonPath");
            x.bool("insecure");
            return x.read("authentication", false, a -> a.read("oauth2", false, Analysis::oauth2));
        });
        p.read("job", false, x -> {
            x.read("metadata", false, m -> {
                labelsAndAnnotations(m);
                return null;
            });
            x.object("spec", true); // a core JobSpec: the schema check validates it
            return null;
        });
        p.read("datadog", false, x -> {
            x.string("interval");
            x.string("query");
            x.stringMap("queries");
            x.string("formula");
            x.oneOf("apiVersion", false, "v1", "v2");
            x.oneOf("aggregator", false, "avg", "min", "max", "sum", "last", "percentile", "mean", "l2norm", "area");
            return x.read("secretRef", false, s -> {
                s.bool("namespaced");
                return s.string("name");
            });
        });
        p.read("newRelic", false, x -> {
            x.string("profile");
            x.integer("timeout");
            return x.requiredString("query");
        });
        for (String simple : List.of("wavefront", "graphite")) {
            p.read(simple, false, x -> {
                x.string("address");
                return x.string("query");
            });
        }
        p.read("influxdb", false, x -> {
            x.string("profile");
            return x.string("query");
        });
        p.read("skywalking", false, x -> {
            x.string("address");
            x.string("interval");
            return x.string("query");
        });
        p.read("cloudWatch", false, x -> {
            x.string("interval");
            return x.objects("metricDataQueries", true, Analysis::cloudWatchQuery);
        });
        p.read("kayenta", false, Analysis::kayenta);
        p.allow("plugin"); // plugin name to its own configuration, defined by the plugin
        return names;
    }

    private static void headers(Node x) {
        x.objects("headers", h -> {
            h.requiredString("key");
            return h.requiredString("value");
        });
    }

    private static String oauth2(Node o) {
        o.string("tokenUrl");
        o.string("clientId");
        o.string("clientSecret");
        o.strings("scopes");
        return null;
    }

    private static String cloudWatchQuery(Node q) {
        q.string("expression");
        q.string("label");
        q.intOrString("period");
        q.bool("returnData");
        q.read("metricStat", false, s -> {
            s.read("metric", false, m -> {
                m.objects("dimensions", d -> {
                    d.requiredString("name");
                    return d.requiredString("value");
                });
                m.string("metricName");
                return m.string("namespace");
            });
            s.intOrString("period");
            s.string("stat");
            return s.string("unit");
        });
        return q.requiredString("id");
    }

    private static String kayenta(Node k) {
        for (String key : List.of("address", "application", "canaryConfigName", "metricsAccountName",
                "configurationAccountName", "storageAccountName")) {
            k.requiredString(key);
        }
        k.read("threshold", true, t -> {
            t.integer("pass", true);
            return t.integer("marginal", true);
        });
        k.objects("scopes", true, s -> {
            for (String scope : List.of("controlScope", "experimentScope")) {
                s.read(scope, true, d -> {
                    d.requiredString("scope");
                    d.requiredString("region");
                    d.integer("step", true);
                    d.requiredString("start");
                    return d.requiredString("end");
                });
            }
            return s.requiredString("name");
        });
        return null;
    }
}
