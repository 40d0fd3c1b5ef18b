#!/usr/bin/env bash
# The sprint cycle walkthrough of docs/release.md, run command by command on a scratch clone.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/scratch-repo.sh"
source "$GITOPS_ROOT/scripts/lib/opa.sh"
ensure_validator
ensure_opa

doc="$GITOPS_ROOT/docs/release.md"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
scratch_repo "$tmp/repo"

# The walkthrough is every ```sh block of the page, in order.
awk '/^```sh$/ {on = 1; next} /^```$/ {on = 0} on' "$doc" > "$tmp/walkthrough.sh"
steps=$(grep -c . "$tmp/walkthrough.sh" || true)
[ "$steps" -ge 20 ] || { say "FAIL: $doc has only $steps walkthrough lines"; exit 1; }

n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  say "\$ $line"
  rc=0
  (cd "$tmp/repo" && bash -euo pipefail -c "$line") > "$tmp/out.txt" 2>&1 || rc=$?
  sed 's/^/    /' "$tmp/out.txt" >&2
  if [ "$rc" -ne 0 ]; then
    say "FAIL: step $n of $doc exited $rc: $line"
    exit 1
  fi
done < "$tmp/walkthrough.sh"

# Where the walkthrough ends: even hosts sprint 44 as beta target with weight 25, odd 43 with 75.
(cd "$tmp/repo" && ./gitops status --json) > "$tmp/status.json"
python3 - "$tmp/status.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
c = {x["cluster"]: x for x in s["clusters"]}
want = {"even": (44, 25, True, True, False), "odd": (43, 75, False, True, False)}
for name, (sprint, weight, beta, validated, drained) in want.items():
    got = c[name]
    assert (got["sprint"], got["weight"], got["betaTarget"], got["betaValidated"], got["drained"]) == \
        (sprint, weight, beta, validated, drained), (name, got)
    assert got["shutDown"] == "false", (name, got)  # even was shut down and brought back by release
assert s["validates"], s
PY
say "ok: $n walkthrough steps of docs/release.md ran as written; the tree ends as described"
