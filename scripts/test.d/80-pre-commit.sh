#!/usr/bin/env bash
# The gitops-validate pre-commit hook, run by the real pre-commit on commits in a scratch clone.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/pre-commit.sh"
source "$GITOPS_ROOT/scripts/lib/scratch-repo.sh"
ensure_validator
ensure_pre_commit

fail() { say "FAIL: $*"; exit 1; }

# The hook definitions are well-formed, and this repository's local hook is the one it offers.
(cd "$GITOPS_ROOT" && "$PRE_COMMIT" validate-manifest .pre-commit-hooks.yaml && "$PRE_COMMIT" validate-config .pre-commit-config.yaml) \
  || fail "pre-commit rejects .pre-commit-hooks.yaml or .pre-commit-config.yaml"
"$TOOLS_PYTHON" - "$GITOPS_ROOT" <<'PY' || fail "the local hook differs from the offered one"
import sys, yaml
root = sys.argv[1]
offered = {h["id"]: h for h in yaml.safe_load(open(f"{root}/.pre-commit-hooks.yaml"))}["gitops-validate"]
local = [h for r in yaml.safe_load(open(f"{root}/.pre-commit-config.yaml"))["repos"] if r["repo"] == "local"
         for h in r["hooks"] if h["id"] == "gitops-validate"][0]
for key in ("files", "language", "require_serial"):
    assert offered.get(key) == local.get(key), (key, offered.get(key), local.get(key))
assert local["entry"].removeprefix("./") == offered["entry"], (local["entry"], offered["entry"])
PY

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
scratch_repo "$repo"
cd "$repo"

# A manifest of the tree to change: the first one that names its kind and itself.
target=$(git ls-files 'apps/*.yaml' 'clusters/*.yaml' | while read -r f; do
  grep -q '^kind:' "$f" && grep -q '^  name:' "$f" && { echo "$f"; break; }; done || true)
if [ -z "$target" ]; then
  # A tree without manifests yet: bring one, committed without the hook.
  target=clusters/even/pre-commit-sample.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pre-commit-sample\n  namespace: argocd\ndata:\n  a: "1"\n' >"$target"
  git add "$target" && git commit -q --no-verify -m "add a sample manifest"
fi
say "changing $target"

"$PRE_COMMIT" install >/dev/null

# 1. A clean change commits.
printf '# reviewed\n' >>"$target"
git add "$target"
out=$(git commit -m "clean change" 2>&1) || { printf '%s\n' "$out" >&2; fail "a clean commit was blocked"; }
printf '%s\n' "$out" >&2
grep -q 'gitops validate\.*Passed' <<<"$out" || fail "the hook did not run on the clean commit"
grep -q 'building the validator' <<<"$out" && fail "the hook rebuilt the validator"
clean_head=$(git rev-parse HEAD)

# 2. A change that breaks the manifest is blocked, with the file and line of the break.
printf 'broken: key: value\n' >>"$target"
line=$(wc -l <"$target")
git add "$target"
if out=$(git commit -m "broken change" 2>&1); then printf '%s\n' "$out" >&2; fail "a broken manifest was committed"; fi
printf '%s\n' "$out" >&2
grep -q 'gitops validate\.*Failed' <<<"$out" || fail "the hook did not report the failure"
grep -q "$target:$line:" <<<"$out" || fail "the output does not name $target:$line"
[ "$(git rev-parse HEAD)" = "$clean_head" ] || fail "the broken commit was made"
git reset -q --hard "$clean_head"

# 3. A new file is checked against the rest of the tree: a copy of the manifest duplicates its resources.
copy="${target%.yaml}-copy.yaml"
cp "$target" "$copy"
git add "$copy"
if out=$(git commit -m "duplicate resources" 2>&1); then printf '%s\n' "$out" >&2; fail "a duplicated resource was committed"; fi
printf '%s\n' "$out" >&2
# Whichever of the two files sorts first holds the "first definition"; the finding names both.
grep -Eq "($copy:[0-9]+:[0-9]+: error .*already defined .*at $target:|$target:[0-9]+:[0-9]+: error .*already defined .*at $copy:)" \
  <<<"$out" || fail "the duplicate in $copy was not reported against $target"
git reset -q --hard "$clean_head"

# 4. Files the validator does not own pass untouched (a workflow file is YAML, but not a manifest).
mkdir -p .github/workflows
printf 'name: x\non: push\njobs: {}\n' >.github/workflows/x.yml
git add .github/workflows/x.yml
out=$(git commit -m "workflow" 2>&1) || { printf '%s\n' "$out" >&2; fail "a non-manifest YAML file was blocked"; }
# No OPA server the validator started outlives its run (the last commit had nothing to validate).
sleep 0.5
if pgrep -f -- "$repo/policies" >/dev/null; then
  pkill -f -- "$repo/policies" || true
  fail "an OPA server started by the hook is still running"
fi
say "pre-commit: clean commit passed, broken manifest blocked at $target:$line, duplicate across files blocked"
