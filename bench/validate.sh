#!/usr/bin/env bash
# Whole-process time of ./gitops validate: on this repository (every stage, and the core stages
# alone), and on a generated tree of RESOURCES resources (core stages: reading, positions,
# identity, waivers). Median and spread of RUNS runs after WARMUP, measured with hyperfine.
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
hyperfine --warmup "$WARMUP" --runs "$RUNS" --ignore-failure --export-markdown "$out/results.md" \
  --export-json "$out/results.json" \
  -n "repository, every stage" "./gitops validate" \
  -n "repository, core stages (--only yaml,waiver)" "./gitops validate --only yaml,waiver" \
  -n "corpus of $RESOURCES resources, core stages" "./gitops validate --only yaml,waiver --root $corpus $corpus"

{
  for args in "" "--only yaml,waiver" "--only yaml,waiver --root $corpus $corpus"; do
    echo "== ./gitops validate $args"
    # shellcheck disable=SC2086
    /usr/bin/time -v ./gitops validate $args 2>&1 >/dev/null \
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
