#!/usr/bin/env bash
# The blue-green variant in docs/blue-green.md, applied to a copy of both clusters' processor, validates.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
cd "$GITOPS_ROOT"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
doc=docs/blue-green.md

# The n-th ```yaml block of the page.
block() { awk -v n="$1" '/^```yaml$/ {i++; on = (i == n); next} /^```$/ {on = 0} on' "$doc"; }
block 1 > "$tmp/strategy.yaml"
block 2 > "$tmp/preview-service.yml"
[ -s "$tmp/strategy.yaml" ] && [ -s "$tmp/preview-service.yml" ] || { say "FAIL: $doc lost its two yaml blocks"; exit 1; }
grep -q '^  strategy:$' "$tmp/strategy.yaml" || { say "FAIL: the first block is not a spec.strategy"; exit 1; }

# A small repository: the processor's base and, for both clusters (parity), the Rollout with the
# blue-green strategy in place of the canary one, and the preview Service.
mkdir -p "$tmp/repo/apps/processor"
cp -r apps/processor/base "$tmp/repo/apps/processor/"
cp -r .gitops-validator.yaml schemas "$tmp/repo/"
git -C "$tmp/repo" init -q
for c in even odd; do
  mkdir -p "$tmp/repo/apps/processor/$c"
  awk -v strategy="$tmp/strategy.yaml" '
    /^  strategy:$/ { while ((getline line < strategy) > 0) print line; close(strategy); skip = 1; next }
    skip && /^  [a-zA-Z#]/ { skip = 0 }
    !skip' "apps/processor/$c/processor-rollout.yml" > "$tmp/repo/apps/processor/$c/processor-rollout.yml"
  cp "$tmp/preview-service.yml" "$tmp/repo/apps/processor/$c/processor-preview-service.yml"
  grep -q 'blueGreen:' "$tmp/repo/apps/processor/$c/processor-rollout.yml" \
    && ! grep -q 'canary:' "$tmp/repo/apps/processor/$c/processor-rollout.yml" \
    || { say "FAIL: the strategy of the $c Rollout was not replaced"; exit 1; }
done

rc=0
./gitops validate --root "$tmp/repo" "$tmp/repo/apps" > "$tmp/out.txt" 2>&1 || rc=$?
cat "$tmp/out.txt" >&2
if [ "$rc" -ne 0 ]; then
  say "FAIL: the blue-green variant of $doc does not validate (exit $rc)"
  exit 1
fi
grep -q ' 0 errors, 0 warnings' "$tmp/out.txt" || { say "FAIL: the variant has findings"; exit 1; }
say "ok: the blue-green variant validates"
