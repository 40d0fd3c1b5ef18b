#!/usr/bin/env bash
# Switch a cluster's processor Rollout between the canary and blue-green strategies (docs/blue-green.md).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"

usage() {
  cat <<USAGE
usage: ./gitops strategy canary|blue-green CLUSTER...

Replaces spec.strategy of apps/processor/CLUSTER/processor-rollout.yml with the committed strategy
(scripts/lib/processor-strategies/STRATEGY.yaml); everything else in the Rollout (image, replicas,
labels, pod template) is kept; the analysis argument cluster (the external label that tells the
clusters' series apart in the shared Prometheus workspace) is the cluster's EKS name, data.clusterName
of clusters/CLUSTER/aws-outputs.yaml. Running it twice changes nothing. Validate and commit afterwards:
  ./gitops validate
USAGE
}

[ $# -ge 2 ] || { usage >&2; exit 2; }
strategy=$1; shift
fragment="$GITOPS_ROOT/scripts/lib/processor-strategies/$strategy.yaml"
case "$strategy" in
  canary|blue-green) ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; die "unknown strategy '$strategy' (canary or blue-green)" ;;
esac

for cluster in "$@"; do
  rollout="$GITOPS_ROOT/apps/processor/$cluster/processor-rollout.yml"
  [ -f "$rollout" ] || die "no Rollout for cluster '$cluster' ($rollout)"
  [ "$(grep -c '^  strategy:$' "$rollout")" -eq 1 ] || die "$rollout: expected exactly one 'spec.strategy' line"
  outputs="$GITOPS_ROOT/clusters/$cluster/aws-outputs.yaml"
  eks=$(sed -n 's/^  clusterName: *\([A-Za-z0-9-]*\) *$/\1/p' "$outputs" 2>/dev/null || true)
  [ -n "$eks" ] || die "no data.clusterName in $outputs: the analysis argument cluster needs it"
  tmp=$(mktemp "$rollout.XXXXXX")
  # Copy the file, putting the fragment in place of the strategy block (which ends at the next key or
  # comment of the same indentation).
  awk -v fragment="$fragment" -v eks="$eks" '
    /^  strategy:$/ { while ((getline line < fragment) > 0) { gsub(/@clusterName@/, eks, line); print line }
                      close(fragment); skip = 1; next }
    skip && /^  [a-zA-Z#]/ { skip = 0 }
    !skip' "$rollout" > "$tmp"
  mv "$tmp" "$rollout"
  say "apps/processor/$cluster/processor-rollout.yml: $strategy"
done
