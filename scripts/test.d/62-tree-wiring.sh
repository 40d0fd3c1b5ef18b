#!/usr/bin/env bash
# The tree is wired together: records → ALBs → web ACLs → Kong routes → Services, queue and bucket settings.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"
cd "$GITOPS_ROOT"

if ! command -v go >/dev/null 2>&1; then
  say "skipped: the wiring check (scripts/tree-wiring) needs Go"
  exit 77
fi
failures=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
wiring() { (cd "$GITOPS_ROOT/scripts/tree-wiring" && go run . "$1"); }

rc=0; out=$(wiring "$GITOPS_ROOT" 2>&1) || rc=$?
if [ "$rc" -eq 0 ]; then say "  ok   $out"; else say "  FAIL the repository's tree: $out"; failures=$((failures + 1)); fi

# Each broken copy must be refused with the reason.
broken() {
  local what=$1 file=$2 expr=$3 expect=$4
  rm -rf "$tmp/repo"; mkdir -p "$tmp/repo"; cp -r apps clusters infra "$tmp/repo/"
  sed -i "$expr" "$tmp/repo/$file"
  rc=0; out=$(wiring "$tmp/repo" 2>&1) || rc=$?
  if [ "$rc" -eq 1 ] && grep -q -- "$expect" <<<"$out"; then say "  ok   refused: $what"
  else say "  FAIL not refused: $what (exit $rc): $out"; failures=$((failures + 1)); fi
}
broken "weighted record pointing at the other cluster" apps/dns/even/public-record.yaml \
  's/dnsName: even.docs.example.com/dnsName: odd.docs.example.com/' 'target: "odd.docs.example.com"'
broken "failover primary aliasing another name than the weighted pair" infra/aws/dns/public-failover.yaml \
  's/dnsName: live.docs.example.com/dnsName: docs.example.com/' 'failover primary alias'
broken "weighted record named in full (the controller appends the zone's domain)" apps/dns/odd/public-record.yaml \
  's/^  name: live$/  name: live.docs/' 'failover primary alias'
broken "maintenance distribution reading another bucket" infra/aws/maintenance/endpoint.yaml \
  's/^  name: docs.example.com$/  name: maintenance.docs.example.com/' 'maintenance distribution origin'
broken "failover secondary aliasing the S3 website endpoint (HTTP only)" infra/aws/dns/public-failover.yaml \
  's/dnsName: d1a2b3c4d5e6f7.cloudfront.net/dnsName: s3-website-eu-west-1.amazonaws.com/' 'failover secondary alias'
broken "maintenance distribution serving another name" infra/aws/maintenance/endpoint.yaml \
  's/^        - docs.example.com$/        - www.docs.example.com/' 'maintenance distribution alias'
broken "weight differing from the cluster state" apps/dns/odd/public-record.yaml 's/weight: 0/weight: 10/' 'weight (cluster-state)'
broken "an ALB with the other cluster's web ACL" apps/edge/odd/ingress.yaml 's|wafv2-acl-name: docproc-odd|wafv2-acl-name: docproc-even|' 'does not name web ACL'
broken "KEDA watching another queue" apps/processor/even/processor-scaledobject.yml 's/queueName: documents.work/queueName: documents.parked/' 'KEDA queueName'
broken "delivery limit differing from the topology" apps/processor/base/processor-configmap.yml 's/PROCESSOR_DELIVERY_LIMIT: "5"/PROCESSOR_DELIVERY_LIMIT: "7"/' 'PROCESSOR_DELIVERY_LIMIT'
broken "a route to a missing Service port" apps/kong/base/httproutes.yaml '0,/port: 8080/s//port: 8081/' 'no Service port'
broken "beta record on a cluster that is not the beta target" clusters/odd/cluster-state.yaml 's/betaTarget: "true"/betaTarget: "false"/' 'beta record present=true'
broken "an ALB logging to a bucket infra/ does not declare" infra/aws/logs/alb-access-logs.yaml 's/^  name: acme-docproc-alb-logs-euw1$/  name: acme-docproc-logs-euw1/' 'access log bucket'
broken "a log bucket policy without the cluster's prefix" infra/aws/logs/alb-access-logs.yaml 's|alb-logs-euw1/odd/AWSLogs|alb-logs-euw1/AWSLogs|' 'grants no log delivery under'
broken "a bucket the processor does not write to" apps/storage/even/documents-bucket.yaml 's/name: acme-docproc-documents-euw1/name: acme-docproc-docs-euw1/' 'PROCESSOR_S3_BUCKET'

[ "$failures" -eq 0 ] || { say "$failures check(s) failed"; exit 1; }
