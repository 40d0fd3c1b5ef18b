#!/usr/bin/env bash
# The switch to the blue-green variant, run as docs/blue-green.md shows it, validates in each cluster and in both.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/scratch-repo.sh"
ensure_validator
cd "$GITOPS_ROOT"

doc=docs/blue-green.md
fail() { say "FAIL: $*"; exit 1; }

# The n-th ```sh block of the page, with the cluster it names replaced by $2.
block() { awk -v n="$1" '/^```sh$/ {i++; on = (i == n); next} /^```$/ {on = 0} on' "$doc" | sed "s/ even\$/ $2/"; }
[ "$(grep -c '^```sh$' "$doc")" -eq 2 ] || fail "$doc should have two sh blocks (switch, switch back)"
grep -q '^./gitops strategy blue-green even$' <(block 1 even) || fail "the first block does not switch to blue-green"
grep -q '^./gitops strategy canary even$' <(block 2 even) || fail "the second block does not switch back"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
scratch_repo "$repo"

# run BLOCK CLUSTER...: the page's commands in the scratch repository, once per cluster; each must pass
# (./gitops validate exits non-zero on any error).
run() {
  local n=$1; shift
  local c
  for c in "$@"; do
    (cd "$repo" && GITOPS_ROOT="$repo" bash -euo pipefail -c "$(block "$n" "$c")") > "$tmp/out.txt" 2>&1 \
      || { cat "$tmp/out.txt" >&2; fail "block $n of $doc fails for cluster $c"; }
    grep -q ' 0 errors, 0 warnings' "$tmp/out.txt" || { cat "$tmp/out.txt" >&2; fail "block $n has findings for $c"; }
  done
}
strategy_of() { grep -Eo '^    (canary|blueGreen):$' "$repo/apps/processor/$1/processor-rollout.yml" | tr -d ' :'; }

for clusters in even odd "even odd"; do
  # shellcheck disable=SC2086 # a list of clusters
  run 1 $clusters
  for c in even odd; do
    case " $clusters " in
      *" $c "*) [ "$(strategy_of "$c")" = blueGreen ] || fail "$c did not switch to blue-green" ;;
      *) [ "$(strategy_of "$c")" = canary ] || fail "$c changed although it was not named" ;;
    esac
  done
  # ./gitops status names each cluster's strategy.
  (cd "$repo" && GITOPS_ROOT="$repo" ./gitops status --json) > "$tmp/status.json" 2>/dev/null \
    || fail "./gitops status failed"
  for c in even odd; do
    want=canary; case " $clusters " in *" $c "*) want=blue-green ;; esac
    got=$(python3 -c 'import json,sys; print([x["strategy"] for x in json.load(open(sys.argv[1]))["clusters"] if x["cluster"] == sys.argv[2]][0])' \
      "$tmp/status.json" "$c")
    [ "$got" = "$want" ] || fail "./gitops status says $c runs '$got', expected '$want'"
  done
  # Switching twice changes nothing more.
  cp "$repo/apps/processor/even/processor-rollout.yml" "$tmp/once.yml"
  # shellcheck disable=SC2086
  run 1 $clusters
  cmp -s "$tmp/once.yml" "$repo/apps/processor/even/processor-rollout.yml" || fail "switching is not idempotent"
  # shellcheck disable=SC2086
  run 2 $clusters
  git -C "$repo" diff --quiet || { git -C "$repo" --no-pager diff --stat >&2; fail "switching back did not restore the tree"; }
  say "ok: blue-green in $clusters validates, and switching back restores the tree"
done

# The rules hold the variant to its purpose: preview pods that are not labelled preview would consume the
# live queue (ROLLOUT021); promotion without a gate is refused (ROLLOUT020).
run 1 even
rollout="$repo/apps/processor/even/processor-rollout.yml"
sed -i '/gitops.dev\/release-role: preview/d; s/autoPromotionEnabled: false/autoPromotionEnabled: true/; /prePromotionAnalysis:/,/postPromotionAnalysis:/{/postPromotionAnalysis:/!d}' "$rollout"
if (cd "$repo" && GITOPS_ROOT="$repo" ./gitops validate) > "$tmp/out.txt" 2>&1; then
  cat "$tmp/out.txt" >&2; fail "a blue-green Rollout with unlabelled preview pods and automatic promotion validates"
fi
for rule in ROLLOUT020 ROLLOUT021; do
  grep -q "$rule" "$tmp/out.txt" || { cat "$tmp/out.txt" >&2; fail "$rule did not report the broken variant"; }
done
say "ok: a blue-green Rollout whose preview pods share the live queue, promoting unchecked, is refused"
