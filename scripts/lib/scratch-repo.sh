# A scratch copy of this repository for tests that act on a clone (commit hooks, Argo CD checkouts).
# Source it after common.sh.

# Scratch repositories live for one test: no validation daemon for them (docs/daemon.md), also when a
# suite is run on its own rather than by ./gitops test.
export GITOPS_DAEMON=${GITOPS_DAEMON:-0}

# scratch_repo DIR: copies the working tree (tracked and untracked files, less ignored ones) to DIR,
# makes it a git repository with one commit, and gives it this checkout's built validator and .tools/
# so that nothing is rebuilt or reinstalled there. Call ensure_validator first.
scratch_repo() {
  local dest=$1
  copy_tree "$dest"
  mkdir -p "$dest/validator/target"
  # Times are kept: the jar stays newer than its sources, the JVM's AOT cache newer than the jar.
  cp -pR "$VALIDATOR_JAR" "$GITOPS_ROOT/validator/target/lib" "$dest/validator/target/"
  cp -p "$GITOPS_ROOT"/validator/target/validator-jdk*.aot "$dest/validator/target/" 2>/dev/null || true
  ln -s "$TOOLS_DIR" "$dest/.tools"
  (
    cd "$dest"
    git init -q -b main
    git config user.email "ci@gitops.invalid"
    git config user.name "gitops test"
    git add -A
    git commit -q --no-verify -m "scratch copy of the repository"
  )
}

# copy_tree DIR: copies the working tree (tracked and untracked files, less ignored ones) to DIR,
# keeping modification times; no .git.
copy_tree() {
  local dest=$1
  mkdir -p "$dest"
  (cd "$GITOPS_ROOT" && git ls-files -z --cached --others --exclude-standard --deduplicate \
     | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
     | tar --null -T - -cf -) | tar -xf - -C "$dest"
}
