#!/usr/bin/env bash
# Switch a cluster's processor Rollout between the canary and blue-green strategies (docs/blue-green.md).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"

usage() {
  cat <<USAGE
usage: ./gitops strategy canary|blue-green CLUSTER...

Replaces spec.strategy of apps/processor/CLUSTER/processor-rollout.yml with the committed strategy
(scripts/lib/processor-strategies/STRATEGY.yaml); everything else in the Rollout (image, replicas,
labels, pod template) is kept. Running it twice changes nothing. Validate and commit afterwards:
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
  tmp=$(mktemp "$rollout.XXXXXX")
  # Copy the file, putting the fragment in place of the strategy block (which ends at the next key or
  # comment of the same indentation).
  awk -v fragment="$fragment" '
    /^  strategy:$/ { while ((getline line < fragment) > 0) print line; close(fragment); skip = 1; next }
    skip && /^  [a-zA-Z#]/ { skip = 0 }
    !skip' "$rollout" > "$tmp"
  mv "$tmp" "$rollout"
  say "apps/processor/$cluster/processor-rollout.yml: $strategy"
done
