package gitops.secrets.literals_test

import data.gitops.secrets.literals

res(kind, content) := {"id": 0, "file": "s.yaml", "apiVersion": "v1", "kind": kind, "namespace": "ns", "name": "n", "content": content}

rules(r) := {v.rule | some v in literals.deny with input as {"resources": [r]}}

pod(env) := res("Pod", {"spec": {"containers": [{"name": "c", "env": env}]}})

test_secret001_literal_data if {
	rules(res("Secret", {"data": {"password": "c2VjcmV0"}})).SECRET001
	rules(res("Secret", {"stringData": {"token": "abc"}})).SECRET001
	not rules(res("Secret", {"type": "kubernetes.io/service-account-token"})).SECRET001
	not rules(res("ExternalSecret", {"data": [{"secretKey": "password"}]})).SECRET001
}

test_secret002_env_literal if {
	rules(pod([{"name": "DB_PASSWORD", "value": "hunter2"}])).SECRET002
	rules(pod([{"name": "apiToken", "value": "abc"}])).SECRET002
}

test_secret002_references_are_fine if {
	count(rules(pod([
		{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
		{"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db/password"},
		{"name": "TOKEN_AUDIENCE_PATH", "value": "x"},
		{"name": "CLIENT_SECRET", "value": "/var/run/secrets/client"},
		{"name": "API_TOKEN", "value": ""},
		{"name": "LOG_LEVEL", "value": "info"},
	]))) == 0
}

test_secret003_configmap_credentials if {
	rules(res("ConfigMap", {"data": {"smtp.password": "pw"}})).SECRET003
	not rules(res("ConfigMap", {"data": {"log-level": "debug"}})).SECRET003
	not rules(res("ConfigMap", {"data": {"secret-name": "docproc-s3"}})).SECRET003
}
