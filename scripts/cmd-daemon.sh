#!/usr/bin/env bash
# The validation daemon of the current repository: status, stop or start (docs/daemon.md).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/daemon.sh"
case "${1:-status}" in
  status|stop|start) ;;
  *) die "usage: ./gitops daemon status|stop|start" ;;
esac
ensure_validator
# The daemon's environment must be the one `./gitops validate` runs with (opa, policies).
for hook in "$GITOPS_ROOT"/scripts/validate.d/*.sh; do
  [ -e "$hook" ] && source "$hook"
done
daemon_client "${1:-status}"
