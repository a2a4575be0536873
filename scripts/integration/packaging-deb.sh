#!/usr/bin/env bash
# The Debian package: built by scripts/build-deb.sh (or taken from BOUNCEWATCH_DEB), checked by
# lintian (no errors; warnings are listed), then installed, upgraded, removed and purged with
# dpkg in a throw-away root: an overlay of this machine's own root with a tmpfs on top, inside
# a private mount namespace, so the machine's /etc, /var and dpkg database never change.
#
# Environment: BOUNCEWATCH_DEB (a built package: skips the release build), RELEASE_SCRATCH
# (the SwiftPM directory for the release build, default .build-release).
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
    echo "packaging-deb: FAIL: $*" >&2
    exit 1
}
[ "$(id -u)" -eq 0 ] || fail "needs root for the private mount namespace and dpkg"
for tool in dpkg-deb lintian unshare chroot; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh test)"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/bouncewatch-deb.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [ -n "${BOUNCEWATCH_DEB:-}" ]; then
    deb="$BOUNCEWATCH_DEB"
else
    started=$SECONDS
    deb="$(OUT_DIR="$work/out" RELEASE_SCRATCH="${RELEASE_SCRATCH:-.build-release}" \
        scripts/build-deb.sh)" || fail "scripts/build-deb.sh failed"
    echo "packaging-deb: built $(basename "$deb") in $((SECONDS - started)) s"
fi
[ -f "$deb" ] || fail "no package at $deb"

# The package's contents and metadata.
contents="$(dpkg-deb --contents "$deb")"
for path in ./usr/bin/bouncewatch ./lib/systemd/system/bouncewatch.service \
    ./usr/lib/sysusers.d/bouncewatch.conf ./usr/lib/tmpfiles.d/bouncewatch.conf \
    ./etc/bouncewatch/bouncewatch.yml ./usr/share/man/man8/bouncewatch.8.gz \
    ./usr/share/man/man5/bouncewatch.yml.5.gz ./usr/share/doc/bouncewatch/copyright \
    ./usr/share/doc/bouncewatch/changelog.Debian.gz \
    ./usr/share/bouncewatch/prometheus/bouncewatch.rules.yml \
    ./usr/share/bouncewatch/grafana/bouncewatch.json; do
    grep -q " $path\$" <<<"$contents" || fail "the package lacks $path"
