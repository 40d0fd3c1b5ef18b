# Go tools at pinned versions, built with `go install` into the git-ignored .tools/ folder.
# Source it after common.sh.

# go_tool NAME PACKAGE VERSION: prints the path of the NAME binary built from PACKAGE@VERSION,
# building it once (into .tools/go/NAME@VERSION/). Fails with a message when Go is missing or the
# module proxy refuses the version.
go_tool() {
  local name=$1 package=$2 version=$3
  local dir="$TOOLS_DIR/go/$name@$version"
  if [ ! -x "$dir/$name" ]; then
    command -v go >/dev/null || die "Go is needed to install $name ($package@$version); see https://go.dev/doc/install"
    say "gitops: installing $name $version (go install $package@$version)…"
    mkdir -p "$dir"
    GOBIN="$dir" GOFLAGS=-mod=mod go install "$package@$version" >&2 || { rm -rf "$dir"; return 1; }
  fi
  printf '%s\n' "$dir/$name"
}
