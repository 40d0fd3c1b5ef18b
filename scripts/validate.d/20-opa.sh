# Sourced by cmd-validate.sh: the policy check needs the pinned opa binary (GITOPS_OPA) and the
# repository's policies (GITOPS_POLICIES). opa is not looked up (nor installed) for runs that do not
# start it: --opa-url (a shared OPA), --skip policy, --only naming categories other than policy
# (rule ids are upper case and may be policy rules), --list-rules, --explain, --help.
# shellcheck source=scripts/lib/opa.sh
source "$GITOPS_ROOT/scripts/lib/opa.sh"
export GITOPS_POLICIES="${GITOPS_POLICIES:-$GITOPS_ROOT/policies}"
gitops_needs_opa() {
  local prev="" arg value only_given=0 only_policy=0
  for arg in "$@"; do
    case $arg in
      --opa-url|--opa-url=*|--list-rules|--explain|--explain=*|--help|-h) return 1 ;;
    esac
    value=""
    case $arg in --skip=*) value=${arg#--skip=} ;; esac
    [ "$prev" = "--skip" ] && value=$arg
    if [ -n "$value" ] && [[ ",${value// /}," == *,policy,* ]]; then return 1; fi
    value=""
    case $arg in --only=*) value=${arg#--only=} ;; esac
    [ "$prev" = "--only" ] && value=$arg
    if [ "$prev" = "--only" ] || [[ $arg == --only=* ]]; then
      only_given=1
      # A policy rule is selected by its category or by an id (upper case, e.g. SEC001).
      if [[ ",${value// /}," == *,policy,* || $value == *[A-Z]* ]]; then only_policy=1; fi
    fi
    prev=$arg
  done
  [ "$only_given" = 0 ] || [ "$only_policy" = 1 ]
}
if gitops_needs_opa "$@"; then
  ensure_opa || exit 2
fi
