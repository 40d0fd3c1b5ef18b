# METADATA
# description: |
#   Every container asks for CPU and memory and caps its memory; containers that serve traffic
#   (they declare ports) have readiness and liveness probes.
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
