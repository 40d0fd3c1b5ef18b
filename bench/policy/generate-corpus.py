#!/usr/bin/env python3
"""Writes a synthetic GitOps tree of about N resources (default 10,000) for the policy benchmark.

usage: generate-corpus.py OUT_DIR [RESOURCES]

Components of 10 resources each, one file per resource kind group: Namespace + default-deny
NetworkPolicy, a workload (Deployment, StatefulSet, Argo Rollout, CronJob, Job or DaemonSet, in
turn) with its Service, PodDisruptionBudget, ConfigMap and ExternalSecret, plus an ACK Bucket,
an Argo CD Application or a Karpenter NodePool. About one component in five carries a violation,
so the policies have findings to report. Deterministic: same arguments, same files.
"""
import os
import sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
ECR = "111122223333.dkr.ecr.eu-west-1.amazonaws.com"

SECURE = """\
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
            seccompProfile: {type: RuntimeDefault}
"""


def container(name, image, serving, indent):
    lines = [f"- name: {name}", f"  image: {image}"]
    if serving:
        lines += ["  ports: [{containerPort: 8080, name: http}]",
                  "  readinessProbe: {httpGet: {path: /ready, port: http}}",
                  "  livenessProbe: {httpGet: {path: /live, port: http}}"]
    lines += ["  resources:", "    requests: {cpu: 100m, memory: 128Mi}", "    limits: {memory: 128Mi}"]
    sc = [l[10:] for l in SECURE.splitlines()]
    lines += ["  " + l for l in sc]
    return "\n".join(" " * indent + l for l in lines) + "\n"


def pod_spec(name, image, serving, indent, bad):
    pad = " " * indent
    s = f"{pad}automountServiceAccountToken: false\n"
    if serving:
        s += (f"{pad}topologySpreadConstraints:\n{pad}  - maxSkew: 1\n{pad}    topologyKey: topology.kubernetes.io/zone\n"
              f"{pad}    whenUnsatisfiable: ScheduleAnyway\n{pad}    labelSelector: {{matchLabels: {{app: {name}}}}}\n")
    if bad:
        s += f"{pad}hostNetwork: true\n"
    s += f"{pad}containers:\n" + container(name, image, serving, indent + 2)
    return s


def workload(kind, name, ns, bad):
    image = f"{ECR}/{name}:1.{len(name) % 7}.3" if not bad else "nginx:latest"
    labels = f"{{app: {name}}}"
    if kind in ("Deployment", "StatefulSet", "Rollout", "DaemonSet"):
        api = "argoproj.io/v1alpha1" if kind == "Rollout" else "apps/v1"
        replicas = "" if kind == "DaemonSet" else "  replicas: 3\n"
        strategy = "  strategy:\n    canary: {steps: [{setWeight: 20}, {pause: {duration: 60}}]}\n" if kind == "Rollout" else ""
        svc = f"  serviceName: {name}\n" if kind == "StatefulSet" else ""
        return (f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{replicas}{svc}"
                f"  selector:\n    matchLabels: {labels}\n{strategy}  template:\n    metadata:\n      labels: {labels}\n    spec:\n"
                + pod_spec(name, image, kind != "DaemonSet", 6, bad))
    if kind == "CronJob":
        return (f"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  schedule: \"0 3 * * *\"\n"
                f"  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n"
                + pod_spec(name, image, False, 10, bad))
    return (f"apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  template:\n    spec:\n"
            f"      restartPolicy: Never\n" + pod_spec(name, image, False, 6, bad))


