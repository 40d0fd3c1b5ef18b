#!/usr/bin/env bash
# Rego policies: opa fmt (clean), opa check --strict, opa test with coverage of at least 90%.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/opa.sh"
ensure_opa
MIN_COVERAGE=90
cd "$GITOPS_ROOT"
say "opa: $GITOPS_OPA ($("$GITOPS_OPA" version | head -1))"

unformatted=$("$GITOPS_OPA" fmt --list policies/)
if [ -n "$unformatted" ]; then
  say "not formatted (run: $GITOPS_OPA fmt -w policies/):"; say "$unformatted"; exit 1
fi
say "opa fmt: clean"

"$GITOPS_OPA" check --strict --ignore samples policies/
say "opa check --strict: clean"

"$GITOPS_OPA" test --ignore samples policies/
report=$(mktemp); trap 'rm -f "$report"' EXIT
"$GITOPS_OPA" test --ignore samples --coverage policies/ >"$report"
coverage=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["coverage"])' "$report")
say "opa test coverage: ${coverage}% (minimum ${MIN_COVERAGE}%)"
python3 - "$report" "$MIN_COVERAGE" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
low = [(f, c.get("coverage", 0)) for f, c in data["files"].items()
       if not f.endswith("_test.rego") and c.get("coverage", 0) < 100]
for f, c in sorted(low):
    print(f"  {f}: {c:.1f}%", file=sys.stderr)
sys.exit(0 if data["coverage"] >= float(sys.argv[2]) else 1)
PY
