# The pinned Open Policy Agent binary. Source it and call ensure_opa; or run it to print the path:
#   bash scripts/lib/opa.sh        → /path/to/opa (installed into .tools/bin when missing)
# Uses `opa` from PATH when it is the pinned version, else installs that version with
# `go install` into the git-ignored .tools/bin. Sets and exports GITOPS_OPA.

OPA_VERSION=1.22.3
GITOPS_ROOT=${GITOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# The version an opa binary reports, e.g. 1.22.3 (empty if it does not run). Starting opa to ask
# takes longer than stat; the answer is kept in .tools/.opa-versions by the binary's path, size,
# modification time and inode, so a replaced or rebuilt binary is asked again.
opa_version_of() {
  local id cache="$GITOPS_ROOT/.tools/.opa-versions" key value v
  id=$(stat -L -c '%n|%s|%y|%i' -- "$1" 2>/dev/null) || return 0
  if [ -f "$cache" ]; then
    while IFS=$'\t' read -r key value; do
      if [ "$key" = "$id" ]; then printf '%s\n' "$value"; return 0; fi
    done <"$cache"
  fi
  v=$("$1" version 2>/dev/null | awk '/^Version:/ {print $2; exit}')
  if [ -n "$v" ] && mkdir -p "${cache%/*}" 2>/dev/null; then
    printf '%s\t%s\n' "$id" "$v" >>"$cache" 2>/dev/null || true
  fi
  printf '%s\n' "$v"
}

ensure_opa() {
  local local_opa="$GITOPS_ROOT/.tools/bin/opa" on_path
  if [ -n "${GITOPS_OPA:-}" ] && [ -x "$GITOPS_OPA" ] && [ "$(opa_version_of "$GITOPS_OPA")" = "$OPA_VERSION" ]; then
    export GITOPS_OPA; return 0
  fi
  on_path=$(command -v opa 2>/dev/null || true)
  if [ -n "$on_path" ] && [ "$(opa_version_of "$on_path")" = "$OPA_VERSION" ]; then
    export GITOPS_OPA="$on_path"; return 0
  fi
  if [ -x "$local_opa" ] && [ "$(opa_version_of "$local_opa")" = "$OPA_VERSION" ]; then
    export GITOPS_OPA="$local_opa"; return 0
  fi
  if ! command -v go >/dev/null 2>&1; then
    printf 'gitops: OPA %s is needed and neither it nor Go is installed.\n' "$OPA_VERSION" >&2
    printf '  Install Go (https://go.dev/doc/install) and run this again: it installs OPA into .tools/bin;\n' >&2
    printf '  or put opa %s on PATH (https://www.openpolicyagent.org/docs/#running-opa).\n' "$OPA_VERSION" >&2
    return 2
  fi
  printf 'gitops: installing OPA %s into .tools/bin (go install)…\n' "$OPA_VERSION" >&2
  mkdir -p "$GITOPS_ROOT/.tools/bin"
  (
    flock 9
    if [ "$(opa_version_of "$local_opa")" != "$OPA_VERSION" ]; then
      GOBIN="$GITOPS_ROOT/.tools/bin" go install "github.com/open-policy-agent/opa@v$OPA_VERSION" >&2
    fi
  ) 9>"$GITOPS_ROOT/.tools/.opa.lock" || { printf 'gitops: go install of OPA %s failed\n' "$OPA_VERSION" >&2; return 2; }
  [ "$(opa_version_of "$local_opa")" = "$OPA_VERSION" ] || { printf 'gitops: %s is not OPA %s\n' "$local_opa" "$OPA_VERSION" >&2; return 2; }
  export GITOPS_OPA="$local_opa"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_opa
  echo "$GITOPS_OPA"
fi
