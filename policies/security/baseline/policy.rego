# METADATA
# description: |
#   Security baseline for every workload (Deployment, StatefulSet, DaemonSet, Job, CronJob,
#   Argo Rollout, Pod): non-root, unprivileged, read-only root, no capabilities, seccomp,
#   no host namespaces or host paths, no service account token unless asked for.
package gitops.security.baseline

import data.gitops.lib.kubernetes as k8s

security_context(c) := object.get(c.container, "securityContext", {})

pod_security_context(c) := object.get(c.workload.spec, "securityContext", {})

sc_path(c, field) := array.concat(c.path, ["securityContext", field])

deny contains k8s.finding("SEC001", msg, c.resource, sc_path(c, "runAsNonRoot")) if {
	some c in k8s.containers
	not runs_as_non_root(c)
	msg := sprintf("container %q of %s may run as root: set securityContext.runAsNonRoot: true", [c.container.name, k8s.display(c.resource)])
}

runs_as_non_root(c) if security_context(c).runAsNonRoot == true

runs_as_non_root(c) if {
	not has_key(security_context(c), "runAsNonRoot")
	pod_security_context(c).runAsNonRoot == true
}

deny contains k8s.finding("SEC002", msg, c.resource, sc_path(c, "privileged")) if {
	some c in k8s.containers
	security_context(c).privileged == true
	msg := sprintf("container %q of %s is privileged", [c.container.name, k8s.display(c.resource)])
}

deny contains k8s.finding("SEC003", msg, c.resource, sc_path(c, "allowPrivilegeEscalation")) if {
	some c in k8s.containers
	not security_context(c).allowPrivilegeEscalation == false
	msg := sprintf("container %q of %s must set securityContext.allowPrivilegeEscalation: false", [c.container.name, k8s.display(c.resource)])
}

deny contains k8s.finding("SEC004", msg, c.resource, sc_path(c, "readOnlyRootFilesystem")) if {
	some c in k8s.containers
	not security_context(c).readOnlyRootFilesystem == true
	msg := sprintf("container %q of %s must set securityContext.readOnlyRootFilesystem: true (mount an emptyDir for scratch space)", [c.container.name, k8s.display(c.resource)])
}

deny contains k8s.finding("SEC005", msg, c.resource, array.concat(sc_path(c, "capabilities"), ["drop"])) if {
	some c in k8s.containers
	not drops_all(c)
	msg := sprintf("container %q of %s must drop all capabilities: securityContext.capabilities.drop: [ALL]", [c.container.name, k8s.display(c.resource)])
}

# Only NET_BIND_SERVICE may be added back.
deny contains k8s.finding("SEC005", msg, c.resource, array.concat(sc_path(c, "capabilities"), ["add", i])) if {
	some c in k8s.containers
	some i, cap in object.get(security_context(c), ["capabilities", "add"], [])
	cap != "NET_BIND_SERVICE"
	msg := sprintf("container %q of %s adds capability %s; only NET_BIND_SERVICE may be added", [c.container.name, k8s.display(c.resource), cap])
}

drops_all(c) if "ALL" in object.get(security_context(c), ["capabilities", "drop"], [])

allowed_seccomp := {"RuntimeDefault", "Localhost"}

deny contains k8s.finding("SEC006", msg, c.resource, array.concat(sc_path(c, "seccompProfile"), ["type"])) if {
	some c in k8s.containers
	not seccomp_confined(c)
	msg := sprintf("container %q of %s must run with seccompProfile.type RuntimeDefault (pod or container securityContext)", [c.container.name, k8s.display(c.resource)])
}

seccomp_confined(c) if security_context(c).seccompProfile.type in allowed_seccomp

seccomp_confined(c) if {
	not has_key(security_context(c), "seccompProfile")
	pod_security_context(c).seccompProfile.type in allowed_seccomp
}

deny contains k8s.finding("SEC007", msg, w.resource, array.concat(w.path, [field])) if {
	some w in k8s.workloads
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	w.spec[field] == true
	msg := sprintf("%s shares the node's namespaces: %s must not be true", [k8s.display(w.resource), field])
}

deny contains k8s.finding("SEC008", msg, w.resource, array.concat(w.path, ["volumes", i, "hostPath"])) if {
	some w in k8s.workloads
	some i, volume in object.get(w.spec, "volumes", [])
	has_key(volume, "hostPath")
	msg := sprintf("volume %q of %s mounts a path of the node (hostPath)", [volume.name, k8s.display(w.resource)])
}

deny contains k8s.finding("SEC009", msg, w.resource, array.concat(w.path, ["automountServiceAccountToken"])) if {
	some w in k8s.workloads
	not has_key(w.spec, "automountServiceAccountToken")
	msg := sprintf("%s must set automountServiceAccountToken: false (or true, explicitly, when it calls the Kubernetes API)", [k8s.display(w.resource)])
}

has_key(obj, key) if _ = obj[key]
