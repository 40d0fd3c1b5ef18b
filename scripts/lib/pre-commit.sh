# pre-commit (https://pre-commit.com) from PyPI at a pinned version, in a git-ignored venv.
# Source it after common.sh; ensure_pre_commit sets PRE_COMMIT and TOOLS_PYTHON (a python with PyYAML,
# which pre-commit depends on).

PRE_COMMIT_VERSION=4.7.0
PRE_COMMIT_VENV="$TOOLS_DIR/pre-commit-$PRE_COMMIT_VERSION"

ensure_pre_commit() {
  PRE_COMMIT="$PRE_COMMIT_VENV/bin/pre-commit"
  TOOLS_PYTHON="$PRE_COMMIT_VENV/bin/python"
  export PRE_COMMIT_HOME="$TOOLS_DIR/pre-commit-cache"
  if [ -x "$PRE_COMMIT" ] && [ "$("$PRE_COMMIT" --version 2>/dev/null)" = "pre-commit $PRE_COMMIT_VERSION" ]; then
    return 0
  fi
  command -v python3 >/dev/null || die "python3 is needed to install pre-commit"
  say "gitops: installing pre-commit $PRE_COMMIT_VERSION into ${PRE_COMMIT_VENV#"$GITOPS_ROOT"/}…"
  rm -rf "$PRE_COMMIT_VENV"
  python3 -m venv "$PRE_COMMIT_VENV" || die "cannot create a Python venv (on Debian: apt-get install python3-venv)"
  "$PRE_COMMIT_VENV/bin/pip" install -q --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION" >&2 \
    || die "cannot install pre-commit $PRE_COMMIT_VERSION from PyPI"
}
