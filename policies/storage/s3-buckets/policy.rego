# METADATA
# description: |
#   S3 buckets declared as ACK Bucket resources (s3.services.k8s.aws) are encrypted with KMS,
#   versioned, closed to the public, archived to Glacier by lifecycle rules that S3 accepts, and
#   replicated for an offsite backup.
package gitops.storage.s3_buckets

import data.gitops.lib.kubernetes as k8s

buckets := [r |
	some r in k8s.resources
	r.kind == "Bucket"
	startswith(r.apiVersion, "s3.services.k8s.aws/")
]

spec(b) := object.get(b.content, "spec", {})

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# STORAGE001: default encryption with a KMS key and an S3 Bucket Key.
deny contains k8s.finding("STORAGE001", msg, b, ["spec", "encryption"]) if {
	some b in buckets
	count(object.get(spec(b), ["encryption", "rules"], [])) == 0
	msg := sprintf("bucket %s declares no default encryption: use SSE-KMS (aws:kms) with a customer key", [b.name])
}

deny contains k8s.finding("STORAGE001", msg, b, ["spec", "encryption", "rules", i]) if {
	some b in buckets
	some i, rule in object.get(spec(b), ["encryption", "rules"], [])
	problem := encryption_problem(rule)
	msg := sprintf("bucket %s encryption rule %d: %s", [b.name, i, problem])
}

encryption_problem(rule) := "sseAlgorithm must be aws:kms or aws:kms:dsse" if {
	not object.get(rule, ["applyServerSideEncryptionByDefault", "sseAlgorithm"], "") in kms_algorithms
}

encryption_problem(rule) := "kmsMasterKeyID must name the KMS key" if {
	object.get(rule, ["applyServerSideEncryptionByDefault", "sseAlgorithm"], "") in kms_algorithms
	object.get(rule, ["applyServerSideEncryptionByDefault", "kmsMasterKeyID"], "") == ""
}

encryption_problem(rule) := "bucketKeyEnabled must be true (fewer KMS requests)" if {
	object.get(rule, ["applyServerSideEncryptionByDefault", "sseAlgorithm"], "") in kms_algorithms
	not rule.bucketKeyEnabled == true
}

# STORAGE002: versioning (also required by replication).
deny contains k8s.finding("STORAGE002", msg, b, ["spec", "versioning", "status"]) if {
	some b in buckets
	object.get(spec(b), ["versioning", "status"], "") != "Enabled"
	msg := sprintf("bucket %s must enable versioning (versioning.status: Enabled)", [b.name])
}

# STORAGE003: all four Block Public Access settings.
public_access_settings := ["blockPublicACLs", "ignorePublicACLs", "blockPublicPolicy", "restrictPublicBuckets"]

deny contains k8s.finding("STORAGE003", msg, b, ["spec", "publicAccessBlock", setting]) if {
	some b in buckets
	some setting in public_access_settings
	not object.get(spec(b), ["publicAccessBlock", setting], false) == true
	msg := sprintf("bucket %s must set publicAccessBlock.%s: true", [b.name, setting])
}

# STORAGE004: an enabled lifecycle rule archives to Glacier.
archive_classes := {"GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"}

lifecycle_rules(b) := object.get(spec(b), ["lifecycle", "rules"], [])

deny contains k8s.finding("STORAGE004", msg, b, ["spec", "lifecycle"]) if {
	some b in buckets
	not archives(b)
	msg := sprintf("bucket %s has no enabled lifecycle rule that transitions objects to Glacier (GLACIER, DEEP_ARCHIVE or GLACIER_IR)", [b.name])
}

archives(b) if {
	some rule in lifecycle_rules(b)
	rule.status == "Enabled"
	some t in object.get(rule, "transitions", [])
	t.storageClass in archive_classes
}

# STORAGE005: transitions S3 accepts (domain rules: lifecycle transition considerations).
transition_rank := {
	"STANDARD_IA": 1,
	"INTELLIGENT_TIERING": 2,
	"ONEZONE_IA": 3,
	"GLACIER_IR": 4,
	"GLACIER": 5,
	"DEEP_ARCHIVE": 6,
}

infrequent_access := {"STANDARD_IA", "ONEZONE_IA"}

# Every transition of a rule, current and noncurrent, with its day count.
transitions(b) := [t |
	some i, rule in lifecycle_rules(b)
	some kind in [
		{"field": "transitions", "days": "days"},
		{"field": "noncurrentVersionTransitions", "days": "noncurrentDays"},
	]
	some j, tr in object.get(rule, kind.field, [])
	t := {
		"rule": i,
		"field": kind.field,
		"index": j,
		"class": object.get(tr, "storageClass", ""),
		"days": object.get(tr, kind.days, null),
		"path": ["spec", "lifecycle", "rules", i, kind.field, j],
	}
]

