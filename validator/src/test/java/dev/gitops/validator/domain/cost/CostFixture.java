package dev.gitops.validator.domain.cost;

import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.transition.StandardChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small tree with round prices, for checking the cost arithmetic by hand: even live (weight 100),
 * odd drained. The expected figures of the tests are worked out in their comments.
 */
final class CostFixture {

    static final double HOURS = 100;

    private CostFixture() {
    }

    static void write(Path dir, String file, String text) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static CostReport report(Path dir) throws Exception {
        Workspace ws = Workspace.open(dir, StandardChecks.all());
        return CostReport.of(ws.root(), ws.resources(), ws.settings(), ws.tree(), HOURS);
    }

    static Path create(Path dir) throws IOException {
        write(dir, ".gitops-validator.yaml", "include: [apps, clusters, infra]\n" + SHUTDOWN);
        write(dir, "cost/prices-eu-west-1.yaml", PRICES);
        write(dir, "cost/assumptions.yaml", ASSUMPTIONS);
        write(dir, "clusters/even/cluster-state.yaml", state("even", 100, false));
        write(dir, "clusters/odd/cluster-state.yaml", state("odd", 0, true));
        write(dir, "infra/aws/clusters/even/eks.yaml", EKS);
        write(dir, "apps/karpenter/even/nodepools.yaml", POOLS);
        write(dir, "apps/karpenter/even/ec2nodeclass.yaml", NODE_CLASS);
        write(dir, "clusters/even/apps/kong-controller.yaml", KONG);
        for (String[] a : new String[][] {{"edge", "apps/edge/even"}, {"karpenter", "apps/karpenter/even"},
            {"web", "apps/web/even"}, {"mq", "apps/mq/base"}, {"dns", "apps/dns/even"}}) {
            write(dir, "clusters/even/apps/" + a[0] + ".yaml", application(a[0], a[1]));
        }
        write(dir, "apps/web/even/deploy.yaml", WEB);
        write(dir, "apps/mq/base/rabbit.yaml", RABBIT);
        write(dir, "apps/edge/even/ingress.yaml", INGRESS);
        write(dir, "apps/edge/even/webacl.yaml", ACL);
        write(dir, "apps/dns/even/health-check.yaml", HEALTH);
        write(dir, "infra/aws/network.yaml", SHARED);
        return dir;
    }

