#!/usr/bin/env bash
# Installs a built bouncewatch binary with its unit, sysusers.d and tmpfiles.d snippets,
# configuration, manual pages, Prometheus rules, Grafana dashboard and documentation (docs/*.md
# with the pictures they link), for systems without the Debian package (`make install PREFIX=/usr/local DESTDIR=/tmp/stage`).
#
#   packaging/install.sh BINARY
#
# Environment: PREFIX (default /usr/local), SYSCONFDIR (default /etc), DESTDIR (default empty),
# UNITDIR (default PREFIX/lib/systemd/system, which systemd searches). An existing
# configuration file is kept; the packaged one is then installed next to it as
# bouncewatch.yml.new. Nothing is started: see the message at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

binary="${1:?usage: packaging/install.sh BINARY}"
PREFIX="${PREFIX:-/usr/local}"
SYSCONFDIR="${SYSCONFDIR:-/etc}"
DESTDIR="${DESTDIR:-}"
UNITDIR="${UNITDIR:-$PREFIX/lib/systemd/system}"

[ -x "$binary" ] || {
    echo "install: no executable at $binary" >&2
    exit 1
}
case "$PREFIX" in
/*) ;;
*)
    echo "install: PREFIX must be an absolute path, not $PREFIX" >&2
    exit 1
    ;;
esac

umask 0022
install -D -m 0755 "$binary" "$DESTDIR$PREFIX/bin/bouncewatch"
strip --strip-unneeded "$DESTDIR$PREFIX/bin/bouncewatch" 2>/dev/null || true

# The unit names the binary and the configuration by absolute path.
install -d -m 0755 "$DESTDIR$UNITDIR"
sed -e "s#/usr/bin/bouncewatch#$PREFIX/bin/bouncewatch#g" \
    -e "s#/etc/bouncewatch/#$SYSCONFDIR/bouncewatch/#g" \
    packaging/systemd/bouncewatch.service >"$DESTDIR$UNITDIR/bouncewatch.service"
chmod 0644 "$DESTDIR$UNITDIR/bouncewatch.service"
install -D -m 0644 packaging/systemd/bouncewatch.sysusers \
    "$DESTDIR$PREFIX/lib/sysusers.d/bouncewatch.conf"
install -D -m 0644 packaging/systemd/bouncewatch.tmpfiles \
    "$DESTDIR$PREFIX/lib/tmpfiles.d/bouncewatch.conf"

config="$DESTDIR$SYSCONFDIR/bouncewatch/bouncewatch.yml"
install -d -m 0755 "$DESTDIR$SYSCONFDIR/bouncewatch"
if [ -e "$config" ]; then
    install -m 0644 packaging/bouncewatch.yml "$config.new"
    echo "install: kept $config; the packaged default is $config.new" >&2
else
    install -m 0644 packaging/bouncewatch.yml "$config"
fi

install -D -m 0644 packaging/man/bouncewatch.8 "$DESTDIR$PREFIX/share/man/man8/bouncewatch.8"
install -D -m 0644 packaging/man/bouncewatch.yml.5 \
    "$DESTDIR$PREFIX/share/man/man5/bouncewatch.yml.5"
install -D -m 0644 packaging/prometheus/bouncewatch.rules.yml \
    "$DESTDIR$PREFIX/share/bouncewatch/prometheus/bouncewatch.rules.yml"
install -D -m 0644 packaging/grafana/bouncewatch.json \
    "$DESTDIR$PREFIX/share/bouncewatch/grafana/bouncewatch.json"
install -d -m 0755 "$DESTDIR$PREFIX/share/doc/bouncewatch"
for page in docs/*.md; do
    install -m 0644 "$page" "$DESTDIR$PREFIX/share/doc/bouncewatch/$(basename "$page")"
done
# Pages link their pictures as images/NAME, so the folder is installed beside them.
for image in docs/images/*; do
    [ -f "$image" ] || continue
    install -D -m 0644 "$image" "$DESTDIR$PREFIX/share/doc/bouncewatch/images/$(basename "$image")"
done

cat >&2 <<MESSAGE
install: installed under $DESTDIR$PREFIX. To run the service:
    systemd-sysusers bouncewatch.conf        # or: adduser --system --group bouncewatch
    systemd-tmpfiles --create bouncewatch.conf
    adduser bouncewatch postdrop             # for queue: with Postfix; Debian-exim with Exim
    setfacl -m u:bouncewatch:rwx,d:u::rwx,d:g::r-x,d:o::r-x /var/lib/prometheus/node-exporter
    systemctl daemon-reload
    systemctl enable --now bouncewatch
MESSAGE