deny contains k8s.finding("STORAGE005", msg, b, array.concat(t.path, ["storageClass"])) if {
	some b in buckets
	some t in transitions(b)
	not transition_rank[t.class]
	msg := sprintf("bucket %s: %q is not a lifecycle transition target (STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE)", [b.name, t.class])
}

deny contains k8s.finding("STORAGE005", msg, b, array.concat(t.path, [day_field(t)])) if {
	some b in buckets
	some t in transitions(b)
	t.class in infrequent_access
	is_number(t.days)
	t.days < 30
	msg := sprintf("bucket %s: a transition to %s needs at least 30 days, not %d (S3 rejects it)", [b.name, t.class, t.days])
}

deny contains k8s.finding("STORAGE005", msg, b, array.concat(later.path, [day_field(later)])) if {
	some b in buckets
	ts := transitions(b)
	some earlier in ts
	some later in ts
	earlier.rule == later.rule
	earlier.field == later.field
	is_number(earlier.days)
	is_number(later.days)
	transition_rank[earlier.class] < transition_rank[later.class]
	problem := order_problem(earlier, later)
	msg := sprintf("bucket %s: %s", [b.name, problem])
}

order_problem(earlier, later) := sprintf("the transition to %s (day %d) must come after the one to %s (day %d)", [later.class, later.days, earlier.class, earlier.days]) if {
	later.days <= earlier.days
}

order_problem(earlier, later) := sprintf("the transition to %s must come at least 30 days after the one to %s (day %d, not %d)", [later.class, earlier.class, earlier.days + 30, later.days]) if {
	earlier.class in infrequent_access
	later.class in {"GLACIER", "DEEP_ARCHIVE"}
	later.days > earlier.days
	later.days < earlier.days + 30
}

order_problem(earlier, later) := sprintf("objects in ONEZONE_IA cannot move to %s", [later.class]) if {
	earlier.class == "ONEZONE_IA"
	later.class == "GLACIER_IR"
}

day_field(t) := "days" if t.field == "transitions"

day_field(t) := "noncurrentDays" if t.field == "noncurrentVersionTransitions"

# STORAGE006: replication to another bucket for the offsite backup.
# A bucket that is itself the replication destination of a bucket in the tree is the offsite copy.
deny contains k8s.finding("STORAGE006", msg, b, ["spec", "replication"]) if {
	some b in buckets
	not replicates(b)
	not object.get(spec(b), "name", "") in replica_destinations
	msg := sprintf("bucket %s is not replicated: add replication (role, an enabled rule, destination.bucket) for the offsite backup", [b.name])
}

replicates(b) if {
	replication := spec(b).replication
	replication_role(replication)
	some rule in object.get(replication, "rules", [])
	rule.status == "Enabled"
	object.get(rule, ["destination", "bucket"], "") != ""
}

replica_destinations contains trim_prefix(arn, "arn:aws:s3:::") if {
	some b in buckets
	some rule in object.get(spec(b), ["replication", "rules"], [])
	arn := object.get(rule, ["destination", "bucket"], "")
	is_string(arn)
	arn != ""
}

replication_role(replication) if object.get(replication, "role", "") != ""

replication_role(replication) if object.get(replication, ["roleRef", "from", "name"], "") != ""

deny contains k8s.finding("STORAGE006", msg, b, ["spec", "replication", "rules", i]) if {
	some b in buckets
	kms_encrypted(b)
	some i, rule in object.get(spec(b), ["replication", "rules"], [])
	not replicates_kms_objects(rule)
	msg := sprintf("bucket %s replication rule %d must replicate SSE-KMS objects: sourceSelectionCriteria.sseKMSEncryptedObjects.status: Enabled and destination.encryptionConfiguration.replicaKMSKeyID", [b.name, i])
}

kms_encrypted(b) if {
	some rule in object.get(spec(b), ["encryption", "rules"], [])
	rule.applyServerSideEncryptionByDefault.sseAlgorithm in kms_algorithms
}

replicates_kms_objects(rule) if {
	rule.sourceSelectionCriteria.sseKMSEncryptedObjects.status == "Enabled"
	object.get(rule, ["destination", "encryptionConfiguration", "replicaKMSKeyID"], "") != ""
}

# STORAGE007 (warning): objects expire before the archive's minimum storage duration is over.
minimum_storage_days := {"STANDARD_IA": 30, "ONEZONE_IA": 30, "INTELLIGENT_TIERING": 30, "GLACIER_IR": 90, "GLACIER": 90, "DEEP_ARCHIVE": 180}

warn contains k8s.finding("STORAGE007", msg, b, ["spec", "lifecycle", "rules", i, "expiration", "days"]) if {
	some b in buckets
	some i, rule in lifecycle_rules(b)
	expires := rule.expiration.days
	some t in object.get(rule, "transitions", [])
	is_number(t.days)
	paid_until := t.days + minimum_storage_days[t.storageClass]
	expires < paid_until
	msg := sprintf("bucket %s: objects expire on day %d but %s bills them until day %d (minimum storage duration)", [b.name, expires, t.storageClass, paid_until])
}
