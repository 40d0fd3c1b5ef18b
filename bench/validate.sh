#!/usr/bin/env bash
# Whole-process time of ./gitops validate: on this repository, one-shot and through the validation
# daemon, side by side; where a one-shot run's time goes (each stage added to the previous ones);
# and on a generated tree of RESOURCES resources (core stages: reading, positions, identity,
# waivers). Median and spread of RUNS runs after WARMUP, measured with hyperfine.
#
#   bench/validate.sh                   # 10 runs each, 10,000-resource corpus
#   RUNS=5 RESOURCES=2000 bench/validate.sh
#
# Writes bench/validate/target/results.md (hyperfine) and resources.txt (/usr/bin/time -v of one
# run each: CPU and peak memory). Not a test: the figures depend on the machine and its load.
set -euo pipefail
GITOPS_ROOT=${GITOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export GITOPS_ROOT
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/daemon.sh"

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
RESOURCES=${RESOURCES:-10000}
out="$GITOPS_ROOT/bench/validate/target"
corpus="$out/corpus-$RESOURCES"
mkdir -p "$out"

command -v hyperfine >/dev/null || die "hyperfine is needed: apt-get install hyperfine"
ensure_validator
# One run first, so that the launcher's one-time work (build, start-up cache) is not measured.
"$GITOPS_ROOT/gitops" validate >/dev/null 2>&1 || true
[ -d "$corpus" ] || python3 "$GITOPS_ROOT/bench/policy/generate-corpus.py" "$corpus" "$RESOURCES" >&2
files=$(find "$corpus" -name '*.yaml' | wc -l)
say "corpus: $corpus ($files files); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"

cd "$GITOPS_ROOT"
# The daemon of this repository, warmed up before it is measured.
daemon_ready >/dev/null
java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)
hyperfine --warmup "$WARMUP" --runs "$RUNS" --ignore-failure --export-markdown "$out/results.md" \
  --export-json "$out/results.json" \
  -n "repository, every stage, one-shot" "GITOPS_DAEMON=0 ./gitops validate" \
  -n "repository, every stage, daemon" "GITOPS_DAEMON=1 ./gitops validate" \
  -n "repository, no policies, daemon" "GITOPS_DAEMON=1 ./gitops validate --skip policy" \
  -n "stage 0: a JVM that loads one class (the daemon client)" "${java[*]} -cp $VALIDATOR_JAR dev.gitops.validator.daemon.Client help" \
  -n "stage 1: launcher + validator JVM + command line (--help)" "GITOPS_DAEMON=0 ./gitops validate --help" \
  -n "stage 2: + YAML load, identity, waivers, report (--only yaml,waiver)" "GITOPS_DAEMON=0 ./gitops validate --only yaml,waiver" \
  -n "stage 3: + schemas, models, API server rules" "GITOPS_DAEMON=0 ./gitops validate --only yaml,waiver,schema,model,apiserver" \
  -n "stage 4: + domain checks (--skip policy)" "GITOPS_DAEMON=0 ./gitops validate --skip policy" \
  -n "stage 5: + OPA start, policy compile and query (every stage)" "GITOPS_DAEMON=0 ./gitops validate" \
  -n "corpus of $RESOURCES resources, core stages" "GITOPS_DAEMON=0 ./gitops validate --only yaml,waiver --root $corpus $corpus"

{
  for args in "" "--only yaml,waiver" "--only yaml,waiver --root $corpus $corpus"; do
    echo "== ./gitops validate $args (one-shot)"
    # shellcheck disable=SC2086
    GITOPS_DAEMON=0 /usr/bin/time -v ./gitops validate $args 2>&1 >/dev/null \
      | grep -E 'Elapsed|User time|System time|Maximum resident' || true
  done
} >"$out/resources.txt"
# Medians (hyperfine's markdown shows means), wall and CPU.
python3 - "$out/results.json" >"$out/medians.txt" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]}: median {statistics.median(r["times"]):.3f} s wall '
          f'(min {min(r["times"]):.3f}), mean CPU {r["user"] + r["system"]:.3f} s (user+sys), {len(r["times"])} runs')
PY
cat "$out/results.md" "$out/medians.txt" "$out/resources.txt"