    static String state(String c, int weight, boolean drained) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cluster-state
                  namespace: argocd
                  labels:
                    gitops.dev/cluster: %s
                data:
                  cluster: %s
                  sprint: "%d"
                  weight: "%d"
                  betaTarget: "false"
                  betaValidated: "true"
                  drained: "%s"
                """.formatted(c, c, c.equals("even") ? 2 : 1, weight, drained);
    }

    static final String PRICES = """
            region: eu-west-1
            taken: "test prices"
            prices:
              eks.cluster.hour: {price: 0.10, unit: h, source: s, note: n}
              ec2.m6g.large.hour: {price: 0.10, vcpu: 2, memoryGiB: 8, unit: h, source: s, note: n}
              ec2.c6g.large.hour: {price: 0.08, vcpu: 2, memoryGiB: 4, unit: h, source: s, note: n}
              ec2.m5.large.hour: {price: 9.99, vcpu: 2, memoryGiB: 8, unit: h, source: s, note: "generation 5: never allowed"}
              alb.hour: {price: 0.02, unit: h, source: s, note: n}
              alb.lcu.hour: {price: 0.01, unit: h, source: s, note: n}
              waf.webacl.month: {price: 5, unit: m, source: s, note: n}
              waf.rule.month: {price: 1, unit: m, source: s, note: n}
              waf.requests.million: {price: 0.60, unit: m, source: s, note: n}
              waf.botcontrol.month: {price: 10, unit: m, source: s, note: n}
              waf.botcontrol.requests.million: {price: 1, unit: m, source: s, note: n, free: 10000000}
              shield.advanced.month: {price: 3000, unit: m, source: s, note: n}
              ebs.gp3.gb.month: {price: 0.10, unit: m, source: s, note: n}
              s3.standard.gb.month: {price: 0.02, unit: m, source: s, note: n}
              s3.glacier_ir.gb.month: {price: 0.005, unit: m, source: s, note: n}
              s3.glacier.gb.month: {price: 0.004, unit: m, source: s, note: n}
              s3.deep_archive.gb.month: {price: 0.001, unit: m, source: s, note: n}
              nat.hour: {price: 0.05, unit: h, source: s, note: n}
              nat.gb: {price: 0.05, unit: gb, source: s, note: n}
              vpc.public-ipv4.hour: {price: 0.01, unit: h, source: s, note: n}
              route53.zone.month: {price: 0.50, unit: m, source: s, note: n}
              route53.queries.million: {price: 0.40, unit: m, source: s, note: n}
              route53.healthcheck.month: {price: 0.50, unit: m, source: s, note: n}
              route53.healthcheck.feature.month: {price: 1.00, unit: m, source: s, note: n}
            """;

    static final String ASSUMPTIONS = """
            requestsPerMonth: 1000000
            betaShare: 0.1
            kilobytesPerRequest: 1000
            requestsPerConnection: 1
            natGbPerMonthRunning: 100
            natGbPerMonthIdle: 10
            dnsQueriesPerMillionRequests: 1000
            documentsGbPerMonth: 100
            storageHorizonMonths: 12
            spotShareOfOnDemand: 0.5
            accessLogBytesPerRequest: 60
            """;

    static final String EKS = """
            apiVersion: eks.services.k8s.aws/v1alpha1
            kind: Cluster
            metadata: {name: docproc-even, namespace: aws-resources}
            spec: {name: docproc-even}
            ---
            apiVersion: eks.services.k8s.aws/v1alpha1
            kind: Nodegroup
            metadata: {name: docproc-even-system, namespace: aws-resources}
            spec:
              name: system
              instanceTypes: [m6g.large]
              scalingConfig: {minSize: 2, desiredSize: 2, maxSize: 3}
            """;

    static final String POOLS = """
            apiVersion: karpenter.sh/v1
            kind: NodePool
            metadata: {name: spot}
            spec:
              weight: 80
              limits: {cpu: "20", memory: 80Gi}
              template:
                spec:
                  nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
                  requirements:
                    - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
                    - {key: karpenter.k8s.aws/instance-category, operator: In, values: [c, m]}
                    - {key: karpenter.k8s.aws/instance-generation, operator: Gt, values: ["5"]}
            ---
            apiVersion: karpenter.sh/v1
            kind: NodePool
            metadata: {name: on-demand}
            spec:
              weight: 20
              limits: {cpu: "10", memory: 40Gi}
              template:
                spec:
                  nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
                  requirements:
                    - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
                    - {key: karpenter.k8s.aws/instance-category, operator: In, values: [c, m]}
                    - {key: karpenter.k8s.aws/instance-generation, operator: Gt, values: ["5"]}
            """;

    static final String NODE_CLASS = """
            apiVersion: karpenter.k8s.aws/v1
            kind: EC2NodeClass
            metadata: {name: default}
            spec:
              role: nodes
              amiSelectorTerms: [{alias: bottlerocket@v1.64.0}]
              subnetSelectorTerms: [{tags: {karpenter.sh/discovery: even}}]
              securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: even}}]
              blockDeviceMappings:
                - {deviceName: /dev/xvda, ebs: {volumeSize: 20Gi, volumeType: gp3}}
                - {deviceName: /dev/xvdb, ebs: {volumeSize: 80Gi, volumeType: gp3}}
            """;

    /** What shutdown removes in the fixture: the edge, the node pools and the brokers; the health check stays. */
    static final String SHUTDOWN = "release:\n  shutdownApplications: [edge, karpenter, mq]\n"
            + "  shutdownInfra: infra/aws/clusters/{cluster}\n";

    /** An Application of the cluster's tree that deploys one folder. */
    static String application(String name, String path) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                  finalizers: [resources-finalizer.argocd.argoproj.io]
                spec:
                  project: platform
                  source: {repoURL: https://github.com/acme/docproc-gitops.git, targetRevision: main, path: %s}
                  destination: {server: https://kubernetes.default.svc, namespace: %s}
                """.formatted(name, path, name);
    }

    static final String KONG = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: kong-controller, namespace: argocd}
            spec:
              project: platform
              source:
                repoURL: https://charts.konghq.com
                chart: ingress
                targetRevision: 0.19.0
                helm:
                  releaseName: kong
                  valuesObject:
                    controller:
                      replicaCount: 1
                      ingressController: {resources: {requests: {cpu: 500m, memory: 2Gi}}}
                    gateway:
                      replicaCount: 2
                      resources: {requests: {cpu: 500m, memory: 1Gi}}
              destination: {server: https://kubernetes.default.svc, namespace: kong}
            """;

    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: web}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: example/web:1
                      resources: {requests: {cpu: 500m, memory: 1Gi}}
            """;

    static final String RABBIT = """
            apiVersion: rabbitmq.com/v1beta1
            kind: RabbitmqCluster
            metadata: {name: mq, namespace: mq}
            spec:
              replicas: 3
              persistence: {storage: 10Gi}
              resources: {requests: {cpu: "1", memory: 4Gi}}
              override:
                statefulSet:
                  spec:
                    template:
                      spec:
                        nodeSelector: {karpenter.sh/capacity-type: on-demand}
            """;

    static final String INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: edge-public
              namespace: kong
              annotations:
                alb.ingress.kubernetes.io/scheme: internet-facing
                alb.ingress.kubernetes.io/wafv2-acl-arn: arn:aws:wafv2:eu-west-1:1:regional/webacl/acl-even/abc
                alb.ingress.kubernetes.io/shield-advanced-protection: "true"
            spec:
              ingressClassName: alb
              defaultBackend: {service: {name: kong, port: {number: 80}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: edge-internal
              namespace: kong
              annotations:
                alb.ingress.kubernetes.io/scheme: internal
                alb.ingress.kubernetes.io/wafv2-acl-arn: arn:aws:wafv2:eu-west-1:1:regional/webacl/acl-even/abc
            spec:
              ingressClassName: alb
              defaultBackend: {service: {name: kong, port: {number: 80}}}
            """;

    static final String ACL = """
            apiVersion: wafv2.services.k8s.aws/v1alpha1
            kind: WebACL
            metadata: {name: acl-even, namespace: aws-resources}
            spec:
              name: acl-even
              scope: REGIONAL
              defaultAction: {allow: {}}
              visibilityConfig: {sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: acl}
              rules:
                - name: a
                  priority: 0
                  overrideAction: {none: {}}
                  statement: {managedRuleGroupStatement: {vendorName: AWS, name: AWSManagedRulesCommonRuleSet}}
                  visibilityConfig: {sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: a}
                - name: b
                  priority: 1
                  overrideAction: {none: {}}
                  statement: {managedRuleGroupStatement: {vendorName: AWS, name: AWSManagedRulesSQLiRuleSet}}
                  visibilityConfig: {sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: b}
                - name: bots
                  priority: 2
                  overrideAction: {none: {}}
                  statement: {managedRuleGroupStatement: {vendorName: AWS, name: AWSManagedRulesBotControlRuleSet}}
                  visibilityConfig: {sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: c}
            """;

    static final String HEALTH = """
            apiVersion: route53.services.k8s.aws/v1alpha1
            kind: HealthCheck
            metadata: {name: even, namespace: aws-resources}
            spec:
              healthCheckConfig: {type: HTTPS, fullyQualifiedDomainName: even.example.com, port: 443,
                requestInterval: 10, failureThreshold: 3}
            """;

    static final String SHARED = """
            apiVersion: ec2.services.k8s.aws/v1alpha1
            kind: NATGateway
            metadata: {name: nat-a, namespace: aws-resources}
            spec: {}
            ---
            apiVersion: ec2.services.k8s.aws/v1alpha1
            kind: ElasticIPAddress
            metadata: {name: nat-a, namespace: aws-resources}
            spec: {}
            ---
            apiVersion: route53.services.k8s.aws/v1alpha1
            kind: HostedZone
            metadata: {name: zone, namespace: aws-resources}
            spec: {name: example.com}
            ---
            apiVersion: s3.services.k8s.aws/v1alpha1
            kind: Bucket
            metadata: {name: docs, namespace: aws-resources}
            spec:
              name: docs
              lifecycle:
                rules:
                  - id: archive
                    status: Enabled
                    transitions:
                      - {days: 180, storageClass: DEEP_ARCHIVE}
                      - {days: 30, storageClass: GLACIER}
            """;
}
