#!/usr/bin/env bash
# Run every test of the repository (each suite in scripts/test.d, in order).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
find_jdk
# The suites run ./gitops on many throw-away repositories: no validation daemon for each of them
# (the daemon's own tests turn it on).
export GITOPS_DAEMON=${GITOPS_DAEMON:-0}

passed=0 failed=0 skipped=0 failures=()
for suite in "$GITOPS_ROOT"/scripts/test.d/*.sh; do
  name=${suite##*/}; name=${name%.sh}
  say ""
  say "=== $name"
  rc=0
  bash "$suite" || rc=$?
  case $rc in
    0)  passed=$((passed + 1)); say "=== $name: passed" ;;
    77) skipped=$((skipped + 1)); say "=== $name: skipped (see its message above)" ;;
    *)  failed=$((failed + 1)); failures+=("$name"); say "=== $name: FAILED (exit $rc)" ;;
  esac
done
say ""
[ ${#failures[@]} -eq 0 ] || say "failed suites: ${failures[*]}"
echo "suites: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
