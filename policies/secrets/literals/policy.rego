# METADATA
# description: |
#   No credentials in Git: no Secret with literal data, no credential-looking literal in a
#   container's env or in a ConfigMap. Secrets come from External Secrets (or Sealed Secrets).
package gitops.secrets.literals

import data.gitops.lib.kubernetes as k8s

markers := data.settings.secrets.credential_key_markers

deny contains k8s.finding("SECRET001", msg, r, [field]) if {
	some r in k8s.resources
	r.kind == "Secret"
	some field in ["data", "stringData"]
	count(object.get(r.content, field, {})) > 0
	msg := sprintf("%s commits literal %s: declare an ExternalSecret (or a SealedSecret) instead", [k8s.display(r), field])
}

deny contains k8s.finding("SECRET002", msg, c.resource, array.concat(c.path, ["env", i, "value"])) if {
	some c in k8s.containers
	some i, env in object.get(c.container, "env", [])
	credential_name(env.name)
	literal(env.value)
	msg := sprintf("env %s of container %q (%s) holds a literal credential: use valueFrom.secretKeyRef", [env.name, c.container.name, k8s.display(c.resource)])
}

deny contains k8s.finding("SECRET003", msg, r, ["data", key]) if {
	some r in k8s.resources
	r.kind == "ConfigMap"
	some key, value in object.get(r.content, "data", {})
	credential_name(key)
	literal(value)
	msg := sprintf("ConfigMap key %s of %s looks like a credential: keep it in a Secret managed by External Secrets", [key, k8s.display(r)])
}

# Names that say where a credential is, rather than what it is, are fine.
reference_suffixes := ["_file", "_path", "_name", "_ref", "-file", "-path", "-name", "-ref", ".file", ".path"]

credential_name(name) if {
	lower_name := lower(name)
	some marker in markers
	contains(lower_name, marker)
	not reference_name(lower_name)
}

reference_name(lower_name) if {
	some suffix in reference_suffixes
	endswith(lower_name, suffix)
}

# A literal value: a non-empty string that is not a path to a mounted file.
literal(value) if {
	is_string(value)
	value != ""
	not startswith(value, "/")
}
