# Shared helpers for ./gitops and its scripts. Source it; do not run it.
# Every function is idempotent: calling it twice does the work once.

GITOPS_ROOT=${GITOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TOOLS_DIR="$GITOPS_ROOT/.tools"          # git-ignored: binaries the scripts install
export MAVEN_OPTS="${MAVEN_OPTS:-}"

say()  { printf '%s\n' "$*" >&2; }
die()  { printf 'gitops: %s\n' "$*" >&2; exit 2; }

# The full version of the JDK whose java binary is $1 (e.g. 25.0.3), from its release file; empty if unknown.
jdk_version() {
  local line v=""
  if [ -r "${1%/bin/java}/release" ]; then
    while IFS= read -r line; do
      case $line in JAVA_VERSION=*) v=${line#JAVA_VERSION=}; v=${v//\"/}; break ;; esac
    done <"${1%/bin/java}/release"
  fi
  printf '%s' "$v"
}

# The major version of a java binary, e.g. 25. Reads the JDK's release file (no JVM start) and asks
# the JVM only when there is none.
java_major() {
  local v
  v=$(jdk_version "$1"); v=${v#1.}
  if [ -n "$v" ]; then printf '%s\n' "${v%%[.+-]*}"; return; fi
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

# Builds validator/target/validator.jar when it is missing or older than its sources. The check is
# one `find` that stops at the first newer file; the lock is taken only to build. The rules' samples
# are not in the jar (only their README.md files are), so find does not descend into them: they are
# three quarters of the entries, and skipping them takes the check from about 45 to 10 ms.
VALIDATOR_JAR="$GITOPS_ROOT/validator/target/validator.jar"
validator_stale() {
  [ ! -f "$VALIDATOR_JAR" ] || [ -n "$(find "$GITOPS_ROOT/validator/src/main" "$GITOPS_ROOT/validator/rules" \
      "$GITOPS_ROOT/validator/pom.xml" "$GITOPS_ROOT/pom.xml" -path "$GITOPS_ROOT/validator/rules/*/samples" -prune \
      -o -newer "$VALIDATOR_JAR" -print -quit 2>/dev/null)" ]
}
ensure_validator() {
  find_jdk
  validator_jvm_flags
  validator_stale || return 0
  mkdir -p "$GITOPS_ROOT/validator/target"
  (
    flock 9
    if validator_stale; then
      say "gitops: building the validator…"
      mvnw -pl validator -DskipTests package >&2 || die "validator build failed"
      touch "$VALIDATOR_JAR"
    fi
  ) 9>"$GITOPS_ROOT/validator/target/.build.lock"
}

# The JVM flags the launcher uses everywhere: a small serial GC and the C1 compiler only, which
# start fastest for a run of a second or less. The heap starts small and grows only as far as the
# live data needs (free ratios): peak memory about halves (repository 177 -> 93 MB, 10k-resource
# corpus 244 -> 140 MB) for the same CPU; the maximum heap is the JVM's default. (Promoting what
# survives a young collection at once, MaxTenuringThreshold=0, saved some GC time on the 10k corpus
# but not measurably CPU overall, for 12 MB more peak memory: not used.) (Class-data
# sharing is on by default: -Xshare:auto, which -XX:AOTCache builds on and -XX:AOTCacheOutput
# refuses to be given explicitly.)
VALIDATOR_JVM_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms32m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=30)

# Flags that depend on the JDK found: cel-java's protobuf runtime (CRD validation rules) reads memory
# through sun.misc.Unsafe, which JDK 23+ reports on standard error unless allowed (JEP 471). The
# training run of the start-up cache and every run use the same flags.
validator_jvm_flags() {
  [ -z "${VALIDATOR_JVM_FLAGS_FOR_JDK:-}" ] || return 0
  VALIDATOR_JVM_FLAGS_FOR_JDK=$JAVA_HOME
  if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
    VALIDATOR_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
  fi
}

# The JDK's ahead-of-time cache (JEP 483/514) for the validator: classes of the jar and lib/ loaded
# and linked once, by a training run, instead of at every start. It belongs to one JDK version and
# one build (the JVM checks the jars' sizes and times), so it is retrained when the jar or lib/
# changes. GITOPS_AOT=0 runs without it.
validator_aot_cache() {
  printf '%s' "$GITOPS_ROOT/validator/target/validator-jdk$(jdk_version "$JAVA_HOME/bin/java").aot"
}

# Trains the AOT cache by validating this repository, when it is missing or older than the build.
# Prints the cache's path when there is a usable one.
ensure_validator_aot() {
  [ "${GITOPS_AOT:-1}" != 0 ] || return 0
  [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ] || return 0     # -XX:AOTCacheOutput is JDK 25+
  local aot lib="$GITOPS_ROOT/validator/target/lib"
  aot=$(validator_aot_cache)
  if [ -f "$aot" ] && [ ! "$VALIDATOR_JAR" -nt "$aot" ] && [ ! "$lib" -nt "$aot" ]; then
    printf '%s\n' "$aot"; return 0
  fi
  (
    flock 9
    [ -f "$aot" ] && [ ! "$VALIDATOR_JAR" -nt "$aot" ] && [ ! "$lib" -nt "$aot" ] && exit 0
    say "gitops: training the JVM's start-up cache on this repository (once per build)…"
    rm -f "$GITOPS_ROOT"/validator/target/validator-jdk*.aot
    local tmp="$aot.$$.tmp"
    # The training run validates the repository itself, so that every stage's classes are in the
    # cache; its findings do not matter here.
    "$JAVA_HOME/bin/java" "${VALIDATOR_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$tmp" -Xlog:aot=error,cds=error \
      -jar "$VALIDATOR_JAR" validate --root "$GITOPS_ROOT" --format json >/dev/null 2>&1 || true
    if [ -s "$tmp" ]; then mv -f "$tmp" "$aot"; else rm -f "$tmp"; say "gitops: no start-up cache (training failed); continuing without"; fi
  ) 9>"$GITOPS_ROOT/validator/target/.aot.lock" >&2
  [ -f "$aot" ] && printf '%s\n' "$aot"
  return 0
}

# Runs the validator jar with the launcher's JVM flags and, on JDK 25+, its AOT cache.
run_validator() {
  local aot flags=("${VALIDATOR_JVM_FLAGS[@]}")
  aot=$(ensure_validator_aot)
  [ -n "$aot" ] && flags+=("-XX:AOTCache=$aot")
  exec "$JAVA_HOME/bin/java" "${flags[@]}" -jar "$VALIDATOR_JAR" "$@"
}
