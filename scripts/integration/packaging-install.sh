#!/usr/bin/env bash
# `make install` for systems without dpkg: packaging/install.sh stages the binary, the unit
# (ExecStart= at PREFIX/bin), the snippets, the configuration, man pages, rules and dashboard
# under DESTDIR; a second run keeps a changed configuration and puts the default next to it.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
    echo "packaging-install: FAIL: $*" >&2
    exit 1
}
bin="${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built binary}"
[ -x "$bin" ] || fail "BOUNCEWATCH_BIN=$bin is not executable"

work="$(mktemp -d "${TMPDIR:-/tmp}/bouncewatch-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
stage="$work/stage"
cp "$bin" "$work/bouncewatch"

PREFIX=/opt/bw DESTDIR="$stage" packaging/install.sh "$work/bouncewatch" 2>"$work/first.log" ||
    fail "install.sh failed: $(cat "$work/first.log")"
for path in opt/bw/bin/bouncewatch opt/bw/lib/systemd/system/bouncewatch.service \
    opt/bw/lib/sysusers.d/bouncewatch.conf opt/bw/lib/tmpfiles.d/bouncewatch.conf \
    etc/bouncewatch/bouncewatch.yml opt/bw/share/man/man8/bouncewatch.8 \
    opt/bw/share/man/man5/bouncewatch.yml.5 \
    opt/bw/share/bouncewatch/prometheus/bouncewatch.rules.yml \
    opt/bw/share/bouncewatch/grafana/bouncewatch.json opt/bw/share/doc/bouncewatch/metrics.md; do
    [ -f "$stage/$path" ] || fail "install.sh did not install $path"
done
# Every picture of docs/images is installed, and every picture a page links resolves beside it.
doc="$stage/opt/bw/share/doc/bouncewatch"
for image in docs/images/*; do
    cmp -s "$image" "$doc/images/$(basename "$image")" ||
        fail "install.sh did not install $image as share/doc/bouncewatch/images/$(basename "$image")"
done
links="$(grep -ohE '(\]\(|src=")images/[^)" ]+' "$doc"/*.md | sed -E 's/^(\]\(|src=")//' | sort -u)"
[ -n "$links" ] || fail "no installed page links a picture under images/: the check tests nothing"
for link in $links; do
    [ -f "$doc/$link" ] || fail "an installed page links $link, which is not installed beside it"
done
unit="$stage/opt/bw/lib/systemd/system/bouncewatch.service"
grep -qx 'ExecStart=/opt/bw/bin/bouncewatch run --config /etc/bouncewatch/bouncewatch.yml' "$unit" ||
    fail "the installed unit's ExecStart= is not at PREFIX: $(grep ExecStart= "$unit")"
"$stage/opt/bw/bin/bouncewatch" --version >/dev/null || fail "the installed binary does not run"

# The installed unit verifies once its ExecStart= names the staged binary.
mkdir "$work/verify"
sed "s#/opt/bw/bin/bouncewatch#$stage/opt/bw/bin/bouncewatch#" "$unit" \
    >"$work/verify/bouncewatch.service"
output="$(systemd-analyze verify --man=no "$work/verify/bouncewatch.service" 2>&1)" ||
    fail "systemd-analyze verify: $output"
[ -z "$output" ] || fail "systemd-analyze verify: $output"

echo "# changed by the administrator" >>"$stage/etc/bouncewatch/bouncewatch.yml"
PREFIX=/opt/bw DESTDIR="$stage" packaging/install.sh "$work/bouncewatch" 2>"$work/second.log" ||
    fail "the second install.sh failed: $(cat "$work/second.log")"
grep -q '^# changed by the administrator$' "$stage/etc/bouncewatch/bouncewatch.yml" ||
    fail "a second install overwrote the changed configuration"
cmp -s packaging/bouncewatch.yml "$stage/etc/bouncewatch/bouncewatch.yml.new" ||
    fail "the second install did not put the default next to it as bouncewatch.yml.new"
echo "packaging-install: install.sh stages everything under PREFIX and DESTDIR, keeps a changed configuration"
