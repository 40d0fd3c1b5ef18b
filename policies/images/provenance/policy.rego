# METADATA
# description: |
#   Images come from the allowed registries (data.settings.images.allowed_registries) and are
#   pinned: by digest, or by an immutable version tag; never latest, never untagged.
package gitops.images.provenance

import data.gitops.lib.kubernetes as k8s

allowed_registries := data.settings.images.allowed_registries

images := [[c, image] |
	some c in k8s.containers
	image := c.container.image
	is_string(image)
]

deny contains k8s.finding("IMG001", msg, c.resource, array.concat(c.path, ["image"])) if {
	some [c, image] in images
	not from_allowed_registry(image)
	msg := sprintf("image %q of container %q (%s) is not from an allowed registry (%s)", [image, c.container.name, k8s.display(c.resource), concat(", ", allowed_registries)])
}

from_allowed_registry(image) if {
	some prefix in allowed_registries
	startswith(image, prefix)
}

deny contains k8s.finding("IMG002", msg, c.resource, array.concat(c.path, ["image"])) if {
	some [c, image] in images
	not has_digest(image)
	tag := tag_of(image)
	tag in {"", "latest"}
	msg := sprintf("image %q of container %q (%s) is %s: pin a version tag or a digest", [image, c.container.name, k8s.display(c.resource), describe(tag)])
}

deny contains k8s.finding("IMG003", msg, c.resource, array.concat(c.path, ["image"])) if {
	some [c, image] in images
	not has_digest(image)
	tag := tag_of(image)
	not tag in {"", "latest"}
	not regex.match(version_tag, tag)
	msg := sprintf("image %q of container %q (%s) uses the mutable tag %q: use a version tag (1.2.3) or a digest", [image, c.container.name, k8s.display(c.resource), tag])
}

# MAJOR.MINOR at least, optional v prefix and suffix: 1.27, v1.34.1, 3.13.7-management, 2.0.1-r0.
version_tag := `^v?[0-9]+(\.[0-9]+){1,3}([-+_.][0-9A-Za-z]+)*$`

has_digest(image) if contains(image, "@sha256:")

# The tag: what follows the last ":" after the last "/" (a registry port is not a tag).
tag_of(image) := tag if {
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	tag := substring(last, indexof(last, ":") + 1, -1)
}

tag_of(image) := "" if {
	parts := split(image, "/")
	not contains(parts[count(parts) - 1], ":")
}

describe("") := "untagged (latest)"

describe("latest") := "tagged latest"
