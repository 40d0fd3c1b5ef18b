#!/usr/bin/env bash
# The cost page (./gitops cost --format html) as headless Chromium renders it shows the JSON's figures.
set -euo pipefail
source "$GITOPS_ROOT/scripts/lib/common.sh"

# Debian's chromium, installed when missing (needs root or sudo, as on CI and the dev machines).
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || { say "chromium is not installed and apt-get is not available"; return 1; }
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "chromium is not installed and installing it needs root"; return 1; }
    sudo="sudo"
  fi
  say "installing Debian's chromium (apt-get)…"
  $sudo apt-get update -qq >&2 || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2 || return 1
}

if ! ensure_chromium; then
  say "SKIPPED: chromium could not be installed; the cost page was not rendered (this suite did not pass)"
  exit 77
fi
ensure_validator

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$GITOPS_ROOT/gitops" cost --format html > "$tmp/cost.html"
"$GITOPS_ROOT/gitops" cost --json > "$tmp/cost.json"
# --no-sandbox: the sandbox needs user namespaces that containers and root shells often lack.
timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
  --dump-dom "file://$tmp/cost.html" > "$tmp/dom.html" 2> "$tmp/chromium.log" || {
  say "FAIL: chromium could not render the page:"; sed 's/^/    /' "$tmp/chromium.log" >&2; exit 1; }

python3 - "$tmp/dom.html" "$tmp/cost.json" <<'PY'
import json, sys
from decimal import Decimal
from html.parser import HTMLParser

class Figures(HTMLParser):
    """Text of every element carrying data-cluster/state/line, data-shared or data-figure, and the bars."""
    def __init__(self):
        super().__init__()
        self.key, self.figures, self.rects, self.svgs = None, {}, 0, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.rects += tag == "rect"
        self.svgs += tag == "svg"
        if "data-line" in a:
            self.key = (a["data-cluster"], a["data-state"], a["data-line"])
        elif "data-shared" in a:
            self.key = ("shared", a["data-shared"])
        elif "data-figure" in a:
            self.key = ("figure", a["data-figure"])
    def handle_data(self, data):
        if self.key is not None and data.strip():
            self.figures[self.key] = Decimal(data.strip())
            self.key = None

page = Figures()
page.feed(open(sys.argv[1], encoding="utf-8").read())
doc = json.load(open(sys.argv[2]))
cent = Decimal("0.01")
want = {}
for c in doc["clusters"]:
    want[(c["cluster"], c["state"], "total")] = Decimal(str(c["monthly"])).quantize(cent)
    for line in c["lines"]:
        want[(c["cluster"], c["state"], line["id"])] = Decimal(str(line["monthly"])).quantize(cent)
for line in doc["shared"]["lines"]:
    want[("shared", line["id"])] = Decimal(str(line["monthly"])).quantize(cent)
want[("figure", "run-rate")] = Decimal(str(doc["today"]["runRate"])).quantize(cent)
want[("figure", "shared")] = Decimal(str(doc["shared"]["monthly"])).quantize(cent)

missing = sorted(k for k in want if k not in page.figures)
wrong = sorted((k, str(page.figures[k]), str(v)) for k, v in want.items() if k in page.figures and page.figures[k] != v)
extra = sorted(k for k in page.figures if k not in want)
if missing or wrong or extra:
    print("FAIL: the rendered page and the JSON differ", file=sys.stderr)
    for k in missing: print("  missing on the page:", k, file=sys.stderr)
    for k, got, exp in wrong: print("  ", k, "page", got, "json", exp, file=sys.stderr)
    for k in extra: print("  on the page, not in the JSON:", k, file=sys.stderr)
    sys.exit(1)
if page.svgs < 3 or page.rects < 8 * 9:
    print(f"FAIL: the rendered page has {page.svgs} charts and {page.rects} bars", file=sys.stderr)
    sys.exit(1)
print(f"ok: {len(want)} figures on the page Chromium rendered equal the JSON; {page.svgs} charts, {page.rects} bars")
PY
