// Command tree-wiring checks that the GitOps tree is wired together the way docs/architecture.md
// describes: one request from Route 53 (the failover pair, then the weighted pair) to the processor, one document to the bucket. Generic rules
// (schemas, policies, Rollouts, WAF, traffic weights) are the validator's; this checks this tree's
// own names meeting across files: records and health checks point at the names the ALBs publish,
// the ALBs carry their cluster's web ACL, routes reach existing Services, the processor's queue
// settings match the broker topology, its bucket and key match the storage tree.
//
// Usage: go run . REPOSITORY-ROOT
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"
)

type resource struct {
	file string
	doc  map[string]any
}

func (r resource) kind() string { return str(r.doc, "kind") }
func (r resource) name() string { return str(r.doc, "metadata", "name") }

// get follows keys (string) and indexes (int) through the document; nil when a step is missing.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func str(v any, path ...any) string {
	switch x := get(v, path...).(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func list(v any, path ...any) []any {
	l, _ := get(v, path...).([]any)
	return l
}

var docSeparator = regexp.MustCompile(`(?m)^---\s*$`)

func load(root string) ([]resource, error) {
	var out []resource
	for _, dir := range []string{"apps", "clusters", "infra"} {
		if _, err := os.Stat(filepath.Join(root, dir)); os.IsNotExist(err) && dir == "infra" {
			continue // a tree without the infrastructure layer: the failover check reports it
		}
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			for _, part := range docSeparator.Split(string(data), -1) {
				var doc map[string]any
				if err := yaml.Unmarshal([]byte(part), &doc); err != nil {
					return fmt.Errorf("%s: %v", rel, err)
				}
				if doc != nil {
					out = append(out, resource{filepath.ToSlash(rel), doc})
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

type tree struct {
	all      []resource
	problems []string
}

func (t *tree) fail(format string, args ...any) {
	t.problems = append(t.problems, fmt.Sprintf(format, args...))
}

// find returns the resources of a kind (and name, when given) in files under a prefix.
func (t *tree) find(prefix, kind, name string) []resource {
	var out []resource
	for _, r := range t.all {
		if strings.HasPrefix(r.file, prefix) && r.kind() == kind && (name == "" || r.name() == name) {
			out = append(out, r)
		}
	}
	return out
}

func (t *tree) one(prefix, kind, name string) (resource, bool) {
	found := t.find(prefix, kind, name)
	if len(found) != 1 {
		t.fail("%s: want exactly one %s %q, found %d", prefix, kind, name, len(found))
		return resource{}, false
	}
	return found[0], true
}

func (t *tree) equal(what, got, want string) {
	if got != want {
		t.fail("%s: %q, want %q", what, got, want)
	}
}

const dnsPrefix = "external-dns.kubernetes.io/"

func (t *tree) cluster(c string) {
	state, ok := t.one("clusters/"+c+"/", "ConfigMap", "cluster-state")
	if !ok {
		return
	}
	// Route 53 -> ALB: the weighted record and the health check name the public ALB's published name.
	public, okPublic := t.one("apps/edge/"+c+"/", "Ingress", "edge-public")
	internal, okInternal := t.one("apps/edge/"+c+"/", "Ingress", "edge-internal")
	publicHost := c + ".docs.example.com"
	internalHost := c + ".internal.docs.example.com"
	if okPublic {
		t.equal(public.file+": edge-public hostname", str(public.doc, "metadata", "annotations", dnsPrefix+"hostname"), publicHost)
		t.equal(public.file+": edge-public scheme", str(public.doc, "metadata", "annotations", "alb.ingress.kubernetes.io/scheme"), "internet-facing")
		t.equal(public.file+": edge-public Shield Advanced", str(public.doc, "metadata", "annotations", "alb.ingress.kubernetes.io/shield-advanced-protection"), "true")
		// ALB -> access logs: the bucket it names is the one infra/ declares, under the cluster's prefix,
		// and the bucket policy lets Elastic Load Balancing write there.
		attrs := map[string]string{}
		for _, kv := range strings.Split(str(public.doc, "metadata", "annotations", "alb.ingress.kubernetes.io/load-balancer-attributes"), ",") {
			if k, v, found := strings.Cut(strings.TrimSpace(kv), "="); found {
				attrs[k] = v
			}
		}
		if logs, ok := t.one("infra/aws/logs/", "Bucket", "alb-access-logs"); ok {
			t.equal(public.file+": access log bucket", attrs["access_logs.s3.bucket"], str(logs.doc, "spec", "name"))
			t.equal(public.file+": access log prefix", attrs["access_logs.s3.prefix"], c)
			grant := "arn:aws:s3:::" + str(logs.doc, "spec", "name") + "/" + c + "/AWSLogs/"
			if !strings.Contains(str(logs.doc, "spec", "policy"), grant) {
				t.fail("%s: the policy grants no log delivery under %s", logs.file, grant)
			}
		}
	}
	if okInternal {
		t.equal(internal.file+": edge-internal hostname", str(internal.doc, "metadata", "annotations", dnsPrefix+"hostname"), internalHost)
		t.equal(internal.file+": edge-internal scheme", str(internal.doc, "metadata", "annotations", "alb.ingress.kubernetes.io/scheme"), "internal")
	}
	if record, ok := t.one("apps/dns/"+c+"/", "RecordSet", "docproc-public-"+c); ok {
		t.equal(record.file+": set identifier", str(record.doc, "spec", "setIdentifier"), c)
		t.equal(record.file+": target", str(record.doc, "spec", "aliasTarget", "dnsName"), publicHost)
		t.equal(record.file+": target zone", str(record.doc, "spec", "aliasTarget", "hostedZoneID"), str(record.doc, "spec", "hostedZoneID"))
		t.equal(record.file+": weight (cluster-state)", str(record.doc, "spec", "weight"), str(state.doc, "data", "weight"))
		// docs.example.com -> the weighted pair: the failover primary aliases this record's full name.
		if primary, ok := t.one("infra/", "RecordSet", "docproc-public-primary"); ok {
			t.equal(primary.file+": failover primary alias of "+c+"'s weighted record", str(primary.doc, "spec", "aliasTarget", "dnsName"),
				t.fqdn(record))
		}
		hcName := str(record.doc, "spec", "healthCheckRef", "from", "name")
		if hc, ok := t.one("apps/dns/"+c+"/", "HealthCheck", hcName); ok {
			t.equal(hc.file+": health check FQDN", str(hc.doc, "spec", "healthCheckConfig", "fullyQualifiedDomainName"), publicHost)
			t.healthRouteServes(hc.file, publicHost, str(hc.doc, "spec", "healthCheckConfig", "resourcePath"))
		}
	}
	// The beta domain: only on the beta target, pointing at its internal ALB.
	beta := t.find("apps/dns/"+c+"/", "RecordSet", "docproc-beta")
	isBeta := str(state.doc, "data", "betaTarget") == "true"
	if isBeta != (len(beta) == 1) {
		t.fail("apps/dns/%s: beta record present=%v but cluster-state betaTarget=%v", c, len(beta) == 1, isBeta)
	}
	for _, b := range beta {
		t.equal(b.file+": beta target", str(b.doc, "spec", "resourceRecords", 0, "value"), internalHost)
	}
	// ALB -> WAF: both ALBs carry this cluster's web ACL.
	if acl, ok := t.one("apps/edge/"+c+"/", "WebACL", ""); ok {
		want := str(acl.doc, "spec", "name")
		for _, ing := range []resource{public, internal} {
			if name := str(ing.doc, "metadata", "annotations", "alb.ingress.kubernetes.io/wafv2-acl-name"); name != want {
				t.fail("%s: %s wafv2-acl-name %q does not name web ACL %q", ing.file, ing.name(), name, want)
			}
		}
		t.equal(acl.file+": web ACL name", str(acl.doc, "spec", "name"), "docproc-"+c)
	}
	// ExternalDNS: owner id = cluster, prefix = the one the Ingresses use.
	if app, ok := t.one("clusters/"+c+"/apps/", "Application", "external-dns"); ok {
		values := get(app.doc, "spec", "source", "helm", "valuesObject")
		t.equal(app.file+": txtOwnerId", str(values, "txtOwnerId"), c)
		found := false
		for _, a := range list(values, "extraArgs") {
			found = found || a == "--annotation-prefix="+dnsPrefix
		}
		if !found {
			t.fail("%s: ExternalDNS is not pinned to the annotation prefix %s", app.file, dnsPrefix)
		}
	}
	// The processor release state.
	if ro, ok := t.one("apps/processor/"+c+"/", "Rollout", "processor"); ok {
		sprint := str(state.doc, "data", "sprint")
		t.equal(ro.file+": gitops.dev/sprint", str(ro.doc, "spec", "template", "metadata", "labels", "gitops.dev/sprint"), sprint)
		image := str(ro.doc, "spec", "template", "spec", "containers", 0, "image")
		if !strings.Contains(image, ":"+sprint+".") {
			t.fail("%s: image %q is not a build of sprint %s", ro.file, image, sprint)
		}
		for _, route := range list(ro.doc, "spec", "strategy", "canary", "trafficRouting", "plugins", "argoproj-labs/gatewayAPI", "httpRoutes") {
			t.one("apps/kong/base/", "HTTPRoute", str(route, "name"))
		}
	}
	// Karpenter builds nodes for this cluster.
	if nc, ok := t.one("apps/karpenter/"+c+"/", "EC2NodeClass", "default"); ok {
		t.equal(nc.file+": subnet discovery", str(nc.doc, "spec", "subnetSelectorTerms", 0, "tags", "karpenter.sh/discovery"), "docproc-"+c)
	}
	if app, ok := t.one("clusters/"+c+"/apps/", "Application", "karpenter-controller"); ok {
		t.equal(app.file+": clusterName", str(app.doc, "spec", "source", "helm", "valuesObject", "settings", "clusterName"), "docproc-"+c)
	}
}

// healthRouteServes checks that a Kong HTTPRoute serves host+path to an existing Service port.
// fqdn is a record's full name as the ACK route53 controller builds it: spec.name, a dot and the domain
// of its hosted zone (the HostedZone adopting the record's hostedZoneID), or the domain alone.
func (t *tree) fqdn(record resource) string {
	id := str(record.doc, "spec", "hostedZoneID")
	domain := ""
	for _, z := range t.find("infra/", "HostedZone", "") {
		if strings.Contains(str(z.doc, "metadata", "annotations", "services.k8s.aws/adoption-fields"), `"`+id+`"`) {
			domain = str(z.doc, "spec", "name")
		}
	}
	if domain == "" {
		t.fail("%s: no HostedZone in infra/ adopts zone %q", record.file, id)
		return ""
	}
	if name := str(record.doc, "spec", "name"); name != "" {
		return name + "." + domain
	}
	return domain
}

// failover checks the public failover pair: both halves at the public name, the secondary an alias to
// the maintenance distribution's domain name as the outputs record it; the distribution serves the
// public name and reads the maintenance bucket, named like that name, through its REST endpoint.
func (t *tree) failover() {
	primary, okPrimary := t.one("infra/", "RecordSet", "docproc-public-primary")
	secondary, okSecondary := t.one("infra/", "RecordSet", "docproc-public-secondary")
	distribution, okDistribution := t.one("infra/aws/maintenance/", "Distribution", "maintenance")
	bucket, okBucket := t.one("infra/aws/maintenance/", "Bucket", "maintenance")
	outputs, okOutputs := t.one("clusters/even/", "ConfigMap", "aws-outputs")
	if !okPrimary || !okSecondary || !okDistribution || !okBucket || !okOutputs {
		return
	}
	name := t.fqdn(primary)
	t.equal(secondary.file+": failover secondary name", t.fqdn(secondary), name)
	t.equal(secondary.file+": failover secondary alias", str(secondary.doc, "spec", "aliasTarget", "dnsName"),
		str(outputs.doc, "data", "maintenanceDistributionDomainName"))
	t.equal(distribution.file+": maintenance distribution alias", str(distribution.doc, "spec", "distributionConfig", "aliases", "items", 0), name)
	t.equal(distribution.file+": maintenance distribution origin (the bucket's REST endpoint)",
		str(distribution.doc, "spec", "distributionConfig", "origins", "items", 0, "domainName"),
		str(bucket.doc, "spec", "name")+".s3.eu-west-1.amazonaws.com")
	t.equal(bucket.file+": maintenance bucket (named like the public name)", str(bucket.doc, "spec", "name"), name)
}

func (t *tree) healthRouteServes(file, host, path string) {
	for _, r := range t.find("apps/kong/base/", "HTTPRoute", "") {
		hostOK := false
		for _, h := range list(r.doc, "spec", "hostnames") {
			hostOK = hostOK || h == host
		}
		for _, rule := range list(r.doc, "spec", "rules") {
			for _, m := range list(rule, "matches") {
				if hostOK && str(m, "path", "value") == path {
					return
				}
			}
		}
	}
	t.fail("%s: no HTTPRoute serves %s%s", file, host, path)
}

func (t *tree) shared() {
	services := map[string]bool{}
	for _, s := range t.find("apps/processor/base/", "Service", "") {
		for _, p := range list(s.doc, "spec", "ports") {
			services[s.name()+":"+str(p, "port")] = true
		}
	}
	// Kong -> processor: every backend is a processor Service port.
	for _, r := range t.find("apps/kong/base/", "HTTPRoute", "") {
		for _, rule := range list(r.doc, "spec", "rules") {
			for _, b := range list(rule, "backendRefs") {
				if key := str(b, "name") + ":" + str(b, "port"); !services[key] {
					t.fail("%s: HTTPRoute %s backend %s is no Service port in apps/processor/base", r.file, r.name(), key)
				}
			}
		}
	}
	// Processor -> RabbitMQ: queue settings match the declared topology.
	cm, okCM := t.one("apps/processor/base/", "ConfigMap", "processor")
	if !okCM {
		return
	}
	workName := str(cm.doc, "data", "PROCESSOR_QUEUE_PREFIX") + ".work"
	queues := map[string]resource{}
	for _, q := range t.find("apps/rabbitmq/base/", "Queue", "") {
		queues[str(q.doc, "spec", "name")] = q
	}
	if work, ok := queues[workName]; !ok {
		t.fail("apps/rabbitmq/base: no Queue %s for PROCESSOR_QUEUE_PREFIX", workName)
	} else {
		t.equal(work.file+": x-delivery-limit vs PROCESSOR_DELIVERY_LIMIT", str(work.doc, "spec", "arguments", "x-delivery-limit"), str(cm.doc, "data", "PROCESSOR_DELIVERY_LIMIT"))
		t.equal(work.file+": x-max-length vs PROCESSOR_QUEUE_MAX_LENGTH", str(work.doc, "spec", "arguments", "x-max-length"), str(cm.doc, "data", "PROCESSOR_QUEUE_MAX_LENGTH"))
		t.equal(work.file+": queue type", str(work.doc, "spec", "type"), "quorum")
		dlx := str(work.doc, "spec", "arguments", "x-dead-letter-exchange")
		parked := false
		for _, b := range t.find("apps/rabbitmq/base/", "Binding", "") {
			parked = parked || (str(b.doc, "spec", "source") == dlx && strings.HasSuffix(str(b.doc, "spec", "destination"), ".parked"))
		}
		if !parked {
			t.fail("%s: the dead-letter exchange %q routes to no parked queue", work.file, dlx)
		}
	}
	for _, c := range []string{"even", "odd"} {
		for _, so := range t.find("apps/processor/"+c+"/", "ScaledObject", "") {
			for _, trig := range list(so.doc, "spec", "triggers") {
				if str(trig, "type") == "rabbitmq" {
					t.equal(so.file+": KEDA queueName", str(trig, "metadata", "queueName"), workName)
				}
			}
		}
	}
	// Processor -> S3: the bucket and key it writes with are the ones the storage tree declares.
	if bucket, ok := t.one("apps/storage/", "Bucket", "documents"); ok {
		t.equal(cm.file+": PROCESSOR_S3_BUCKET", str(cm.doc, "data", "PROCESSOR_S3_BUCKET"), str(bucket.doc, "spec", "name"))
		t.equal(cm.file+": PROCESSOR_S3_SSE_KMS_KEY_ID", str(cm.doc, "data", "PROCESSOR_S3_SSE_KMS_KEY_ID"),
			str(bucket.doc, "spec", "encryption", "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyID"))
		classes := []string{}
		for _, tr := range list(bucket.doc, "spec", "lifecycle", "rules", 0, "transitions") {
			classes = append(classes, str(tr, "storageClass"))
		}
		t.equal(bucket.file+": lifecycle", strings.Join(classes, ","), "GLACIER,DEEP_ARCHIVE")
		dest := str(bucket.doc, "spec", "replication", "rules", 0, "destination", "bucket")
		if backup, ok := t.one("apps/storage/", "Bucket", "documents-backup"); ok {
			t.equal(bucket.file+": replication destination", dest, "arn:aws:s3:::"+str(backup.doc, "spec", "name"))
		}
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: tree-wiring REPOSITORY-ROOT")
		os.Exit(2)
	}
	all, err := load(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	t := &tree{all: all}
	t.cluster("even")
	t.cluster("odd")
	t.failover()
	t.shared()
	if len(t.problems) > 0 {
		sort.Strings(t.problems)
		for _, p := range t.problems {
			fmt.Fprintln(os.Stderr, p)
		}
		os.Exit(1)
	}
	fmt.Printf("tree wiring: %d resources, both clusters wired from Route 53 to the processor and to S3\n", len(all))
}
