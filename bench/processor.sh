#!/usr/bin/env bash
# Processor benchmark: end-to-end docs/s vs raw in-process Tika on the same corpus, and upload latency
# (1 MiB, 32 concurrent clients). Only against localhost: an in-process S3Proxy and the local RabbitMQ.
# Usage: bench/processor.sh [-Dbench.corpus=240] [-Dbench.threads=2] [-Dbench.clients=32] [-Dbench.uploads=640] [-Dbench.worker.prefetch=N]
#        Prints the per-stage split and CPU of each pass, then a summary: raw vs end-to-end docs/s and their ratio,
#        upload p50/p95/p99 at 32 clients. JVM options pass through (e.g. -XX:StartFlightRecording=filename=x.jfr).
#        bench/processor.sh -Dbench.prefetch=1,2,4,8   (consumer prefetch sweep, end-to-end only)
set -euo pipefail
GITOPS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export GITOPS_ROOT
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/rabbitmq.sh"
find_jdk
ensure_rabbitmq

cd "$GITOPS_ROOT"
./mvnw -B -q -pl processor -am -DskipTests test-compile >&2
cp_file=processor/target/bench.classpath
./mvnw -B -q -pl processor dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
classpath="processor/target/test-classes:processor/target/classes:$(cat "$cp_file")"

# The store (S3Proxy's filesystem backend), spools and Tika's temporary files go to tmpfs when there is one, so
# the figures measure the processor rather than a disk shared with other users; BENCH_TMPDIR overrides it.
tmp_dir=${BENCH_TMPDIR:-/dev/shm}
[[ -d $tmp_dir && -w $tmp_dir ]] || tmp_dir=${TMPDIR:-/tmp}
echo "store and temporary files: $tmp_dir ($(stat -f -c %T "$tmp_dir"))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -Xmx2g -XX:+UseG1GC \
  -Dlogback.configurationFile="$GITOPS_ROOT/bench/processor-logback.xml" -Djava.io.tmpdir="$tmp_dir" "$@" \
  -cp "$classpath" dev.gitops.processor.bench.ProcessorBenchmark
