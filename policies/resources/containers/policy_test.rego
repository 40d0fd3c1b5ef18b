package gitops.resources.containers_test

import data.gitops.resources.containers

good := {
	"name": "api",
	"ports": [{"containerPort": 8080}],
	"resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "256Mi"}},
	"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
	"livenessProbe": {"httpGet": {"path": "/live", "port": 8080}},
}

workload(kind, c) := {
	"id": 0, "file": "w.yaml", "apiVersion": "apps/v1", "kind": kind, "namespace": "ns", "name": "w",
	"content": {"spec": {"template": {"spec": {"containers": [c]}}}},
}

rules(kind, c) := {v.rule | some v in containers.deny with input as {"resources": [workload(kind, c)]}}

test_compliant if {
	count(rules("Deployment", good)) == 0
}

test_res001_requests if {
	rules("Deployment", json.remove(good, ["resources/requests/cpu"])).RES001
	rules("StatefulSet", json.remove(good, ["resources/requests"])).RES001
	not rules("Deployment", json.patch(good, [{"op": "replace", "path": "/resources/requests/cpu", "value": 1}])).RES001
}

test_res002_memory_limit if {
	rules("Deployment", json.remove(good, ["resources/limits"])).RES002
}

test_res003_res004_probes_on_serving_containers if {
	r := rules("Rollout", json.remove(good, ["readinessProbe", "livenessProbe"]))
	r.RES003
	r.RES004
}

test_no_probes_needed_without_ports_or_for_jobs if {
	count(rules("Deployment", json.remove(good, ["readinessProbe", "livenessProbe", "ports"]))) == 0
	count(rules("Job", json.remove(good, ["readinessProbe", "livenessProbe"]))) == 0
}

jvm := object.union(good, {"env": [{"name": "JAVA_TOOL_OPTIONS", "value": "-XX:MaxRAMPercentage=70"}]})

with_options(options) := json.patch(jvm, [{"op": "replace", "path": "/env/0/value", "value": options}])

res005(resources) if {
	some v in containers.deny with input as {"resources": resources}
		with data.settings as {"jvm": {"images": ["example.com/app"], "concurrency_settings": ["APP_WORKERS"]}}
	v.rule == "RES005"
}

test_res005_jvm_without_cpu_limit_or_processor_count if {
	res005([workload("Deployment", jvm)])
	res005([workload("Rollout", with_options("-Xss1m -XX:ActiveProcessorCount=0"))])
	res005([workload("Deployment", object.union(good, {"command": ["/opt/java/bin/java", "-jar", "app.jar"]}))])
	res005([workload("Deployment", object.union(good, {"image": "example.com/app:1.2@sha256:00"}))])
}

test_res005_satisfied if {
	not res005([workload("Deployment", with_options("-XX:MaxRAMPercentage=70 -XX:ActiveProcessorCount=2"))])
	not res005([workload("Deployment", json.patch(jvm, [{"op": "add", "path": "/resources/limits/cpu", "value": "2"}]))])
	not res005([workload("Deployment", object.union(good, {"args": ["java", "-XX:ActiveProcessorCount=4", "-jar", "a.jar"]}))])
	not res005([workload("Deployment", json.patch(jvm, [{"op": "add", "path": "/env/-", "value": {"name": "APP_WORKERS", "value": "2"}}]))])
	not res005([workload("Deployment", good)])
	not res005([workload("Deployment", object.union(good, {"image": "example.com/app-sidecar:1"}))])
}

config_map(data_) := {"id": 1, "file": "cm.yaml", "apiVersion": "v1", "kind": "ConfigMap", "namespace": "ns", "name": "app", "content": {"data": data_}}

test_res005_options_from_config_maps if {
	from := object.union(good, {"envFrom": [{"configMapRef": {"name": "app"}}]})
	res005([workload("Deployment", from), config_map({"JAVA_TOOL_OPTIONS": "-Xmx1g"})])
	not res005([workload("Deployment", from), config_map({"JAVA_TOOL_OPTIONS": "-XX:ActiveProcessorCount=2"})])
	not res005([workload("Deployment", from), config_map({"APP_WORKERS": "2", "JDK_JAVA_OPTIONS": "-Xmx1g"})])

	# the container's own env entry replaces the ConfigMap's value
	overridden := object.union(from, {"env": [{"name": "JAVA_TOOL_OPTIONS", "value": "-Xmx1g"}]})
	res005([workload("Deployment", overridden), config_map({"JAVA_TOOL_OPTIONS": "-XX:ActiveProcessorCount=2"})])

	# envFrom with a prefix, and a single key by configMapKeyRef
	prefixed := object.union(good, {"envFrom": [{"prefix": "JDK_", "configMapRef": {"name": "app"}}]})
	not res005([workload("Deployment", prefixed), config_map({"JAVA_OPTIONS": "-XX:ActiveProcessorCount=1"})])
	by_key := object.union(good, {"env": [{"name": "JAVA_TOOL_OPTIONS", "valueFrom": {"configMapKeyRef": {"name": "app", "key": "jvm"}}}]})
	res005([workload("Deployment", by_key), config_map({"jvm": "-Xmx1g"})])
	not res005([workload("Deployment", by_key), config_map({"jvm": "-XX:ActiveProcessorCount=1"})])
}
