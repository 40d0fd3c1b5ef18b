#!/usr/bin/env bash
# Schema benchmark: ./gitops validate --only yaml,schema against kubeconform -strict, same files.
#
#   bench/schema.sh                      # 10,000 resources, 5 runs each
#   RESOURCES=2000 RUNS=3 bench/schema.sh
#   BASELINE=/path/to/other/checkout bench/schema.sh   # that checkout's validator too, in the same run
#
# The corpus is the generated tree of bench/policy/generate-corpus.py (built-in kinds and custom
# resources). kubeconform (pinned below, go install into .tools/bin) validates with -strict against
# JSON schemas generated here for the same Kubernetes version as the validator's models: the
# OpenAPI spec of the k8s.io/kubernetes module (go mod download), converted with openapi2jsonschema
# (PyPI, the converter behind kubeconform's default schemas) as
#   openapi2jsonschema -o vX-standalone-strict --expanded --kubernetes --stand-alone --strict swagger.json
# Custom resources have no schema there: kubeconform skips them (-ignore-missing-schemas), the
# validator checks those it has a model or schema for and warns about the others.
#
# Writes bench/schema/target/results.md (hyperfine: wall time) and resources.txt (/usr/bin/time -v:
# CPU and peak memory of one run each). Not a test: figures depend on the machine and its load.
#
# Then the same validation served by this repository's validation daemon (docs/daemon.md), as an
# engineer's repeated runs are (SERVED=0 leaves it out): wall time of the client, CPU of the client
# plus what the daemon used during the runs (from /proc), and the daemon's peak memory (VmHWM, over
# its whole life: its warm-up on this repository included).
set -euo pipefail
GITOPS_ROOT=${GITOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export GITOPS_ROOT
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/daemon.sh"

KUBECONFORM_VERSION=0.8.0
KUBERNETES_VERSION=1.36.3               # the release the client-java-api 27.0.0 models were generated from
OPENAPI2JSONSCHEMA_VERSION=0.9.1
RESOURCES=${RESOURCES:-10000}
RUNS=${RUNS:-5}
out="$GITOPS_ROOT/bench/schema/target"
corpus="$out/corpus-$RESOURCES"
schemas="$out/kubeconform-schemas/v$KUBERNETES_VERSION-standalone-strict"
mkdir -p "$out"

ensure_validator
command -v hyperfine >/dev/null || die "hyperfine is needed: apt-get install hyperfine"
kubeconform="$GITOPS_ROOT/.tools/bin/kubeconform"
if [ ! -x "$kubeconform" ] || [ "$(cat "$GITOPS_ROOT/.tools/bin/.kubeconform-version" 2>/dev/null)" != "$KUBECONFORM_VERSION" ]; then
  say "installing kubeconform $KUBECONFORM_VERSION into .tools/bin (go install)…"
  GOBIN="$GITOPS_ROOT/.tools/bin" go install "github.com/yannh/kubeconform/cmd/kubeconform@v$KUBECONFORM_VERSION"
  echo "$KUBECONFORM_VERSION" >"$GITOPS_ROOT/.tools/bin/.kubeconform-version"
fi
if [ ! -f "$schemas/deployment-apps-v1.json" ]; then
  venv="$GITOPS_ROOT/.tools/openapi2jsonschema"
  if [ ! -x "$venv/bin/openapi2jsonschema" ]; then
    say "installing openapi2jsonschema $OPENAPI2JSONSCHEMA_VERSION into .tools (pip)…"
    python3 -m venv "$venv"
    # Its pins (PyYAML 5, jsonref 0.2) no longer build; the newer releases work with it.
    "$venv/bin/pip" install -q --no-deps "openapi2jsonschema==$OPENAPI2JSONSCHEMA_VERSION"
    "$venv/bin/pip" install -q pyyaml 'jsonref<1' click
  fi
  spec_dir=$(cd "$out" && go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  say "generating kubeconform schemas for Kubernetes $KUBERNETES_VERSION (a few minutes, once)…"
  mkdir -p "$out/kubeconform-schemas"
  (cd "$out/kubeconform-schemas" && "$venv/bin/openapi2jsonschema" -o "v$KUBERNETES_VERSION-standalone-strict" --expanded --kubernetes --stand-alone \
    --strict "$spec_dir/api/openapi-spec/swagger.json" >/dev/null)
fi
[ -d "$corpus" ] || python3 "$GITOPS_ROOT/bench/policy/generate-corpus.py" "$corpus" "$RESOURCES" >&2
files=$(find "$corpus" -name '*.yaml' | wc -l)
say "corpus: $corpus ($files files)"

cd "$GITOPS_ROOT"
gitops_cmd="env GITOPS_DAEMON=0 ./gitops validate --only yaml,schema --root $corpus --format json=$out/gitops.json $corpus"
# Another checkout of this repository (e.g. the main branch, built), run through its own launcher:
# before and after figures of a change side by side, under the same load.
baseline=()
baseline_cmd=""
if [ -n "${BASELINE:-}" ]; then
  [ -x "$BASELINE/gitops" ] || die "BASELINE=$BASELINE has no ./gitops"
  baseline_cmd="env -u GITOPS_ROOT GITOPS_DAEMON=0 $BASELINE/gitops validate --only yaml,schema --root $corpus --format json=$out/baseline.json $corpus"
  $baseline_cmd >/dev/null 2>&1 || true   # its one-time work (build, start-up cache) is not measured
  baseline=(-n "baseline: $BASELINE" "$baseline_cmd")
fi
kubeconform_cmd="$kubeconform -strict -ignore-missing-schemas -summary -output json \
-schema-location $schemas/{{.ResourceKind}}{{.KindSuffix}}.json $corpus"

# The floor under our YAML stage: snakeyaml-engine alone, in a JVM started like the validator's.
floor_dir="$out/floor"
yaml_jar=$(ls "$GITOPS_ROOT"/validator/target/lib/snakeyaml-engine-*.jar)
mkdir -p "$floor_dir"
"$JAVA_HOME/bin/javac" -d "$floor_dir" -cp "$yaml_jar" "$GITOPS_ROOT/bench/schema/YamlParserFloor.java"
floor_cmd="$JAVA_HOME/bin/java ${VALIDATOR_JVM_FLAGS[*]} -cp $yaml_jar:$floor_dir YamlParserFloor $corpus"

# What each reports (one run).
$gitops_cmd >/dev/null 2>&1 || true
gitops_summary=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); s=r.get("summary",{}); print(s)' "$out/gitops.json")
kubeconform_summary=$($kubeconform_cmd 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("summary"))' || true)

hyperfine --warmup 1 --runs "$RUNS" -i --style basic \
  --export-markdown "$out/results.md" --export-json "$out/results.json" \
  -n "gitops validate --only yaml,schema" "$gitops_cmd" \
  -n "kubeconform -strict" "$kubeconform_cmd >/dev/null" \
  -n "snakeyaml-engine alone, events" "$floor_cmd events" \
  -n "snakeyaml-engine alone, objects" "$floor_cmd load" \
  "${baseline[@]}"

{
  echo "corpus: $RESOURCES resources in $files files; load: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
  echo "gitops: $gitops_summary"
  echo "kubeconform: $kubeconform_summary"
  if [ -n "$baseline_cmd" ]; then
    echo "baseline: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("summary"))' "$out/baseline.json")"
    cmp -s "$out/gitops.json" "$out/baseline.json" && echo "baseline report: identical" || echo "baseline report: differs"
  fi
  python3 - "$out/results.json" "$RESOURCES" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
rate = {r["command"]: n / r["mean"] for r in results}
for r in results:
    print(f"{r['command']:<36} mean {r['mean']:.2f} s ± {r['stddev'] or 0:.2f}  {n / r['mean']:,.0f} resources/s (wall)")
names = [r["command"] for r in results]
print(f"throughput ratio gitops / kubeconform (wall): {rate[names[0]] / rate[names[1]]:.2f}")
if len(names) > 4:
    print(f"throughput ratio baseline / kubeconform (wall): {rate[names[4]] / rate[names[1]]:.2f}")
PY
  for name in gitops kubeconform yaml-events yaml-objects ${baseline_cmd:+baseline}; do
    case $name in
      gitops) cmd=$gitops_cmd ;; kubeconform) cmd=$kubeconform_cmd ;;
      yaml-events) cmd="$floor_cmd events" ;; yaml-objects) cmd="$floor_cmd load" ;;
      baseline) cmd=$baseline_cmd ;;
    esac
    /usr/bin/time -v bash -c "$cmd >/dev/null 2>&1" 2>"$out/time-$name.txt" || true
    awk -v n="$name" -v res="$RESOURCES" -F': ' '
      /Elapsed \(wall clock\)/ {wall=$2} /User time/ {u=$2} /System time/ {s=$2}
      /Maximum resident set size/ {rss=$2}
      END {printf "%-12s wall %s  cpu %.2f s (user %s + sys %s)  %.0f resources per CPU second  peak RSS %.0f MB\n", n, wall, u+s, u, s, res/(u+s), rss/1024}
    ' "$out/time-$name.txt"
  done
} | tee "$out/resources.txt"
cat "$out/results.md"

