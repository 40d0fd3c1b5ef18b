#!/usr/bin/env bash
# Put sprint N on the idle cluster of N's parity as the beta target (--sprint N --image REF).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command release "$@"
