#!/usr/bin/env bash
# Each cluster's sprint, images, weight, beta and drain state, and whether the tree validates (--json).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command status "$@"
