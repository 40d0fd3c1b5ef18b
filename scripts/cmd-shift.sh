#!/usr/bin/env bash
# Move public Route 53 weight onto a cluster (--to even|odd --step P | --weight W).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command shift "$@"
