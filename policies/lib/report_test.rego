package validator_test

import data.validator

test_report_gathers_every_policy if {
	pod := {"id": 0, "file": "p.yaml", "apiVersion": "v1", "kind": "Pod", "namespace": "ns", "name": "p", "content": {"spec": {"containers": [{"name": "c", "image": "nginx"}]}}}
	ns := {"id": 1, "file": "n.yaml", "apiVersion": "v1", "kind": "Namespace", "namespace": null, "name": "x", "content": {"metadata": {"name": "x", "labels": {"pod-security.kubernetes.io/enforce": "privileged"}}}}
	report := validator.report with input as {"resources": [pod, ns]}
	levels := {[e.level, e.policy, e.violation.rule] | some e in report}
	["deny", "security.baseline", "SEC001"] in levels
	["deny", "images.provenance", "IMG002"] in levels
	["deny", "availability.namespaces", "AVAIL003"] in levels
	["warn", "availability.namespaces", "AVAIL004"] in levels
}
