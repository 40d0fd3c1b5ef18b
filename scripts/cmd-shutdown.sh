#!/usr/bin/env bash
# Shut a drained cluster down so that it stops billing, in two steps (shutdown even|odd [--from FILE]).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command shutdown "$@"
