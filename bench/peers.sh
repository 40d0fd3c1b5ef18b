#!/usr/bin/env bash
# The validator against its peers, side by side in one run, on (a) this repository and (b) the
# generated ~10,000-resource corpus:
#
#   ours           ./gitops validate, one-shot (every stage: YAML, schemas, models, domain checks,
#                  policies in OPA), as CI and the Argo CD plugin run it (GITOPS_DAEMON=0)
#   ours-daemon    the same, served by the validation daemon (docs/daemon.md), as an engineer's
#                  repeated runs and the pre-commit hook are; its CPU and memory are the client's plus
#                  what the daemon process (and its OPA) used during the run, read from /proc
#   kubeconform    -strict, JSON schemas generated locally for the validator's Kubernetes version
#   conftest       test --combine with this repository's policies and data
#   kubeconform + conftest, back to back: the fair comparison for schema + policy
#   kube-linter    when the Go module proxy serves it (the script says why not otherwise)
#
# For each: wall time (hyperfine, median), CPU time and peak memory (/usr/bin/time -v, median of
# CPU over a few runs; peak RSS of the largest process, and of the whole process tree, sampled),
# and ratios against ours. Not a test: figures depend on the machine and its load, which is printed.
#
#   bench/peers.sh                       # RUNS=5 CORPUS_RUNS=3 RESOURCES=10000
#   RUNS=10 bench/peers.sh
#
# Results go to bench/peers/target/ (git-ignored): results-*.json (hyperfine) and summary.txt.
set -euo pipefail
GITOPS_ROOT=${GITOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export GITOPS_ROOT
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/daemon.sh"
source "$GITOPS_ROOT/scripts/lib/go-tools.sh"
source "$GITOPS_ROOT/scripts/lib/opa.sh"

KUBECONFORM_VERSION=v0.8.0
CONFTEST_VERSION=v0.71.1
KUBE_LINTER_VERSION=v0.7.6
KUBERNETES_VERSION=1.36.3            # the release the validator's kubernetes-java-client models match
OPENAPI2JSONSCHEMA_VERSION=0.9.1
RESOURCES=${RESOURCES:-10000}
RUNS=${RUNS:-5}                      # hyperfine runs on the repository
CORPUS_RUNS=${CORPUS_RUNS:-3}        # hyperfine runs on the corpus
CPU_RUNS=${CPU_RUNS:-3}              # /usr/bin/time runs per command (median CPU)

out="$GITOPS_ROOT/bench/peers/target"
mkdir -p "$out"

# --- tools -----------------------------------------------------------------------------------
for tool in hyperfine /usr/bin/time; do
  if ! command -v "$tool" >/dev/null; then
    [ "$(id -u)" = 0 ] || die "$tool is needed: apt-get install ${tool##*/}"
    say "installing ${tool##*/} (apt-get)…"
    apt-get install -y -q "${tool##*/}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${tool##*/}" >/dev/null; }
  fi
