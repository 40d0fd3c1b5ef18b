#!/usr/bin/env bash
# Regenerate the processor's manifests with JKube (k8s:resource) and copy its pod template into apps/processor.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
find_jdk

# 1. JKube generates processor/target/classes/META-INF/jkube/kubernetes/processor-deployment.yml
#    (offline: no cluster is contacted).
# 2. ProcessorManifestsTest, in write mode, puts that pod template into each cluster's Rollout,
#    keeping the cluster's release state (image, version and sprint labels) and everything else the tree owns.
mvnw -pl processor -am -DskipTests=false -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=ProcessorManifestsTest -Dprocessor.manifests.write=true test >&2
git -C "$GITOPS_ROOT" --no-pager diff --stat -- apps/processor >&2 || true
say "apps/processor is in step with JKube's output; review the diff, then ./gitops validate"
