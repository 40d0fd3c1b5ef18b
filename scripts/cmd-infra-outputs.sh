#!/usr/bin/env bash
# Recorded AWS outputs of CLUSTER against the ACK statuses in FILE; --write records them (--from FILE).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command infra-outputs "$@"
