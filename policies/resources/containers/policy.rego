# METADATA
# description: |
#   Every container asks for CPU and memory and caps its memory; containers that serve traffic
#   (they declare ports) have readiness and liveness probes; a JVM without a CPU limit is told how
#   many processors it has.
package gitops.resources.containers

import data.gitops.lib.kubernetes as k8s

resources_path(c) := array.concat(c.path, ["resources"])

deny contains k8s.finding("RES001", msg, c.resource, array.concat(resources_path(c), ["requests", resource])) if {
	some c in k8s.containers
	c.field != "ephemeralContainers"
	some resource in ["cpu", "memory"]
	not has_value(object.get(c.container, ["resources", "requests", resource], null))
	msg := sprintf("container %q of %s has no %s request", [c.container.name, k8s.display(c.resource), resource])
}

deny contains k8s.finding("RES002", msg, c.resource, array.concat(resources_path(c), ["limits", "memory"])) if {
	some c in k8s.containers
	c.field != "ephemeralContainers"
	not has_value(object.get(c.container, ["resources", "limits", "memory"], null))
	msg := sprintf("container %q of %s has no memory limit", [c.container.name, k8s.display(c.resource)])
}

# Jobs run to completion: they serve nothing, whatever ports they declare.
batch_kinds := {"Job", "CronJob"}

serving(c) if {
	c.field == "containers"
	not c.resource.kind in batch_kinds
	count(object.get(c.container, "ports", [])) > 0
}

deny contains k8s.finding("RES003", msg, c.resource, array.concat(c.path, ["readinessProbe"])) if {
	some c in k8s.containers
	serving(c)
	not c.container.readinessProbe
	msg := sprintf("container %q of %s serves ports but has no readinessProbe", [c.container.name, k8s.display(c.resource)])
}

deny contains k8s.finding("RES004", msg, c.resource, array.concat(c.path, ["livenessProbe"])) if {
	some c in k8s.containers
	serving(c)
	not c.container.livenessProbe
	msg := sprintf("container %q of %s serves ports but has no livenessProbe", [c.container.name, k8s.display(c.resource)])
}

has_value(v) if is_string(v)

has_value(v) if is_number(v)

# RES005: a JVM in a container without a CPU limit sizes itself from the node. Since JDK 19 the JVM no
# longer derives its processor count from CPU shares (the request; JDK-8281181), only from a CPU quota
# (the limit), so Runtime.availableProcessors(), the GC and ForkJoin pools and every worker count an
# application derives from them follow the node's vCPUs. A JVM container is recognised by
# JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS in its environment (env or envFrom), a `java` command, or an
# image repository listed in data.yaml (settings.jvm.images).
jvm_option_vars := ["JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"]

deny contains k8s.finding("RES005", msg, c.resource, array.concat(resources_path(c), ["limits", "cpu"])) if {
	some c in k8s.containers
	c.field != "ephemeralContainers"
	jvm(c)
	not has_value(object.get(c.container, ["resources", "limits", "cpu"], null))
	not active_processor_count(c)
	not explicit_concurrency(c)
	msg := sprintf(
		"container %q of %s runs a JVM without a CPU limit and without -XX:ActiveProcessorCount: since JDK 19 the JVM ignores the CPU request (JDK-8281181) and sizes its thread pools, and Runtime.availableProcessors(), from every vCPU of the node; set -XX:ActiveProcessorCount=<CPU request rounded up> in JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS, or the application's concurrency (%s)",
		[c.container.name, k8s.display(c.resource), concat(", ", concurrency_settings)],
	)
}

default concurrency_settings := []

concurrency_settings := data.settings.jvm.concurrency_settings

default jvm_images := []

jvm_images := data.settings.jvm.images

jvm(c) if {
	some name in jvm_option_vars
	count(env_values(c, name)) > 0
}

jvm(c) if {
	some word in array.concat(object.get(c.container, "command", []), object.get(c.container, "args", []))
	regex.match(`^(\S*/)?java$`, word)
}

jvm(c) if image_repository(object.get(c.container, "image", "")) in jvm_images

# The image without digest and tag.
image_repository(image) := regex.replace(regex.replace(image, `@.*$`, ""), `:[^/:]*$`, "")

active_processor_count(c) if {
	options := array.concat(
		[v | some name in jvm_option_vars; some v in env_values(c, name)],
		array.concat(object.get(c.container, "command", []), object.get(c.container, "args", [])),
	)
	some text in options
	regex.match(`(^|\s)-XX:ActiveProcessorCount=[1-9][0-9]*(\s|$)`, text)
}

explicit_concurrency(c) if {
	some name in concurrency_settings
	count(env_values(c, name)) > 0
}

# The values the container's environment gives a variable: its own env entry wins over envFrom (the
# ConfigMaps of the run, in the workload's namespace, with their prefix).
env_values(c, name) := {v |
	some e in object.get(c.container, "env", [])
	e.name == name
	some v in env_entry_values(c, e)
} if {
	some e in object.get(c.container, "env", [])
	e.name == name
} else := {v |
	some ref in object.get(c.container, "envFrom", [])
	prefix := object.get(ref, "prefix", "")
	startswith(name, prefix)
	v := config_map_data(c.resource, object.get(ref, ["configMapRef", "name"], null))[substring(name, count(prefix), -1)]
}

env_entry_values(_, e) := {e.value} if is_string(e.value)

env_entry_values(c, e) := {v |
	ref := e.valueFrom.configMapKeyRef
	v := config_map_data(c.resource, ref.name)[ref.key]
} if not is_string(object.get(e, "value", null))

config_map_data(workload, name) := object.union_n([object.get(r.content, "data", {}) |
	some r in k8s.resources
	r.kind == "ConfigMap"
	r.name == name
	same_namespace(r, workload)
])

same_namespace(a, b) if a.namespace == b.namespace

same_namespace(a, _) if a.namespace == null

same_namespace(_, b) if b.namespace == null
