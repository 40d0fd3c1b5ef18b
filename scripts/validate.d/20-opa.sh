# Sourced by cmd-validate.sh: the policy check needs the pinned opa binary (GITOPS_OPA) and the
# repository's policies (GITOPS_POLICIES). opa is not installed for runs that do not start it:
# --opa-url (a shared OPA), --skip policy, --list-rules, --explain, --help.
# shellcheck source=scripts/lib/opa.sh
source "$GITOPS_ROOT/scripts/lib/opa.sh"
export GITOPS_POLICIES="${GITOPS_POLICIES:-$GITOPS_ROOT/policies}"
gitops_needs_opa() {
  local prev="" arg value
  for arg in "$@"; do
    case $arg in
      --opa-url|--opa-url=*|--list-rules|--explain|--explain=*|--help|-h) return 1 ;;
    esac
    value=""
    case $arg in --skip=*) value=${arg#--skip=} ;; esac
    [ "$prev" = "--skip" ] && value=$arg
    if [ -n "$value" ] && [[ ",${value// /}," == *,policy,* ]]; then return 1; fi
    prev=$arg
  done
  return 0
}
if gitops_needs_opa "$@"; then
  ensure_opa || exit 2
fi
