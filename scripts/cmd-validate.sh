#!/usr/bin/env bash
# Validate manifests, policies, WAF and rollout configuration (./gitops validate --help).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/daemon.sh"
ensure_validator
for hook in "$GITOPS_ROOT"/scripts/validate.d/*.sh; do
  # Each hook prepares what a stage of the validator needs (e.g. the opa binary).
  [ -e "$hook" ] && source "$hook"
done
validate_with_daemon "$@"
run_validator validate "$@"
