#!/usr/bin/env bash
# Local kind clusters with Argo CD and the cluster's root Application (up|down [even|odd|all]).
#
#   ./gitops cluster up   [even|odd|all]   create the kind cluster(s) from kind/<cluster>.yaml, install
#                                          Argo CD (pinned manifest) and apply clusters/<cluster>/root.yaml
#   ./gitops cluster down [even|odd|all]   delete the kind cluster(s)
#
# Needs a running Docker engine (kind runs its nodes as containers) and kubectl. kind itself is used
# from PATH at the pinned version, or installed into .tools/bin with `go install`.
# GITOPS_REPO_URL / GITOPS_REVISION point the root Application at a fork or branch (default: the
# repository and branch written in clusters/<cluster>/root.yaml).
# Exit codes: 0 done, 2 usage error or a missing prerequisite (named in the message), 1 a step failed.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"

KIND_VERSION=v0.33.0
ARGOCD_VERSION=v3.6.1
ARGOCD_MANIFEST="https://raw.githubusercontent.com/argoproj/argo-cd/$ARGOCD_VERSION/manifests/install.yaml"

usage() {
  sed -n '4,6s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

action=${1:-}
target=${2:-all}
case "$action" in up|down) ;; -h|--help|help) usage ;; *) say "gitops cluster: expected 'up' or 'down'"; usage ;; esac
case "$target" in
  even|odd) clusters=("$target") ;;
  all) clusters=(even odd) ;;
  *) die "cluster: unknown cluster '$target' (expected even, odd or all)" ;;
esac
for c in "${clusters[@]}"; do
  [ -f "$GITOPS_ROOT/kind/$c.yaml" ] || die "cluster: kind/$c.yaml is missing"
done

# kind runs every node as a Docker container: without an engine nothing below can work, so stop
# before installing anything.
if ! command -v docker >/dev/null 2>&1; then
  die "cluster: no Docker client found. kind needs Docker to run the cluster nodes; install Docker (or Docker Desktop / colima) and retry."
fi
if ! docker_error=$(timeout 30 docker info --format '{{.ServerVersion}}' 2>&1 >/dev/null); then
  die "cluster: no running Docker engine (docker info failed: $(printf '%s' "$docker_error" | head -n 1)). kind needs Docker to run the cluster nodes; start the Docker engine and retry. Nothing was changed."
fi

ensure_kind() {
  if command -v kind >/dev/null 2>&1 && [ "$(kind version -q 2>/dev/null)" = "$KIND_VERSION" ]; then
    KIND=$(command -v kind); return
  fi
  KIND="$TOOLS_DIR/bin/kind"
  if [ ! -x "$KIND" ] || [ "$("$KIND" version -q 2>/dev/null)" != "$KIND_VERSION" ]; then
    command -v go >/dev/null 2>&1 || die "cluster: kind $KIND_VERSION is not on PATH and Go is missing to install it (go install sigs.k8s.io/kind@$KIND_VERSION)"
    say "gitops: installing kind $KIND_VERSION into .tools/bin…"
    GOBIN="$TOOLS_DIR/bin" go install "sigs.k8s.io/kind@$KIND_VERSION" || die "cluster: could not install kind $KIND_VERSION"
  fi
}

command -v kubectl >/dev/null 2>&1 || die "cluster: kubectl is missing; install it (https://kubernetes.io/docs/tasks/tools/) and retry"
ensure_kind

up() {
  local c=$1 name="docproc-$1" ctx="kind-docproc-$1"
  if "$KIND" get clusters 2>/dev/null | grep -qx "$name"; then
    say "gitops: kind cluster $name exists"
  else
    "$KIND" create cluster --config "$GITOPS_ROOT/kind/$c.yaml" --wait 120s
  fi
  say "gitops: installing Argo CD $ARGOCD_VERSION into $name…"
  kubectl --context "$ctx" create namespace argocd --dry-run=client -o yaml | kubectl --context "$ctx" apply -f -
  kubectl --context "$ctx" apply --server-side --force-conflicts -n argocd -f "$ARGOCD_MANIFEST"
  # Applications report health, so the root Application's sync waves wait for each child to be
  # healthy before the next wave (controllers before their custom resources).
  kubectl --context "$ctx" -n argocd patch configmap argocd-cm --type merge -p \
    '{"data":{"resource.customizations.health.argoproj.io_Application":"hs = {}\nhs.status = \"Progressing\"\nhs.message = \"\"\nif obj.status ~= nil and obj.status.health ~= nil then\n  hs.status = obj.status.health.status\n  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end\nend\nreturn hs\n"}}'
  for d in argocd-server argocd-repo-server argocd-applicationset-controller; do
    kubectl --context "$ctx" -n argocd rollout status "deployment/$d" --timeout=300s
  done
  kubectl --context "$ctx" -n argocd rollout status statefulset/argocd-application-controller --timeout=300s
  local root="$GITOPS_ROOT/clusters/$c/root.yaml"
  if [ -n "${GITOPS_REPO_URL:-}" ] || [ -n "${GITOPS_REVISION:-}" ]; then
    # Only the root Application is re-pointed; its children keep the URLs written in the tree.
    sed -e "s|repoURL: https://github.com/acme/docproc-gitops.git|repoURL: ${GITOPS_REPO_URL:-https://github.com/acme/docproc-gitops.git}|" \
        -e "s|targetRevision: main|targetRevision: ${GITOPS_REVISION:-main}|" \
        -e "s|    - https://github.com/acme/docproc-gitops.git|    - ${GITOPS_REPO_URL:-https://github.com/acme/docproc-gitops.git}|" \
        "$root" | kubectl --context "$ctx" apply -f -
  else
    kubectl --context "$ctx" apply -f "$root"
  fi
  say "gitops: $name is up; Argo CD syncs clusters/$c from the repository's main branch."
  say "  kubectl --context $ctx -n argocd get applications"
  say "  AWS-backed parts (ACK, load balancers, ExternalDNS, Karpenter, IRSA) stay degraded on kind."
}

down() {
  local name="docproc-$1"
  if "$KIND" get clusters 2>/dev/null | grep -qx "$name"; then
    "$KIND" delete cluster --name "$name"
  else
    say "gitops: kind cluster $name does not exist"
  fi
}

for c in "${clusters[@]}"; do
  "$action" "$c"
done
