package gitops.argocd.sync_test

import data.gitops.argocd.sync

app(kind, content) := {"id": 0, "file": "a.yaml", "apiVersion": "argoproj.io/v1alpha1", "kind": kind, "namespace": "argocd", "name": "a", "content": content}

rules(r) := {v.rule | some v in sync.deny with input as {"resources": [r]}}

auto := {"automated": {"prune": true, "selfHeal": true}}

test_auto_sync_with_prune_and_self_heal if {
	count(rules(app("Application", {"spec": {"syncPolicy": auto}}))) == 0
	count(rules(app("ApplicationSet", {"spec": {"template": {"spec": {"syncPolicy": auto}}}}))) == 0
}

test_argo001_manual_sync if {
	rules(app("Application", {"spec": {}})).ARGOCD101
	rules(app("Application", {"spec": {"syncPolicy": {"automated": {"enabled": false, "prune": true, "selfHeal": true}}}})).ARGOCD101
	rules(app("ApplicationSet", {"spec": {"template": {"spec": {}}}})).ARGOCD101
}

test_argo002_argo003 if {
	r := rules(app("Application", {"spec": {"syncPolicy": {"automated": {}}}}))
	r.ARGOCD102
	r.ARGOCD103
	not r.ARGOCD101
}

test_other_argo_kinds_ignored if {
	count(rules(app("AppProject", {"spec": {}}))) == 0
}
