#!/usr/bin/env bash
# Scale down a cluster that serves no traffic and is not the beta target (drain even|odd).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command drain "$@"
