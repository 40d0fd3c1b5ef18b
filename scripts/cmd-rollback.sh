#!/usr/bin/env bash
# Return the public weights to the last fully validated split in the git history.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/release.sh"
run_release_command rollback "$@"
