# RabbitMQ for local runs and tests: Debian's rabbitmq-server, installed and started on demand.
# Source it and call ensure_rabbitmq, or run it: `bash scripts/lib/rabbitmq.sh ensure`.
# Idempotent: when something already answers on localhost:5672 nothing is installed or started.

RABBITMQ_PORT=${RABBITMQ_PORT:-5672}

rabbitmq_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$RABBITMQ_PORT") 2>/dev/null
}

# Installs rabbitmq-server from Debian when missing (needs root, as on CI and the dev machines).
install_rabbitmq() {
  command -v rabbitmq-server >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "rabbitmq: rabbitmq-server is not installed and apt-get is not available" >&2; return 1; }
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "rabbitmq: installing Debian's rabbitmq-server (apt-get)…" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq rabbitmq-server >&2
}

# Starts a detached broker (no systemd needed) and waits until it accepts AMQP connections.
start_rabbitmq() {
  echo "rabbitmq: starting rabbitmq-server -detached…" >&2
  mkdir -p /var/log/rabbitmq /var/lib/rabbitmq 2>/dev/null || true
  chown rabbitmq:rabbitmq /var/log/rabbitmq /var/lib/rabbitmq 2>/dev/null || true
  rabbitmq-server -detached >&2 || true
  local i
  for i in $(seq 1 120); do
    if rabbitmq_answers && rabbitmqctl -q await_startup >/dev/null 2>&1; then
      echo "rabbitmq: ready on localhost:$RABBITMQ_PORT" >&2
      return 0
    fi
    sleep 1
  done
  echo "rabbitmq: broker did not start within 120 s; see /var/log/rabbitmq/" >&2
  return 1
}

ensure_rabbitmq() {
  if rabbitmq_answers; then return 0; fi
  install_rabbitmq || return 1
  start_rabbitmq
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-ensure}" in
    ensure) ensure_rabbitmq ;;
    *) echo "usage: bash scripts/lib/rabbitmq.sh ensure" >&2; exit 2 ;;
  esac
fi
