# METADATA
# description: |
#   The validator's entry point: every deny and warn of every policy package under
#   data.gitops, gathered so that one query evaluates the whole library.
package validator

# Each entry is {"level": "deny"|"warn", "policy": "<area>.<policy>", "violation": v}.
report contains {"level": "deny", "policy": concat(".", [area, policy]), "violation": v} if {
	some area, policy
	some v in data.gitops[area][policy].deny
}

report contains {"level": "warn", "policy": concat(".", [area, policy]), "violation": v} if {
	some area, policy
	some v in data.gitops[area][policy].warn
}