done
# The pages link their pictures as images/NAME: each one is installed beside them.
for image in docs/images/*; do
    path="./usr/share/doc/bouncewatch/images/$(basename "$image")"
    grep -q " $path\$" <<<"$contents" || fail "the package lacks $path (linked by docs/*.md)"
done
if grep -v ' root/root ' <<<"$contents" | grep -q .; then
    fail "files not owned by root/root:"$'\n'"$(grep -v ' root/root ' <<<"$contents")"
fi
[ "$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)" = /etc/bouncewatch/bouncewatch.yml ] ||
    fail "conffiles must list exactly /etc/bouncewatch/bouncewatch.yml"
depends="$(dpkg-deb --field "$deb" Depends)"
for library in libc6 libsystemd0 libcurl4 zlib1g; do
    grep -q "\\b$library\\b" <<<"$depends" || fail "Depends lacks $library: $depends"
done
# libcurl is not linked (it is loaded when a notifier sends), so build-deb.sh names it.
grep -qF "libcurl4 (>= 7.85.0)" <<<"$depends" || fail "Depends lacks libcurl4 (>= 7.85.0): $depends"
echo "packaging-deb: contents, conffiles and Depends ($depends) as expected"

# The size budget of the shipped binary (docs/benchmarks.md): the packaged one keeps it, and
# build-deb.sh refuses a binary one byte over its budget.
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/bin/bouncewatch >"$work/bouncewatch"
binary_bytes="$(stat -c %s "$work/bouncewatch")"
[ "$binary_bytes" -le 16000000 ] ||
    fail "the packaged binary is $binary_bytes bytes, over the budget of 16000000"
chmod 0755 "$work/bouncewatch"
if over="$(BOUNCEWATCH_RELEASE_BIN="$work/bouncewatch" OUT_DIR="$work/over" \
    MAX_BINARY_BYTES=$((binary_bytes - 1)) scripts/build-deb.sh 2>&1)"; then
    fail "build-deb.sh packaged a binary over its size budget"
fi
grep -q "over the budget of $((binary_bytes - 1)) bytes" <<<"$over" ||
    fail "build-deb.sh failed without naming the size budget: $over"
echo "packaging-deb: the stripped binary is $binary_bytes bytes (budget 16000000)"

# lintian: errors fail, warnings are listed for the record.
lintian_output="$(lintian --no-tag-display-limit --display-level '>=warning' "$deb" 2>&1)" ||
    true
if grep -q '^E: ' <<<"$lintian_output"; then
    fail "lintian reported errors:"$'\n'"$lintian_output"
fi
warnings="$(grep -c '^W: ' <<<"$lintian_output" || true)"
echo "packaging-deb: lintian: 0 errors, $warnings warnings"
[ "$warnings" -eq 0 ] || grep '^W: ' <<<"$lintian_output" | sed 's/^/packaging-deb:   /'

# The install, upgrade, remove and purge run inside the throw-away root.
cp "$deb" "$work/bouncewatch.deb"
mkdir "$work/layer"
host_before="$(getent passwd bouncewatch || true; ls -d /etc/bouncewatch 2>/dev/null || true)"
cat >"$work/inside.sh" <<'INSIDE'
#!/bin/sh
# Runs chrooted in the overlay: every check of the installed package.
set -eu
fail() {
    echo "packaging-deb: FAIL (in the throw-away root): $*" >&2
    exit 1
}
has_subcommand() { bouncewatch --help | sed -n '/^SUBCOMMANDS:/,$p' | grep -q "^  $1 "; }

dpkg -i /tmp/bouncewatch.deb >/tmp/dpkg.log 2>&1 || fail "dpkg -i failed: $(cat /tmp/dpkg.log)"
getent passwd bouncewatch >/dev/null || fail "no bouncewatch user after installation"
# queue: reads Postfix's showq socket (group postdrop) or Exim's spool (group Debian-exim).
for group in postdrop Debian-exim; do
    if getent group "$group" >/dev/null; then
        id -nG bouncewatch | tr ' ' '\n' | grep -qx "$group" ||
            fail "the bouncewatch user is not in the $group group after installation"
    fi
done
[ "$(stat -c '%U %a' /var/lib/bouncewatch)" = "bouncewatch 750" ] ||
    fail "/var/lib/bouncewatch is $(stat -c '%U %a' /var/lib/bouncewatch)"
[ -L /etc/systemd/system/multi-user.target.wants/bouncewatch.service ] ||
    fail "the unit is not enabled"
setpriv --reuid=bouncewatch --regid=bouncewatch --clear-groups \
    sh -c 'echo "x 1" >/var/lib/prometheus/node-exporter/packaging-test.prom' ||
    fail "the bouncewatch user cannot write the textfile directory"
rm -f /var/lib/prometheus/node-exporter/packaging-test.prom
if ldd /usr/bin/bouncewatch | grep -q swift; then
    fail "the binary loads Swift libraries at run time: $(ldd /usr/bin/bouncewatch)"
fi
if ldd /usr/bin/bouncewatch | grep -q libcurl; then
    fail "the binary links libcurl (it should load it only to send): $(ldd /usr/bin/bouncewatch)"
fi
env -i /usr/bin/bouncewatch --version >/dev/null || fail "bouncewatch --version failed"
man -l /usr/share/man/man8/bouncewatch.8.gz >/dev/null 2>&1 || fail "man bouncewatch fails"
output="$(systemd-analyze verify /lib/systemd/system/bouncewatch.service 2>&1)" ||
    fail "systemd-analyze verify on the installed unit: $output"
[ -z "$output" ] || fail "systemd-analyze verify on the installed unit: $output"
if has_subcommand check-config; then
    # type: auto decides at load time: the journal here, the file once it exists.
    bouncewatch check-config --config /etc/bouncewatch/bouncewatch.yml >/tmp/check.log 2>&1 ||
        fail "check-config rejects the packaged configuration: $(cat /tmp/check.log)"
    install -m 0640 -g adm /dev/null /var/log/mail.log
    bouncewatch check-config --config /etc/bouncewatch/bouncewatch.yml >/tmp/check.log 2>&1 ||
        fail "check-config with /var/log/mail.log: $(cat /tmp/check.log)"
    grep -q /var/log/mail.log /tmp/check.log ||
        fail "with /var/log/mail.log present, type: auto did not choose it: $(cat /tmp/check.log)"
    echo "packaging-deb: the packaged configuration passes check-config (journal and file)"
else
    echo "packaging-deb: NOTE: this build has no 'bouncewatch check-config'; the packaged" \
        "configuration was not validated"
fi

if has_subcommand run; then
    # The packaged configuration, run as the service would: user bouncewatch with its groups,
    # no new privileges. It must write the textfile, readable by node_exporter's user.
    [ -f /var/log/mail.log ] || install -m 0640 -g adm /dev/null /var/log/mail.log
    setpriv --reuid=bouncewatch --regid=bouncewatch --groups=adm,systemd-journal \
        --no-new-privs bouncewatch run --config /etc/bouncewatch/bouncewatch.yml \
        >/tmp/daemon.log 2>&1 &
    daemon=$!
    textfile=/var/lib/prometheus/node-exporter/bouncewatch.prom
    tries=0
    while [ ! -s "$textfile" ] && [ "$tries" -lt 300 ]; do
        kill -0 "$daemon" 2>/dev/null || fail "the daemon exited: $(cat /tmp/daemon.log)"
        sleep 0.1
        tries=$((tries + 1))
    done
    [ -s "$textfile" ] || fail "no textfile after 30 s: $(cat /tmp/daemon.log)"
    kill -TERM "$daemon"
    wait "$daemon" || fail "the daemon did not exit 0 on SIGTERM: $(cat /tmp/daemon.log)"
    [ "$(stat -c '%U %a' "$textfile")" = "bouncewatch 644" ] ||
        fail "the textfile is $(stat -c '%U %a' "$textfile"), not bouncewatch 644"
    grep -q '^bouncewatch_build_info' "$textfile" || fail "the textfile lacks bouncewatch_build_info"
    if getent passwd prometheus >/dev/null; then
        setpriv --reuid=prometheus --regid=prometheus --clear-groups cat "$textfile" >/dev/null ||
            fail "node_exporter's user prometheus cannot read the textfile"
    fi
    ls /var/lib/bouncewatch | grep -q . || fail "the daemon left nothing in its state directory"
    echo "packaging-deb: the packaged configuration runs as user bouncewatch and writes the textfile"
else
    echo "packaging-deb: NOTE: this build has no 'bouncewatch run'; the daemon was not started"
fi

# Upgrade (the same version again takes the upgrade path): a changed conffile survives.
echo "# changed by the administrator" >>/etc/bouncewatch/bouncewatch.yml
dpkg -i /tmp/bouncewatch.deb >/tmp/dpkg.log 2>&1 || fail "upgrade failed: $(cat /tmp/dpkg.log)"
grep -q '^# changed by the administrator$' /etc/bouncewatch/bouncewatch.yml ||
    fail "the upgrade overwrote the changed configuration"

# Remove keeps configuration, state and user; purge takes configuration and state.
touch /var/lib/bouncewatch/checkpoint
dpkg -r bouncewatch >/tmp/dpkg.log 2>&1 || fail "dpkg -r failed: $(cat /tmp/dpkg.log)"
[ ! -e /usr/bin/bouncewatch ] || fail "dpkg -r left the binary"
[ -f /etc/bouncewatch/bouncewatch.yml ] || fail "dpkg -r removed the configuration"
[ -f /var/lib/bouncewatch/checkpoint ] || fail "dpkg -r removed the state"
dpkg -P bouncewatch >/tmp/dpkg.log 2>&1 || fail "dpkg -P failed: $(cat /tmp/dpkg.log)"
[ ! -e /etc/bouncewatch ] || fail "purge left /etc/bouncewatch"
[ ! -e /var/lib/bouncewatch ] || fail "purge left /var/lib/bouncewatch"
[ ! -e /etc/systemd/system/multi-user.target.wants/bouncewatch.service ] ||
    fail "purge left the unit enabled"
[ ! -e /etc/systemd/system/bouncewatch.service ] || fail "purge left the unit masked"
getent passwd bouncewatch >/dev/null || fail "purge removed the system user"
if getfacl -p /var/lib/prometheus/node-exporter 2>/dev/null | grep -q '^user:bouncewatch:'; then
    fail "purge left the ACL entry on /var/lib/prometheus/node-exporter"
fi
echo "packaging-deb: install, upgrade, remove and purge in a throw-away root: as expected"
INSIDE
chmod 0755 "$work/inside.sh"

unshare -m --propagation private sh -c '
    set -e
    work="$1"
    mount -t tmpfs tmpfs "$work/layer"
    mkdir "$work/layer/upper" "$work/layer/work" "$work/layer/root"
    root="$work/layer/root"
    mount -t overlay overlay \
        -o "lowerdir=/,upperdir=$work/layer/upper,workdir=$work/layer/work" "$root"
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    # No running systemd in there: the maintainer scripts must enable, not start.
    mount -t tmpfs tmpfs "$root/run"
    cp "$work/bouncewatch.deb" "$work/inside.sh" "$root/tmp/"
    chroot "$root" /tmp/inside.sh
' sh "$work" || fail "the throw-away installation failed"

# The machine itself is untouched.
host_after="$(getent passwd bouncewatch || true; ls -d /etc/bouncewatch 2>/dev/null || true)"
[ "$host_before" = "$host_after" ] || fail "the test changed this machine's users or /etc"