def component(i):
    ns = f"team-{i // 10:03d}"
    name = f"svc-{i:04d}"
    bad = i % 5 == 4
    kinds = ["Deployment", "StatefulSet", "Rollout", "CronJob", "Job", "DaemonSet"]
    docs = {}
    docs["namespace.yaml"] = [
        f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}-{i}\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n",
        f"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: {ns}-{i}\nspec:\n  podSelector: {{}}\n  policyTypes: [Ingress, Egress]\n",
    ]
    docs["workload.yaml"] = [workload(kinds[i % len(kinds)], name, f"{ns}-{i}", bad)]
    docs["service.yaml"] = [
        f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}-{i}\nspec:\n  selector: {{app: {name}}}\n  ports: [{{port: 80, targetPort: http}}]\n",
        f"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: {name}\n  namespace: {ns}-{i}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {{app: {name}}}\n",
    ]
    secret_value = "hunter2" if bad else "info"
    docs["config.yaml"] = [
        f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}-{i}\ndata:\n  LOG_LEVEL: info\n  smtp-password: {secret_value}\n" if bad else
        f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}-{i}\ndata:\n  LOG_LEVEL: {secret_value}\n  QUEUE: documents\n",
        f"apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: {name}\n  namespace: {ns}-{i}\nspec:\n  secretStoreRef: {{name: aws, kind: ClusterSecretStore}}\n  target: {{name: {name}}}\n  data:\n    - secretKey: password\n      remoteRef: {{key: {name}, property: password}}\n",
        f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {ns}-{i}\nautomountServiceAccountToken: false\n",
    ]
    extra = i % 3
    if extra == 0:
        days = 7 if bad else 30
        docs["infra.yaml"] = [
            f"apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: {name}\n  namespace: {ns}-{i}\nspec:\n  name: acme-{name}\n"
            f"  versioning: {{status: Enabled}}\n  encryption:\n    rules:\n      - bucketKeyEnabled: true\n        applyServerSideEncryptionByDefault: {{sseAlgorithm: \"aws:kms\", kmsMasterKeyID: alias/{name}}}\n"
            f"  publicAccessBlock: {{blockPublicACLs: true, ignorePublicACLs: true, blockPublicPolicy: true, restrictPublicBuckets: true}}\n"
            f"  lifecycle:\n    rules:\n      - id: archive\n        status: Enabled\n        transitions:\n          - {{days: {days}, storageClass: STANDARD_IA}}\n          - {{days: 90, storageClass: GLACIER}}\n"
            f"  replication:\n    role: arn:aws:iam::111122223333:role/replication\n    rules:\n      - id: offsite\n        status: Enabled\n"
            f"        sourceSelectionCriteria: {{sseKMSEncryptedObjects: {{status: Enabled}}}}\n"
            f"        destination: {{bucket: \"arn:aws:s3:::acme-{name}-backup\", encryptionConfiguration: {{replicaKMSKeyID: alias/backup}}}}\n"]
    elif extra == 1:
        sync = "{prune: true, selfHeal: false}" if bad else "{prune: true, selfHeal: true}"
        docs["infra.yaml"] = [
            f"apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {name}\n  namespace: argocd\nspec:\n  project: default\n"
            f"  source: {{repoURL: \"https://git.example.com/gitops.git\", targetRevision: main, path: apps/{name}/base}}\n"
            f"  destination: {{name: in-cluster, namespace: {ns}-{i}}}\n  syncPolicy:\n    automated: {sync}\n"]
    else:
        docs["infra.yaml"] = [
            f"apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n"
            f"      nodeClassRef: {{group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}}\n"
            f"      requirements:\n        - {{key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}}\n"
            f"  limits: {{cpu: \"64\", memory: 256Gi}}\n  disruption:\n    budgets: [{{nodes: \"10%\"}}]\n"]
    return name, docs


count = 0
i = 0
while count < total:
    name, docs = component(i)
    d = os.path.join(out, "apps", name, "base")
    os.makedirs(d, exist_ok=True)
    for fname, ds in docs.items():
        with open(os.path.join(d, fname), "w") as f:
            f.write("---\n".join(ds))
        count += len(ds)
    i += 1
print(f"{count} resources in {i} components under {out}", file=sys.stderr)
