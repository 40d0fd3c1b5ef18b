#!/usr/bin/env bash
# Record that the beta target's sprint passed beta, so public weight may move to it.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command beta-ok "$@"
