# METADATA
# description: |
#   Every Namespace declared in the tree has a default-deny NetworkPolicy and a Pod Security
#   Admission enforce label.
package gitops.availability.namespaces

import data.gitops.lib.kubernetes as k8s

# Namespaces that have a NetworkPolicy selecting every pod and allowing no ingress.
default_deny_namespaces contains r.namespace if {
	some r in k8s.resources
	r.kind == "NetworkPolicy"
	count(object.get(r.content, ["spec", "podSelector"], {})) == 0
	"Ingress" in policy_types(r.content.spec)
	count(object.get(r.content, ["spec", "ingress"], [])) == 0
}

policy_types(spec) := spec.policyTypes if is_array(spec.policyTypes)

policy_types(spec) := ["Ingress"] if not spec.policyTypes

namespaces := [r | some r in k8s.resources; r.kind == "Namespace"]

deny contains k8s.finding("AVAIL003", msg, r, ["metadata", "name"]) if {
	some r in namespaces
	not r.name in default_deny_namespaces
	msg := sprintf("namespace %s has no default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress], no ingress rules)", [r.name])
}

pss_label := "pod-security.kubernetes.io/enforce"

pss_levels := {"restricted", "baseline", "privileged"}

deny contains k8s.finding("AVAIL004", msg, r, ["metadata", "labels"]) if {
	some r in namespaces
	not object.get(r.content, ["metadata", "labels", pss_label], null) in pss_levels
	msg := sprintf("namespace %s has no %s label (restricted, baseline or privileged)", [r.name, pss_label])
}

warn contains k8s.finding("AVAIL004", msg, r, ["metadata", "labels", pss_label]) if {
	some r in namespaces
	object.get(r.content, ["metadata", "labels", pss_label], null) == "privileged"
	msg := sprintf("namespace %s enforces the privileged Pod Security level: say why with a waiver", [r.name])
}
