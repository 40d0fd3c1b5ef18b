#!/usr/bin/env bash
# ./gitops cluster without a Docker engine stops with a clear message (exit 2); the kind configs are valid.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
cd "$GITOPS_ROOT"

failures=0
pass() { say "  ok   $*"; }
fail() { say "  FAIL $*"; failures=$((failures + 1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Runs ./gitops with the given environment; sets rc, out (stdout+stderr).
run() { rc=0; out=$(env "$@" 2>&1) || rc=$?; }

# 1. A Docker client but no engine (forced with an unreachable DOCKER_HOST, so the result is the same
#    on a machine whose engine runs): exit 2, the reason, and nothing installed or created.
for action in up down; do
  run DOCKER_HOST=unix://"$tmp"/no-engine.sock ./gitops cluster "$action" even
  if [ "$rc" -eq 2 ] && grep -q "no running Docker engine" <<<"$out" && grep -q "kind needs Docker" <<<"$out" \
      && ! grep -q "installing kind" <<<"$out"; then
    pass "cluster $action without an engine: exit 2 with the reason"
  else
    fail "cluster $action without an engine: exit $rc, output: $out"
  fi
done

# 2. No Docker client at all: a PATH holding only what the launcher needs.
mkdir -p "$tmp/bin"
for t in bash env dirname sed head cut awk grep cat find flock mktemp timeout; do
  p=$(command -v "$t" 2>/dev/null) && ln -sf "$p" "$tmp/bin/$t"
done
run PATH="$tmp/bin" ./gitops cluster up odd
if [ "$rc" -eq 2 ] && grep -q "no Docker client found" <<<"$out"; then
  pass "cluster up without a Docker client: exit 2 with the reason"
else
  fail "cluster up without a Docker client: exit $rc, output: $out"
fi

# 3. Usage errors.
run ./gitops cluster
[ "$rc" -eq 2 ] && grep -q "expected 'up' or 'down'" <<<"$out" && pass "no action: usage, exit 2" || fail "no action: exit $rc: $out"
run ./gitops cluster up blue
[ "$rc" -eq 2 ] && grep -q "unknown cluster 'blue'" <<<"$out" && pass "unknown cluster: exit 2" || fail "unknown cluster: exit $rc: $out"

# 4. The kind configs, read strictly with kind's own v1alpha4 types (kind/check), and the checker
#    itself refuses a misspelt field and a cluster without zones.
if ! command -v go >/dev/null 2>&1; then
  say "skipped: the kind config check needs Go (go run ./kind/check); the Docker checks above ran"
  [ "$failures" -eq 0 ] && exit 77 || exit 1
fi
check() { (cd "$GITOPS_ROOT/kind/check" && go run . "$@"); }
rc=0; out=$(check ../even.yaml ../odd.yaml 2>&1) || rc=$?
[ "$rc" -eq 0 ] && pass "kind/even.yaml and kind/odd.yaml are valid: $(tr '\n' ' ' <<<"$out")" || fail "kind configs: $out"
sed 's/podSubnet/podSubnett/' kind/even.yaml > "$tmp/even.yaml"
rc=0; out=$(check "$tmp/even.yaml" 2>&1) || rc=$?
[ "$rc" -ne 0 ] && grep -q 'unknown field "podSubnett"' <<<"$out" && pass "a misspelt field is refused" || fail "misspelt field: exit $rc: $out"
grep -v 'topology.kubernetes.io/zone' kind/odd.yaml > "$tmp/odd.yaml"
rc=0; out=$(check "$tmp/odd.yaml" 2>&1) || rc=$?
[ "$rc" -ne 0 ] && grep -q "workers must span 3 zones" <<<"$out" && pass "workers without zones are refused" || fail "no zones: exit $rc: $out"
cp kind/even.yaml "$tmp/odd.yaml"
rc=0; out=$(check "$tmp/odd.yaml" 2>&1) || rc=$?
[ "$rc" -ne 0 ] && grep -q 'name must be "docproc-odd"' <<<"$out" && pass "the cluster name follows the file name" || fail "name: exit $rc: $out"

[ "$failures" -eq 0 ] || { say "$failures check(s) failed"; exit 1; }
