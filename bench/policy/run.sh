#!/usr/bin/env bash
# Policy benchmark: ./gitops validate --only policy against conftest test, same policies, same files.
#
#   bench/policy/run.sh                  # 10,000 resources, 5 runs each
#   RESOURCES=2000 RUNS=3 bench/policy/run.sh
#
# Writes bench/policy/target/results.md (hyperfine: wall time) and resources.txt (/usr/bin/time -v:
# CPU and peak memory of one run each). Not a test: figures depend on the machine and its load.
set -euo pipefail
GITOPS_ROOT=${GITOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export GITOPS_ROOT
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/opa.sh"

CONFTEST_VERSION=0.71.1
RESOURCES=${RESOURCES:-10000}
RUNS=${RUNS:-5}
out="$GITOPS_ROOT/bench/policy/target"
corpus="$out/corpus-$RESOURCES"
mkdir -p "$out"

ensure_validator
ensure_opa
conftest="$GITOPS_ROOT/.tools/bin/conftest"
# go install builds report "Conftest: dev": read the module version from the binary instead.
if ! go version -m "$conftest" 2>/dev/null | grep -Eq "mod[[:space:]]+github.com/open-policy-agent/conftest[[:space:]]+v$CONFTEST_VERSION"; then
  say "installing conftest $CONFTEST_VERSION into .tools/bin (go install)…"
  GOBIN="$GITOPS_ROOT/.tools/bin" go install "github.com/open-policy-agent/conftest@v$CONFTEST_VERSION"
fi
command -v hyperfine >/dev/null || die "hyperfine is needed: apt-get install hyperfine"
[ -d "$corpus" ] || python3 "$GITOPS_ROOT/bench/policy/generate-corpus.py" "$corpus" "$RESOURCES"
files=$(find "$corpus" -name '*.yaml' | wc -l)
say "corpus: $corpus ($files files)"

cd "$GITOPS_ROOT"
policies=(-p policies --data policies/data.yaml --all-namespaces --no-color)
gitops_cmd="./gitops validate --only policy --root $corpus --format json=$out/gitops.json $corpus"
combine_cmd="$conftest test --combine ${policies[*]} --output json $corpus"
perfile_cmd="$conftest test ${policies[*]} --output json $corpus"

# Findings of each (one run): the number of denials each reports.
$gitops_cmd >/dev/null 2>&1 || true
gitops_findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$out/gitops.json")
$combine_cmd >"$out/combine.json" 2>/dev/null || true
$perfile_cmd >"$out/perfile.json" 2>/dev/null || true
count_failures() {
  python3 -c 'import json,sys; print(sum(len(r.get("failures") or []) for r in json.load(open(sys.argv[1]))))' "$1"
}
combine_findings=$(count_failures "$out/combine.json")
perfile_findings=$(count_failures "$out/perfile.json")

hyperfine --warmup 1 --runs "$RUNS" -i --style basic \
  --export-markdown "$out/results.md" --export-json "$out/results.json" \
  -n "gitops validate --only policy" "$gitops_cmd" \
  -n "conftest test --combine" "$combine_cmd >/dev/null" \
  -n "conftest test (per file)" "$perfile_cmd >/dev/null"

{
  echo "corpus: $RESOURCES resources in $files files; load: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
  echo "findings: gitops $gitops_findings, conftest --combine $combine_findings, conftest per file $perfile_findings"
  for name in gitops combine perfile; do
    case $name in gitops) cmd=$gitops_cmd ;; combine) cmd=$combine_cmd ;; perfile) cmd=$perfile_cmd ;; esac
    /usr/bin/time -v bash -c "$cmd >/dev/null 2>&1" 2>"$out/time-$name.txt" || true
    awk -v n="$name" -F': ' '
      /Elapsed \(wall clock\)/ {wall=$2} /User time/ {u=$2} /System time/ {s=$2}
      /Maximum resident set size/ {rss=$2}
      END {printf "%-8s wall %s  cpu %.2f s (user %s + sys %s)  peak RSS %.0f MB (largest process)\n", n, wall, u+s, u, s, rss/1024}
    ' "$out/time-$name.txt"
  done
} | tee "$out/resources.txt"
cat "$out/results.md"
