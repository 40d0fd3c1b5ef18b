# Sourced by cmd-validate.sh: the policy check needs the pinned opa binary (GITOPS_OPA) and the
# repository's policies (GITOPS_POLICIES). Nothing to do when the run skips policies or uses a
# shared OPA (--opa-url): then opa need not be installed.
# shellcheck source=scripts/lib/opa.sh
source "$GITOPS_ROOT/scripts/lib/opa.sh"
export GITOPS_POLICIES="${GITOPS_POLICIES:-$GITOPS_ROOT/policies}"
if ! printf '%s\n' "$@" | grep -Eq -- '^--(opa-url|list-rules|explain|help)(=|$)|^-h$'; then
  ensure_opa || exit 2
fi
