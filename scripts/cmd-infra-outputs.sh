#!/usr/bin/env bash
# Compare or --write clusters/CLUSTER/aws-outputs.yaml from the ACK statuses (CLUSTER --from FILE, docs/architecture.md).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command infra-outputs "$@"
