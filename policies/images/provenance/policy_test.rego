package gitops.images.provenance_test

import data.gitops.images.provenance

registries := ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/", "registry.k8s.io/"]

rules(image) := {v.rule |
	r := {"id": 0, "file": "p.yaml", "apiVersion": "v1", "kind": "Pod", "namespace": "ns", "name": "p", "content": {"spec": {"containers": [{"name": "c", "image": image}]}}}
	some v in provenance.deny with input as {"resources": [r]} with data.settings.images.allowed_registries as registries
}

test_pinned_version_from_ecr if {
	count(rules("111122223333.dkr.ecr.eu-west-1.amazonaws.com/docproc/processor:1.4.2")) == 0
	count(rules("registry.k8s.io/pause:3.10")) == 0
	count(rules("registry.k8s.io/kubectl:v1.34.1-debian")) == 0
}

test_pinned_by_digest if {
	count(rules("registry.k8s.io/pause@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a")) == 0
	count(rules("registry.k8s.io/pause:latest@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a")) == 0
}

test_img001_unknown_registry if {
	rules("docker.io/library/nginx:1.27.3").IMG001
	rules("nginx:1.27.3").IMG001
}

test_img002_latest_and_untagged if {
	rules("registry.k8s.io/pause:latest").IMG002
	rules("registry.k8s.io/pause").IMG002
}

test_img003_mutable_tag if {
	rules("registry.k8s.io/pause:stable").IMG003
	rules("registry.k8s.io/pause:3").IMG003
	not rules("registry.k8s.io/pause:latest").IMG003
}

test_registry_port_is_not_a_tag if {
	rules("localhost:5000/pause").IMG002
}

test_default_settings_are_loaded if {
	count(provenance.allowed_registries) > 0
}
