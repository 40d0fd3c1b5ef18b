package gitops.storage.s3_buckets_test

import data.gitops.storage.s3_buckets

good_spec := {
	"name": "acme-docproc-documents",
	"versioning": {"status": "Enabled"},
	"encryption": {"rules": [{"bucketKeyEnabled": true, "applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyID": "arn:aws:kms:eu-west-1:111122223333:key/k"}}]},
	"publicAccessBlock": {"blockPublicACLs": true, "ignorePublicACLs": true, "blockPublicPolicy": true, "restrictPublicBuckets": true},
	"lifecycle": {"rules": [{
		"id": "archive", "status": "Enabled",
		"transitions": [{"days": 30, "storageClass": "STANDARD_IA"}, {"days": 90, "storageClass": "GLACIER"}, {"days": 365, "storageClass": "DEEP_ARCHIVE"}],
		"noncurrentVersionTransitions": [{"noncurrentDays": 30, "storageClass": "GLACIER"}],
	}]},
	"replication": {"role": "arn:aws:iam::111122223333:role/replication", "rules": [{
		"id": "offsite", "status": "Enabled", "priority": 1,
		"destination": {"bucket": "arn:aws:s3:::acme-docproc-documents-backup", "encryptionConfiguration": {"replicaKMSKeyID": "arn:aws:kms:eu-central-1:111122223333:key/b"}},
		"sourceSelectionCriteria": {"sseKMSEncryptedObjects": {"status": "Enabled"}},
	}]},
}

bucket(spec) := {"id": 0, "file": "b.yaml", "apiVersion": "s3.services.k8s.aws/v1alpha1", "kind": "Bucket", "namespace": "docproc", "name": "documents", "content": {"spec": spec}}

denied_rules(spec) := {v.rule | some v in s3_buckets.deny with input as {"resources": [bucket(spec)]}}

messages(spec) := {v.msg | some v in s3_buckets.deny with input as {"resources": [bucket(spec)]}}

patched(ops) := json.patch(good_spec, ops)

test_hardened_bucket_passes if {
	count(denied_rules(good_spec)) == 0
	count(s3_buckets.warn) == 0 with input as {"resources": [bucket(good_spec)]}
}

test_other_kinds_ignored if {
	count(s3_buckets.deny) == 0 with input as {"resources": [{"id": 0, "file": "x", "apiVersion": "v1", "kind": "Bucket", "namespace": null, "name": "x", "content": {}}]}
}

test_storage001_encryption if {
	denied_rules(json.remove(good_spec, ["encryption"])).STORAGE001
	denied_rules(patched([{"op": "replace", "path": "/encryption/rules/0/applyServerSideEncryptionByDefault/sseAlgorithm", "value": "AES256"}])).STORAGE001
	denied_rules(patched([{"op": "remove", "path": "/encryption/rules/0/applyServerSideEncryptionByDefault/kmsMasterKeyID"}])).STORAGE001
	denied_rules(patched([{"op": "remove", "path": "/encryption/rules/0/bucketKeyEnabled"}])).STORAGE001
}

test_storage002_versioning if {
	denied_rules(patched([{"op": "replace", "path": "/versioning/status", "value": "Suspended"}])).STORAGE002
}

test_storage003_public_access if {
	denied_rules(patched([{"op": "replace", "path": "/publicAccessBlock/ignorePublicACLs", "value": false}])).STORAGE003
	denied_rules(json.remove(good_spec, ["publicAccessBlock"])).STORAGE003
}

test_storage004_no_archive if {
	denied_rules(json.remove(good_spec, ["lifecycle"])).STORAGE004
	denied_rules(patched([{"op": "replace", "path": "/lifecycle/rules/0/status", "value": "Disabled"}])).STORAGE004
}

test_storage005_bad_target if {
	denied_rules(patched([{"op": "replace", "path": "/lifecycle/rules/0/transitions/0/storageClass", "value": "STANDARD"}])).STORAGE005
}

test_storage005_infrequent_access_too_early if {
	denied_rules(patched([{"op": "replace", "path": "/lifecycle/rules/0/transitions/0/days", "value": 7}])).STORAGE005
	denied_rules(patched([{"op": "replace", "path": "/lifecycle/rules/0/noncurrentVersionTransitions/0", "value": {"noncurrentDays": 10, "storageClass": "ONEZONE_IA"}}])).STORAGE005
}

test_storage005_glacier_too_soon_after_ia if {
	some m in messages(patched([{"op": "replace", "path": "/lifecycle/rules/0/transitions/1/days", "value": 45}]))
	contains(m, "at least 30 days after")
}

test_storage005_colder_class_earlier if {
	some m in messages(patched([{"op": "replace", "path": "/lifecycle/rules/0/transitions/2/days", "value": 60}]))
	contains(m, "must come after")
}

test_storage005_onezone_to_glacier_ir if {
	some m in messages(patched([{"op": "replace", "path": "/lifecycle/rules/0/transitions", "value": [{"days": 30, "storageClass": "ONEZONE_IA"}, {"days": 120, "storageClass": "GLACIER_IR"}]}]))
	contains(m, "cannot move")
}

test_storage006_replication if {
	denied_rules(json.remove(good_spec, ["replication"])).STORAGE006
	denied_rules(patched([{"op": "remove", "path": "/replication/role"}])).STORAGE006
	denied_rules(patched([{"op": "remove", "path": "/replication/rules/0/sourceSelectionCriteria"}])).STORAGE006
	not denied_rules(patched([{"op": "replace", "path": "/replication", "value": {"roleRef": {"from": {"name": "replication"}}, "rules": [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::b", "encryptionConfiguration": {"replicaKMSKeyID": "k"}}, "sourceSelectionCriteria": {"sseKMSEncryptedObjects": {"status": "Enabled"}}}]}}])).STORAGE006
}

test_storage007_expiry_before_minimum_duration if {
	spec := patched([{"op": "add", "path": "/lifecycle/rules/0/expiration", "value": {"days": 400}}])
	some v in s3_buckets.warn with input as {"resources": [bucket(spec)]}
	v.rule == "STORAGE007"
	v.path == ["spec", "lifecycle", "rules", 0, "expiration", "days"]
}

test_storage006_the_replica_itself_needs_no_replication if {
	backup := json.patch(bucket(json.remove(good_spec, ["replication"])), [
		{"op": "replace", "path": "/name", "value": "documents-backup"},
		{"op": "replace", "path": "/content/spec/name", "value": "acme-docproc-documents-backup"},
	])
	found := {[v.resource.name, v.rule] | some v in s3_buckets.deny with input as {"resources": [bucket(good_spec), backup]}}
	not ["documents-backup", "STORAGE006"] in found
	count(s3_buckets.deny) > 0 with input as {"resources": [backup]}
}
