# The release commands (scripts/cmd-{status,release,beta-ok,shift,drain,rollback}.sh). Source it.
# shellcheck source=scripts/lib/common.sh
source "$GITOPS_ROOT/scripts/lib/common.sh"

# Runs a release subcommand of the validator on this repository's tree (docs/release.md).
run_release_command() {
  local name=$1; shift
  ensure_validator
  local hook
  for hook in "$GITOPS_ROOT"/scripts/validate.d/*.sh; do
    # The commands validate the tree they produce with every check: prepare what the checks need.
    [ -e "$hook" ] && source "$hook"
  done
  local arg
  for arg in "$@"; do
    [ "$arg" = "--root" ] && run_validator "$name" "$@"
  done
  run_validator "$name" --root "$GITOPS_ROOT" "$@"
}
