#!/usr/bin/env bash
# Custom resource schemas: `./gitops schemas pull [--context NAME]` stores a cluster's CRD schemas in .cache/schemas/.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
ensure_validator
# The full kubernetes-java-client (HTTP, kubeconfig, auth) is only on this command's class path:
# target/lib-cluster holds it; the validator's own start-up never loads it.
target="$GITOPS_ROOT/validator/target"
[ -d "$target/lib-cluster" ] || die "missing $target/lib-cluster: rebuild with ./mvnw -pl validator package"
args=("$@")
[ ${#args[@]} -gt 0 ] && [ "${args[0]}" = pull ] && args+=(--root "$GITOPS_ROOT")
exec "$JAVA_HOME/bin/java" "${VALIDATOR_JVM_FLAGS[@]}" \
  -cp "$VALIDATOR_JAR:$target/lib/*:$target/lib-cluster/*" dev.gitops.validator.schema.pull.SchemasCommand "${args[@]}"
