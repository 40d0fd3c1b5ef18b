#!/usr/bin/env bash
# Where the CPU went in a JFR recording of bench/processor.sh, by component: each execution sample is counted
# for the first rule below that any frame of its stack matches. JFR samples Java frames only (not kernel time),
# so the split is of the Java-visible CPU.
# Usage: bench/processor.sh -XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile
#        bench/jfr-components.sh /tmp/p.jfr [FROM [TO]]   (HH:MM:SS UTC: only samples in [FROM, TO), e.g. one pass)
set -euo pipefail
GITOPS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export GITOPS_ROOT
source "$GITOPS_ROOT/scripts/lib/common.sh"
find_jdk
[[ $# -ge 1 && -f $1 ]] || { echo "usage: $0 recording.jfr [FROM [TO]]" >&2; exit 2; }

"$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 300 "$1" | awk -v from="${2:-00:00:00}" -v to="${3:-99:99:99}" '
/^jdk.ExecutionSample/ { if (n) count(); n = 1; stack = ""; at = ""; next }
/startTime =/ { at = $3 }
/line:/ { stack = stack "\n" $0 }
function count(  c) {
  if (at < from || at >= to) return
  if (stack ~ /org\.gaul|shaded\.org\.eclipse\.jetty/) c = "S3Proxy (the local store, same JVM)"
  else if (stack ~ /org\.apache\.tika|org\.apache\.pdfbox|org\.apache\.poi/) c = "Tika parse"
  else if (stack ~ /software\.amazon\.encryption/) c = "S3 Encryption Client (encrypt/decrypt, put/get)"
  else if (stack ~ /software\.amazon\.awssdk|io\.netty|org\.apache\.hc/) c = "AWS SDK and HTTP clients (event loops, plain S3)"
  else if (stack ~ /com\.rabbitmq/) c = "RabbitMQ client"
  else if (stack ~ /sun\.net\.httpserver/) c = "JDK HTTP server (API receive and spool)"
  else if (stack ~ /jdk\.internal\.net\.http/) c = "benchmark HTTP clients"
  else if (stack ~ /dev\.gitops\.processor/) c = "processor code"
  else c = "other JDK"
  samples[c]++; total++
}
END {
  if (n) count()
  if (total == 0) { print "no execution samples"; exit 1 }
  for (c in samples) printf "%6d %5.1f%%  %s\n", samples[c], 100 * samples[c] / total, c | "sort -rn"
}'
