#!/usr/bin/env bash
# The Argo CD Config Management Plugin, run the way argocd-repo-server runs it: the generate command
# of argocd-cmp/plugin.yaml, in an application's source path inside a checkout, with Argo CD's
# environment; manifests on stdout. A good source renders; a broken one fails with its findings.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/pre-commit.sh"
source "$GITOPS_ROOT/scripts/lib/scratch-repo.sh"
ensure_validator
ensure_pre_commit                      # for TOOLS_PYTHON, a Python with PyYAML
for hook in "$GITOPS_ROOT"/scripts/validate.d/*.sh; do
  # What ./gitops validate prepares (opa on PATH, ...), the sidecar image has installed.
  [ -e "$hook" ] && source "$hook"
done
fail() { say "FAIL: $*"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The sidecar: the plugin's commands on PATH, the validator where GITOPS_VALIDATOR_HOME says.
mkdir -p "$work/sidecar/bin"
ln -s "$GITOPS_ROOT/argocd-cmp/gitops-cmp-generate" "$work/sidecar/bin/gitops-cmp-generate"
export GITOPS_VALIDATOR_HOME="$GITOPS_ROOT/validator/target"

# The checkout the repo-server hands to the sidecar (files only, no .git).
checkout="$work/checkout"
copy_tree "$checkout"

# A good source: the root Application's source of the even cluster, or else a component's base.
good=""
for candidate in clusters/even/apps "$(cd "$checkout" && ls -d apps/*/base 2>/dev/null | head -1)"; do
  if [ -n "$candidate" ] && compgen -G "$checkout/$candidate/*.yaml" >/dev/null; then good=$candidate; break; fi
done
if [ -z "$good" ]; then
  # A tree without applications yet: a minimal component.
  good=apps/cmp-sample/base
  mkdir -p "$checkout/$good"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cmp-sample\n  namespace: default\ndata:\n  a: "1"\n' \
    >"$checkout/$good/configmap.yaml"
fi
# A bad source: the same source path in a second checkout, with one of its manifests broken.
bad_checkout="$work/checkout-broken"
copy_tree "$bad_checkout"
if [ -d "$checkout/apps/cmp-sample" ]; then cp -R "$checkout/apps/cmp-sample" "$bad_checkout/apps/"; fi
bad=$good
broken_file=$(cd "$bad_checkout" && ls "$bad"/*.yaml | head -1)
printf 'broken: key: value\n' >>"$bad_checkout/$broken_file"
broken_line=$(wc -l <"$bad_checkout/$broken_file")

# run_generate CHECKOUT SOURCE_PATH: runs spec.generate of plugin.yaml as the repo-server would.
run_generate() {
  local checkout=$1 src=$2
  "$TOOLS_PYTHON" - "$GITOPS_ROOT/argocd-cmp/plugin.yaml" "$checkout/$src" "$src" "$work/sidecar/bin" <<'PY'
import os, subprocess, sys, yaml
plugin_file, cwd, src, bindir = sys.argv[1:]
plugin = yaml.safe_load(open(plugin_file))
assert plugin["apiVersion"] == "argoproj.io/v1alpha1" and plugin["kind"] == "ConfigManagementPlugin", plugin
generate = plugin["spec"]["generate"]
env = dict(os.environ)
env["PATH"] = bindir + os.pathsep + env["PATH"]
env.update({
    "ARGOCD_APP_NAME": "processor-even",
    "ARGOCD_APP_NAMESPACE": "argocd",
    "ARGOCD_APP_REVISION": "0123456789abcdef0123456789abcdef01234567",
    "ARGOCD_APP_SOURCE_PATH": src,
    "ARGOCD_APP_SOURCE_REPO_URL": "https://git.example.com/platform/gitops.git",
    "ARGOCD_APP_SOURCE_TARGET_REVISION": "main",
    "ARGOCD_ENV_GITOPS_STRICT": "false",
    "KUBE_VERSION": "1.36.0",
})
done = subprocess.run(generate["command"] + generate.get("args", []), cwd=cwd, env=env,
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
sys.stdout.write(done.stdout)
sys.stderr.write(done.stderr)
sys.exit(done.returncode)
PY
}

# 1. The good source renders its manifests.
rc=0
run_generate "$checkout" "$good" >"$work/good.out" 2>"$work/good.err" || rc=$?
cat "$work/good.err" >&2
[ "$rc" = 0 ] || fail "generate failed on the good source $good (exit $rc)"
"$TOOLS_PYTHON" - "$work/good.out" "$checkout/$good" <<'PY' || fail "the good source's output is not its manifests"
import glob, os, sys, yaml
out, src = sys.argv[1:]
rendered = [d for d in yaml.safe_load_all(open(out)) if d is not None]
expected = []
for f in sorted(glob.glob(os.path.join(src, "*.y*ml")) + glob.glob(os.path.join(src, "*.json"))):
    expected += [d for d in yaml.safe_load_all(open(f)) if d is not None]
assert rendered == expected, f"{len(rendered)} documents rendered, {len(expected)} in the source"
assert rendered and all("apiVersion" in d and "kind" in d for d in rendered), "a rendered document is not a resource"
print(f"rendered {len(rendered)} resources", file=sys.stderr)
PY

# 2. The broken source fails generation: nothing on stdout, the findings in the message.
rc=0
run_generate "$bad_checkout" "$bad" >"$work/bad.out" 2>"$work/bad.err" || rc=$?
cat "$work/bad.err" >&2
[ "$rc" != 0 ] || fail "generate succeeded on the broken source $bad"
[ ! -s "$work/bad.out" ] || fail "generate printed manifests for the broken source"
grep -q "processor-even" "$work/bad.err" || fail "the message does not name the application"
grep -q "$broken_file:$broken_line:" "$work/bad.err" || fail "the message does not name $broken_file:$broken_line"
grep -q "does not sync" "$work/bad.err" || fail "the message does not say that nothing syncs"

# 3. Outside a repository the validator knows, generation fails instead of rendering unchecked.
mkdir -p "$work/elsewhere/app" && cp "$checkout/$good"/*.yaml "$work/elsewhere/app/"
rc=0
run_generate "$work/elsewhere" app >/dev/null 2>"$work/elsewhere.err" || rc=$?
[ "$rc" != 0 ] && grep -q 'no .gitops-validator.yaml' "$work/elsewhere.err" \
  || fail "generate outside a configured repository did not fail clearly"
say "argocd-cmp: $good rendered; the same source with a broken manifest failed at $broken_file:$broken_line"
