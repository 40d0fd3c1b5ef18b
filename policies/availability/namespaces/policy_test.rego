package gitops.availability.namespaces_test

import data.gitops.availability.namespaces

ns(name, labels) := {"id": 0, "file": "ns.yaml", "apiVersion": "v1", "kind": "Namespace", "namespace": null, "name": name, "content": {"metadata": {"name": name, "labels": labels}}}

netpol(namespace, spec) := {"id": 1, "file": "np.yaml", "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "namespace": namespace, "name": "default-deny", "content": {"spec": spec}}

restricted := {"pod-security.kubernetes.io/enforce": "restricted"}

denied_rules(resources) := {v.rule | some v in namespaces.deny with input as {"resources": resources}}

test_namespace_with_default_deny_and_label if {
	count(denied_rules([ns("web", restricted), netpol("web", {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]})])) == 0
	count(denied_rules([ns("web", restricted), netpol("web", {"podSelector": {}})])) == 0
}

test_avail003_missing_or_not_default_deny if {
	denied_rules([ns("web", restricted)]).AVAIL003
	denied_rules([ns("web", restricted), netpol("other", {"podSelector": {}})]).AVAIL003
	denied_rules([ns("web", restricted), netpol("web", {"podSelector": {"matchLabels": {"app": "x"}}})]).AVAIL003
	denied_rules([ns("web", restricted), netpol("web", {"podSelector": {}, "ingress": [{}]})]).AVAIL003
	denied_rules([ns("web", restricted), netpol("web", {"podSelector": {}, "policyTypes": ["Egress"]})]).AVAIL003
}

test_avail004_pod_security_label if {
	denied_rules([ns("web", {}), netpol("web", {"podSelector": {}})]).AVAIL004
	denied_rules([ns("web", {"pod-security.kubernetes.io/enforce": "strict"}), netpol("web", {"podSelector": {}})]).AVAIL004
}

test_avail004_privileged_warns if {
	count(denied_rules([ns("kube-node", {"pod-security.kubernetes.io/enforce": "privileged"}), netpol("kube-node", {"podSelector": {}})])) == 0
	some v in namespaces.warn with input as {"resources": [ns("kube-node", {"pod-security.kubernetes.io/enforce": "privileged"})]}
	v.rule == "AVAIL004"
}
