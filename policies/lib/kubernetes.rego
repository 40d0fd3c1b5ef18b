# METADATA
# description: |
#   Helpers shared by every policy: the resources under evaluation, their workloads and
#   containers, and the violation object the validator maps back to file:line:column.
package gitops.lib.kubernetes

# The resources under evaluation, each {id, file, apiVersion, kind, namespace, name, content}.
# The validator sends them all at once in input.resources. conftest sends one document per
# query, or with --combine a list of {path, contents}; both are accepted so the same policies
# run under either.
resources := input.resources if {
	is_array(input.resources)
} else := [wrap("", input)] if {
	is_object(input)
	is_string(input.kind)
} else := [wrap(f.path, doc) |
	some f in input
	some doc in documents(f.contents)
] if {
	is_array(input)
} else := []

documents(contents) := contents if is_array(contents)

documents(contents) := [contents] if is_object(contents)

wrap(file, doc) := {
	"file": file,
	"apiVersion": object.get(doc, "apiVersion", ""),
	"kind": object.get(doc, "kind", ""),
	"namespace": object.get(doc, ["metadata", "namespace"], null),
	"name": object.get(doc, ["metadata", "name"], null),
	"content": doc,
}

# Where the pod template's spec sits, by kind.
pod_spec_path := {
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"Rollout": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
	"Pod": ["spec"],
}

# Workloads: every resource that carries a pod spec, with the path of that spec.
# A Rollout that uses workloadRef has no template of its own and is not a workload here.
workloads := [w |
	some r in resources
	path := pod_spec_path[r.kind]
	spec := object.get(r.content, path, null)
	is_object(spec)
	w := {"resource": r, "spec": spec, "path": path}
]

# Every container of every workload (init and ephemeral ones too), with its path.
containers := [c |
	some w in workloads
	some field in ["initContainers", "containers", "ephemeralContainers"]
	some i, container in object.get(w.spec, field, [])
	c := {
		"resource": w.resource,
		"workload": w,
		"container": container,
		"field": field,
		"path": array.concat(w.path, [field, i]),
	}
]

# The violation object of the policy contract. `path` is the list of segments of the offending
# field (keys and indexes), or [] for the whole resource.
finding(rule, msg, r, path) := {
	"rule": rule,
	"msg": msg,
	"resource": {
		"apiVersion": r.apiVersion,
		"kind": r.kind,
		"namespace": r.namespace,
		"name": r.name,
		"file": r.file,
		"id": object.get(r, "id", null),
	},
	"path": path,
}

# Display name of a resource, Kind/namespace/name.
display(r) := sprintf("%s/%s/%s", [r.kind, r.namespace, r.name]) if is_string(r.namespace)

display(r) := sprintf("%s/%s", [r.kind, r.name]) if not is_string(r.namespace)

# Number of replicas a workload asks for (1 when unset, as Kubernetes defaults it).
replicas(r) := object.get(r.content, ["spec", "replicas"], 1)
