#!/usr/bin/env bash
# JUnit tests of every Maven module (validator, processor).
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
find_jdk
cd "$GITOPS_ROOT"
./mvnw -B verify
