# Shared helpers for ./gitops and its scripts. Source it; do not run it.
# Every function is idempotent: calling it twice does the work once.

GITOPS_ROOT=${GITOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TOOLS_DIR="$GITOPS_ROOT/.tools"          # git-ignored: binaries the scripts install
export MAVEN_OPTS="${MAVEN_OPTS:-}"

say()  { printf '%s\n' "$*" >&2; }
die()  { printf 'gitops: %s\n' "$*" >&2; exit 2; }

# The major version of a java binary, e.g. 25.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

# Sets JAVA_HOME to a JDK >= 21: $JAVA_HOME if good, else the newest under /usr/lib/jvm, /opt, ~/.sdkman.
find_jdk() {
  local min=21 candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$min" ]; then export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  [ -n "$best" ] || die "no JDK >= $min found (looked at \$JAVA_HOME and /usr/lib/jvm). Install Temurin 25, e.g. 'apt-get install temurin-25-jdk', or set JAVA_HOME."
  export JAVA_HOME="$best" PATH="$best/bin:$PATH"
}

mvnw() { (cd "$GITOPS_ROOT" && ./mvnw -B -q "$@"); }

# Builds validator/target/validator.jar when it is missing or older than its sources.
VALIDATOR_JAR="$GITOPS_ROOT/validator/target/validator.jar"
ensure_validator() {
  find_jdk
  local lock="$GITOPS_ROOT/validator/target/.build.lock"
  mkdir -p "$GITOPS_ROOT/validator/target"
  (
    flock 9
    if [ ! -f "$VALIDATOR_JAR" ] || [ -n "$(find "$GITOPS_ROOT/validator/src/main" "$GITOPS_ROOT/validator/rules" \
          "$GITOPS_ROOT/validator/pom.xml" "$GITOPS_ROOT/pom.xml" -newer "$VALIDATOR_JAR" -print -quit 2>/dev/null)" ]; then
      say "gitops: building the validator…"
      mvnw -pl validator -DskipTests package >&2 || die "validator build failed"
      touch "$VALIDATOR_JAR"
    fi
  ) 9>"$lock"
}

# Runs the validator jar with the JVM flags the launcher uses everywhere.
run_validator() {
  exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -jar "$VALIDATOR_JAR" "$@"
}