[ "${SERVED:-1}" = 1 ] || exit 0
served_cmd="env GITOPS_DAEMON=1 ./gitops validate --only yaml,schema --root $corpus --format json=$out/served.json $corpus"
daemon_pid=$(daemon_ready)
daemon_cpu() { awk -v k="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / k}' "/proc/$daemon_pid/stat"; }
for _ in 1 2 3; do $served_cmd >/dev/null 2>&1 || true; done   # the daemon's first runs compile the code
before=$(daemon_cpu)
hyperfine --runs "$RUNS" -i --style basic --export-json "$out/served.json.hyperfine" \
  -n "gitops validate --only yaml,schema, served" "$served_cmd" >/dev/null
/usr/bin/time -v -o "$out/time-served.txt" bash -c "$served_cmd" >/dev/null 2>&1 || true
after=$(daemon_cpu)
{
  python3 - "$out/served.json.hyperfine" "$out/results.json" "$RESOURCES" "$RUNS" "$before" "$after" \
    "$out/time-served.txt" "$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$daemon_pid/status")" <<'PY'
import json, re, sys
served = json.load(open(sys.argv[1]))["results"][0]
kubeconform = json.load(open(sys.argv[2]))["results"][1]
n, runs, before, after = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
time_v = open(sys.argv[7]).read()
client = sum(float(re.search(rf"{k} time \(seconds\): ([0-9.]+)", time_v).group(1)) for k in ("User", "System"))
daemon = (after - before) / (runs + 1)   # hyperfine's runs and the /usr/bin/time run
print(f"served        wall {served['median']:.2f} s (kubeconform {kubeconform['median']:.2f} s: "
      f"{kubeconform['median'] / served['median']:.2f}x its throughput)  cpu {client + daemon:.2f} s "
      f"(client {client:.2f} + daemon {daemon:.2f})  daemon peak RSS {sys.argv[8]} MB")
PY
  cmp -s "$out/gitops.json" "$out/served.json" && echo "served report: identical to the one-shot run's" \
    || echo "served report: DIFFERS from the one-shot run's"
} | tee -a "$out/resources.txt"
