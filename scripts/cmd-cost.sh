#!/usr/bin/env bash
# Monthly cost of each cluster per state, shared lines and today's run rate (--json, docs/cost.md).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
ensure_validator
run_validator cost --root "$GITOPS_ROOT" "$@"