done
ensure_validator
ensure_opa
kubeconform=$(go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION")
conftest=$(go_tool conftest github.com/open-policy-agent/conftest "$CONFTEST_VERSION")
kube_linter="" kube_linter_why=""
if ! kube_linter=$(go_tool kube-linter github.com/stackrox/kube-linter/cmd/kube-linter "$KUBE_LINTER_VERSION" 2>"$out/kube-linter-install.log"); then
  kube_linter=""
  kube_linter_why=$(grep -m1 -E 'not available|403|404|410|error' "$out/kube-linter-install.log" || tail -1 "$out/kube-linter-install.log")
  say "kube-linter left out: go install github.com/stackrox/kube-linter/cmd/kube-linter@$KUBE_LINTER_VERSION failed: $kube_linter_why"
  say "  (its canonical module path golang.stackrox.io/kube-linter is not served by the Go module proxy here either)"
fi

# JSON schemas for kubeconform, generated the way bench/schema.sh does (and shared with it): the
# OpenAPI spec of the k8s.io/kubernetes module converted with openapi2jsonschema.
schemas_root="$GITOPS_ROOT/bench/schema/target/kubeconform-schemas"
schemas="$schemas_root/v$KUBERNETES_VERSION-standalone-strict"
if [ ! -f "$schemas/deployment-apps-v1.json" ]; then
  venv="$GITOPS_ROOT/.tools/openapi2jsonschema"
  if [ ! -x "$venv/bin/openapi2jsonschema" ]; then
    say "installing openapi2jsonschema $OPENAPI2JSONSCHEMA_VERSION into .tools (pip)…"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --no-deps "openapi2jsonschema==$OPENAPI2JSONSCHEMA_VERSION"
    "$venv/bin/pip" install -q pyyaml 'jsonref<1' click
  fi
  mkdir -p "$schemas_root"
  spec_dir=$(cd "$schemas_root" && go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  say "generating kubeconform schemas for Kubernetes $KUBERNETES_VERSION (a few minutes, once)…"
  (cd "$schemas_root" && "$venv/bin/openapi2jsonschema" -o "v$KUBERNETES_VERSION-standalone-strict" --expanded \
    --kubernetes --stand-alone --strict "$spec_dir/api/openapi-spec/swagger.json" >/dev/null)
fi

# The corpus: the generated tree shared with the schema and policy benchmarks.
corpus="$out/corpus-$RESOURCES"
[ -d "$corpus" ] || python3 "$GITOPS_ROOT/bench/policy/generate-corpus.py" "$corpus" "$RESOURCES" >&2

cd "$GITOPS_ROOT"
# The JVM's start-up cache is trained before anything is timed (it is rebuilt once per build).
GITOPS_DAEMON=0 ./gitops validate >/dev/null 2>&1 || true
# The daemon of this repository, warmed up before anything is timed.
daemon_pid=$(daemon_ready)

# --- commands --------------------------------------------------------------------------------
# commands_for NAME PATHS...: sets cmd_<tool> for a data set. Our validator reads the repository's
# configuration for (a); the corpus has none, so it is validated whole with the defaults, and with
# this repository's policies (GITOPS_POLICIES).
kc_args="-strict -ignore-missing-schemas -summary -schema-location $schemas/{{.ResourceKind}}{{.KindSuffix}}.json"
ct_args="test --combine -p policies --data policies/data.yaml --all-namespaces --no-color"
declare -A cmd
set_commands() {
  local set=$1; shift
  local paths="$*"
  if [ "$set" = repository ]; then
    cmd[ours]="GITOPS_DAEMON=0 ./gitops validate --format json=$out/ours-$set.json"
    cmd[ours-daemon]="GITOPS_DAEMON=1 ./gitops validate --format json=$out/ours-daemon-$set.json"
  else
    cmd[ours]="GITOPS_DAEMON=0 ./gitops validate --root $paths --format json=$out/ours-$set.json $paths"
    cmd[ours-daemon]="GITOPS_DAEMON=1 ./gitops validate --root $paths --format json=$out/ours-daemon-$set.json $paths"
  fi
  cmd[kubeconform]="$kubeconform $kc_args $paths"
  cmd[conftest]="$conftest $ct_args $paths"
  cmd[kubeconform+conftest]="$kubeconform $kc_args $paths >/dev/null; $conftest $ct_args $paths"
  if [ -n "$kube_linter" ]; then
    cmd[kube-linter]="$kube_linter lint $paths"
  fi
}
tools=(ours ours-daemon kubeconform conftest kubeconform+conftest)
[ -n "$kube_linter" ] && tools+=(kube-linter)

# cpu_and_memory NAME COMMAND: median CPU seconds (user+sys, the process and its children) and
# peak RSS of the largest process from /usr/bin/time -v; peak RSS of the whole process tree from a
# 5 ms sampler. Prints "cpu rss_largest_mb rss_tree_mb".
# CPU seconds the daemon and its children (OPA) have used so far, from /proc.
daemon_cpu() {
  local pid total=0 ticks
  ticks=$(getconf CLK_TCK)
  for pid in "$daemon_pid" $(pgrep -P "$daemon_pid" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  awk -v t="$total" -v k="$ticks" 'BEGIN {printf "%.3f", t / k}'
}
cpu_and_memory() {
  local name=$1 command=$2 i cpus=() rss=0 tree=0 r t before after
  for ((i = 0; i < CPU_RUNS; i++)); do
    before=$(daemon_cpu)
    /usr/bin/time -v -o "$out/time-$name.txt" bash -c "$command" >/dev/null 2>&1 || true
    after=$(daemon_cpu)
    # Served runs: the client's CPU plus the daemon's during the run (zero for the other tools).
    if [[ $name == *ours-daemon ]]; then
      cpus+=("$(awk -F': ' -v d="$(awk -v a="$after" -v b="$before" 'BEGIN {print a - b}')" \
        '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.3f", u+s+d}' "$out/time-$name.txt")")
    else
      cpus+=("$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.3f", u+s}' "$out/time-$name.txt")")
    fi
    r=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$out/time-$name.txt")
    [ "$r" -gt "$rss" ] && rss=$r
  done
  # A separate run for the tree's sum: the sampler's own CPU must not count above.
  python3 "$GITOPS_ROOT/bench/peers/tree-rss.py" "$out/tree-$name.txt" bash -c "$command" >/dev/null 2>&1 || true
  tree=$(cat "$out/tree-$name.txt")
  if [[ $name == *ours-daemon ]]; then
    # The daemon's and its OPA's peak resident memory (VmHWM), which the client's tree does not include.
    for t in "$daemon_pid" $(pgrep -P "$daemon_pid" || true); do
      r=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$t/status")
      rss=$((rss > r ? rss : r)); tree=$((tree + r))
    done
  fi
  printf '%s %s %s\n' "$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(((CPU_RUNS + 1) / 2))p")" "$rss" "$tree"
}

summary="$out/summary.txt"
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "versions: validator $(git -C "$GITOPS_ROOT" rev-parse --short HEAD), JDK $(jdk_version "$JAVA_HOME/bin/java"), opa $OPA_VERSION, kubeconform $KUBECONFORM_VERSION, conftest $CONFTEST_VERSION, kube-linter ${kube_linter:+$KUBE_LINTER_VERSION}${kube_linter_why:+not available ($kube_linter_why)}"
} | tee "$summary"

for set in repository corpus; do
  if [ "$set" = repository ]; then
    # What ./gitops validate reads by default: the configuration's include.
    set_commands repository apps clusters
    runs=$RUNS
    what="this repository: $(find apps clusters -name '*.yaml' -o -name '*.yml' -o -name '*.json' | wc -l) files"
  else
    set_commands corpus "$corpus"
    runs=$CORPUS_RUNS
    what="corpus: $RESOURCES resources in $(find "$corpus" -name '*.yaml' | wc -l) files"
  fi
  say ""
  say "== $what"
  # What each reports, so that a tool that silently does nothing shows up.
  for t in "${tools[@]}"; do
    rc=0
    bash -c "${cmd[$t]}" >"$out/output-$set-$t.txt" 2>&1 || rc=$?
    if [[ $t == ours* ]]; then
      said=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' "$out/$t-$set.json" 2>/dev/null || true)
    else
      said=$(grep -E 'Summary|resources|fail|passed|warnings|errors' "$out/output-$set-$t.txt" | tail -1 | cut -c1-150)
    fi
    printf '%-22s exit %s: %s\n' "$t" "$rc" "$said" | tee -a "$summary" >&2
  done

  args=()
  for t in "${tools[@]}"; do args+=(-n "$t" "${cmd[$t]}"); done
  hyperfine --warmup 1 --runs "$runs" -i --style basic --output=null --export-json "$out/results-$set.json" "${args[@]}" >&2

  for t in "${tools[@]}"; do
    echo "$t $(cpu_and_memory "$set-$t" "${cmd[$t]}")"
  done >"$out/resources-$set.txt"

  python3 - "$out/results-$set.json" "$out/resources-$set.txt" "$what" "$set" <<'PY' | tee -a "$summary"
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
res = {}
for line in open(sys.argv[2]):
    name, cpu, rss, tree = line.split()
    res[name] = (float(cpu), int(rss), int(tree))
what, dataset = sys.argv[3], sys.argv[4]
ours = results["ours"]["median"]
ours_cpu = res["ours"][0]
print(f"\n{what}")
print(f"{'tool':<22} {'wall median':>12} {'min':>7} {'CPU':>7} {'peak RSS':>9} {'tree RSS':>9}   {'wall: peer/ours':>15} {'CPU: peer/ours':>14}")
for name, r in results.items():
    cpu, rss, tree = res[name]
    print(f"{name:<22} {r['median']:>10.3f} s {r['min']:>6.3f}s {cpu:>6.2f}s {rss:>6} MB {tree:>6} MB   "
          f"{r['median'] / ours:>15.2f} {cpu / ours_cpu if ours_cpu else float('nan'):>14.2f}")
pair = results["kubeconform+conftest"]["median"] / ours
if dataset == "corpus":
    print(f"goal (b): at least 2x faster than kubeconform + conftest: {pair:.2f}x -> {'met' if pair >= 2 else 'NOT met'}")
else:
    print(f"goal (a): within 2x of kubeconform + conftest: ours takes {1 / pair:.2f}x their time -> {'met' if 1 / pair <= 2 else 'NOT met'}")
PY
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"
say "results: $out (summary.txt, results-*.json, output-*.txt)"
