#!/usr/bin/env bash
# GitHub Actions workflows pass actionlint (pinned), and the validate workflow does what CI relies on.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/go-tools.sh"

ACTIONLINT_VERSION=v1.7.12
actionlint=$(go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION") \
  || die "cannot install actionlint $ACTIONLINT_VERSION"
fail() { say "FAIL: $*"; exit 1; }

cd "$GITOPS_ROOT"
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
[ ${#workflows[@]} -gt 0 ] || fail "no workflow in .github/workflows"
# actionlint also lints run: scripts when shellcheck is on PATH (Debian's package; installed when we can).
if ! command -v shellcheck >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing shellcheck (apt-get)…"
  { apt-get install -y -q shellcheck || { apt-get update -q && apt-get install -y -q shellcheck; }; } >/dev/null 2>&1 || true
fi
command -v shellcheck >/dev/null || say "note: shellcheck is not installed, so actionlint does not lint run: scripts"
"$actionlint" -no-color "${workflows[@]}" || fail "actionlint found problems"

# The workflow runs what the documentation promises; actionlint cannot know these.
wf=.github/workflows/validate.yml
grep -q -- '--format github' "$wf" || fail "$wf does not report as GitHub annotations"
grep -q -- '--format "sarif=' "$wf" || fail "$wf writes no SARIF"
grep -q -- '--base "origin/' "$wf" || fail "$wf does not validate against the base branch"
grep -Eq 'uses: github/codeql-action/upload-sarif@[0-9a-f]{40}' "$wf" || fail "$wf does not upload SARIF with a pinned action"
grep -q 'run: ./gitops test' "$wf" || fail "$wf does not run ./gitops test"
if grep -E '^\s*(- )?uses: ' "$wf" | grep -Ev '@[0-9a-f]{40}( |$)'; then fail "$wf uses an action not pinned by commit"; fi
say "actionlint $ACTIONLINT_VERSION: ${workflows[*]} clean"
