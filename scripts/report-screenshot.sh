#!/usr/bin/env bash
# Regenerates the screenshots of the HTML report that docs/reports.md shows:
# `bouncewatch scan --format html` over the bundled example logs, drawn by headless Chromium
# (Debian's `chromium` package) at desktop and phone widths.
#
#   BOUNCEWATCH_BIN=.build/debug/bouncewatch scripts/report-screenshot.sh
#
# Writes docs/images/scan-report.png (1100 px wide) and docs/images/scan-report-phone.png
# (390 px). Host names resolve to nothing while Chromium runs: the page needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${BOUNCEWATCH_BIN:?set BOUNCEWATCH_BIN to the bouncewatch binary}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
    echo "report-screenshot: chromium is not installed (apt-get install chromium)" >&2
    exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
TZ=UTC "$bin" scan --format html examples/mail.log examples/exim-mainlog >"$scratch/report.html"

shoot() {
    local size="$1" out="$2"
    "$browser" --headless=new --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --hide-scrollbars \
        --force-device-scale-factor=1 --user-data-dir="$scratch/profile" \
        --host-resolver-rules='MAP * ~NOTFOUND' --window-size="$size" \
        --screenshot="$out" "file://$scratch/report.html" >/dev/null 2>&1
    [ -s "$out" ] || {
        echo "report-screenshot: chromium wrote no $out" >&2
        exit 1
    }
    echo "report-screenshot: wrote $out ($(stat -c %s "$out") bytes)"
}
mkdir -p docs/images
shoot 1100,1500 docs/images/scan-report.png
shoot 390,1100 docs/images/scan-report-phone.png
