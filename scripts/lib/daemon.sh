# The validation daemon (validator/src/main/java/dev/gitops/validator/daemon): a JVM per user and
# repository that stays up between runs, with the validator's classes compiled and OPA holding the
# compiled policies. Sourced by cmd-validate.sh and cmd-daemon.sh.
#
# GITOPS_DAEMON=1 uses it, 0 never; unset means on, except under CI (CI=true) where every run is
# the only one. It is also not used when standard input is validated (-) or when the working
# folder is not the top of a git repository (it is bound to one repository root).

daemon_wanted() {
  local arg
  case "${GITOPS_DAEMON:-auto}" in
    0|false|no) return 1 ;;
    auto) [ "${CI:-}" != true ] || return 1 ;;
  esac
  [ -e "$PWD/.git" ] || return 1
  for arg in "$@"; do [ "$arg" != "-" ] || return 1; done
  return 0
}

# Runs the daemon client: java with the smallest start-up, loading only the client's classes.
daemon_client() {
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -cp "$VALIDATOR_JAR" dev.gitops.validator.daemon.Client "$@"
}

# Has the daemon run `validate ARGS`; returns here only when it did not (the caller runs it itself).
validate_with_daemon() {
  daemon_wanted "$@" || return 0
  local code=0
  daemon_client run validate "$@" || code=$?
  [ "$code" -eq 75 ] || exit "$code"     # 75: not served (no daemon yet, retired, declined)
}

# Starts this repository's daemon and waits (up to two minutes) until it answers, then prints its
# process id. For benchmarks, which measure a warm daemon.
daemon_ready() {
  GITOPS_DAEMON=1 "$GITOPS_ROOT/gitops" daemon start >&2
  local _ pid=""
  for _ in $(seq 1 240); do
    pid=$(GITOPS_DAEMON=1 "$GITOPS_ROOT/gitops" daemon status 2>/dev/null | awk '/^pid:/ {print $2}') || true
    [ -z "$pid" ] || break
    sleep 0.5
  done
  [ -n "$pid" ] || die "the validation daemon did not start (./gitops daemon status)"
  printf '%s\n' "$pid"
}
