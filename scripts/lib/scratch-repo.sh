# A scratch copy of this repository for tests that act on a clone (commit hooks, Argo CD checkouts).
# Source it after common.sh.

# scratch_repo DIR: copies the working tree (tracked and untracked files, less ignored ones) to DIR,
# makes it a git repository with one commit, and gives it this checkout's built validator and .tools/
# so that nothing is rebuilt or reinstalled there. Call ensure_validator first.
scratch_repo() {
  local dest=$1
  copy_tree "$dest"
  mkdir -p "$dest/validator/target"
  cp -pR "$VALIDATOR_JAR" "$GITOPS_ROOT/validator/target/lib" "$dest/validator/target/"
  touch "$dest/validator/target/validator.jar"      # newer than every copied source
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
