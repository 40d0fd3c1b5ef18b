#!/usr/bin/env bash
# The local RabbitMQ the processor tests run against: installed and started when absent, then checked.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
source "$GITOPS_ROOT/scripts/lib/rabbitmq.sh"

ensure_rabbitmq
rabbitmq-diagnostics -q check_running
# Quorum queues with at-least-once dead-lettering need these feature flags (on by default since 3.9).
flags=$(rabbitmqctl -q list_feature_flags name state)
for flag in quorum_queue stream_queue; do
  if ! grep -Eq "^$flag[[:space:]]+enabled" <<<"$flags"; then
    echo "rabbitmq: feature flag $flag is not enabled" >&2
    exit 1
  fi
done
echo "rabbitmq: running, quorum_queue and stream_queue enabled"
