# METADATA
# description: |
#   Argo CD Applications (and the Applications an ApplicationSet generates) sync automatically,
#   prune what was removed from Git and undo drift (selfHeal).
package gitops.argocd.sync

import data.gitops.lib.kubernetes as k8s

# Where the Application spec sits, by kind.
application_spec_path := {
	"Application": ["spec"],
	"ApplicationSet": ["spec", "template", "spec"],
}

applications := [a |
	some r in k8s.resources
	startswith(r.apiVersion, "argoproj.io/")
	path := application_spec_path[r.kind]
	a := {"resource": r, "path": path, "spec": object.get(r.content, path, {})}
]

automated_path(a) := array.concat(a.path, ["syncPolicy", "automated"])

deny contains k8s.finding("ARGOCD101", msg, a.resource, automated_path(a)) if {
	some a in applications
	not auto_syncs(a.spec)
	msg := sprintf("%s does not sync automatically: set syncPolicy.automated", [k8s.display(a.resource)])
}

# automated.enabled defaults to true (Argo CD 3.x) when automated is present.
auto_syncs(spec) if {
	automated := spec.syncPolicy.automated
	is_object(automated)
	object.get(automated, "enabled", true) == true
}

deny contains k8s.finding(rule, msg, a.resource, array.concat(automated_path(a), [field])) if {
	some a in applications
	auto_syncs(a.spec)
	some [rule, field] in [["ARGOCD102", "prune"], ["ARGOCD103", "selfHeal"]]
	not a.spec.syncPolicy.automated[field] == true
	msg := sprintf("%s must set syncPolicy.automated.%s: true", [k8s.display(a.resource), field])
}
