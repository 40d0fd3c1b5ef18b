#!/usr/bin/env bash
# Run the Document Processor locally (API + worker, embedded S3 store in .data/, local RabbitMQ).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/rabbitmq.sh"

usage() {
  cat <<USAGE
usage: ./gitops processor [--port N] [--management-port N] [--mode api|worker|both]

Starts the Document Processor on this machine:
  - storage: an S3-compatible store in this process (S3Proxy, filesystem backend) under .data/processor/,
    encrypted with a key generated once in .data/processor/document-key;
  - queue: the RabbitMQ on localhost:5672 (Debian's rabbitmq-server is installed and started if none answers);
  - tenancy: development mode, requests without the X-Consumer-Username header act as tenant "local".
Environment variables PROCESSOR_* override any setting (see processor/README.md). Stop with Ctrl-C.
USAGE
}

port=${PROCESSOR_HTTP_PORT:-8080}
management_port=${PROCESSOR_MANAGEMENT_PORT:-9090}
mode=${PROCESSOR_MODE:-both}
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --management-port) management_port=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done

find_jdk
ensure_rabbitmq || die "no RabbitMQ on localhost:5672 and it could not be started"

jar="$GITOPS_ROOT/processor/target/processor.jar"
local_jar="$GITOPS_ROOT/processor/target/processor-local.jar"
if [ ! -f "$jar" ] || [ ! -f "$local_jar" ] || [ ! -d "$GITOPS_ROOT/processor/target/local-lib" ] \
   || [ -n "$(find "$GITOPS_ROOT/processor/src/main" "$GITOPS_ROOT/processor/src/local" \
        "$GITOPS_ROOT/processor/pom.xml" -newer "$local_jar" -print -quit 2>/dev/null)" ]; then
  say "gitops: building the processor…"
  mvnw -pl processor -am -DskipTests package >&2 || die "processor build failed"
fi

data="$GITOPS_ROOT/.data/processor"
mkdir -p "$data"
export PROCESSOR_MODE=$mode
export PROCESSOR_HTTP_HOST=${PROCESSOR_HTTP_HOST:-127.0.0.1}
export PROCESSOR_HTTP_PORT=$port
export PROCESSOR_MANAGEMENT_PORT=$management_port
export PROCESSOR_S3_EMBEDDED_DIR=${PROCESSOR_S3_EMBEDDED_DIR:-$data}
export PROCESSOR_S3_REGION=${PROCESSOR_S3_REGION:-us-east-1}
export PROCESSOR_DEV_TENANT=${PROCESSOR_DEV_TENANT:-local}
export PROCESSOR_DRAIN_DELAY=${PROCESSOR_DRAIN_DELAY:-0s}
export PROCESSOR_QUEUE_PREFIX=${PROCESSOR_QUEUE_PREFIX:-documents-local}

"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -XX:+ExitOnOutOfMemoryError \
  -cp "$jar:$local_jar:$GITOPS_ROOT/processor/target/local-lib/*" dev.gitops.processor.local.LocalProcessor &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 0' INT TERM

for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then wait "$pid"; die "the processor exited during start-up (see its log above)"; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$management_port") 2>/dev/null \
     && curl -fsS "http://127.0.0.1:$management_port/health/ready" >/dev/null 2>&1; then
    break
  fi
  sleep 0.5
done

url="http://127.0.0.1:$port"
cat >&2 <<EOF2

  Document Processor is running ($mode): $url   (Ctrl-C stops it)
  OpenAPI:  $url/openapi      health/metrics: http://127.0.0.1:$management_port/health/ready  /metrics
  Data:     $data (git-ignored)

  Try it:
    id=\$(curl -s -H 'Content-Type: text/plain' -H 'X-Consumer-Username: local' \\
          --data-binary @README.md $url/v1/documents | sed 's/.*"id":"\\([^"]*\\)".*/\\1/')
    curl -s $url/v1/documents/\$id            # status, type, size, sha256
    curl -s $url/v1/documents/\$id/text       # extracted text, once done

EOF2
wait "$pid"
