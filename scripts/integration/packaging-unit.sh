#!/usr/bin/env bash
# The systemd unit and its snippets, checked with systemd's own tools (no systemd as PID 1
# needed): `systemd-analyze verify` on a copy whose ExecStart= runs the built binary, the
# sandbox's exposure from `systemd-analyze security --offline=true` at 2.0 or lower, and the
# sysusers.d and tmpfiles.d snippets applied to a scratch root.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
    echo "packaging-unit: FAIL: $*" >&2
    exit 1
}
bin="${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built binary}"
[ -x "$bin" ] || fail "BOUNCEWATCH_BIN=$bin is not executable"
command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (Debian package systemd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/bouncewatch-unit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Other users (the service user, nobody) must reach the scratch root.
chmod 0755 "$work"
maximum_exposure=2.0

# verify prints problems (unknown keys, bad values, missing binaries) as warnings with exit
# status 0, so any output fails the check.
verify() {
    local unit="$1" output
    output="$(systemd-analyze verify --man=no "$unit" 2>&1)" || fail "verify $unit: $output"
    [ -z "$output" ] || fail "systemd-analyze verify complained about $unit:"$'\n'"$output"
}

# Prints the overall exposure (0.0 to 10.0) that systemd-analyze security gives a unit.
exposure() {
    systemd-analyze security --offline=true "$1" 2>&1 |
        sed -n 's/^→ Overall exposure level for [^:]*: \([0-9][0-9.]*\) .*/\1/p'
}

unit="$work/bouncewatch.service"
sed "s#/usr/bin/bouncewatch#$bin#g" packaging/systemd/bouncewatch.service >"$unit"
grep -q "^ExecStart=$bin run --config /etc/bouncewatch/bouncewatch.yml\$" "$unit" ||
    fail "ExecStart= was not rewritten to $bin"
verify "$unit"
echo "packaging-unit: systemd-analyze verify: clean"

score="$(exposure "$unit")"
[ -n "$score" ] || fail "no exposure level in the output of systemd-analyze security"
awk -v s="$score" -v m="$maximum_exposure" 'BEGIN { exit !(s <= m) }' ||
    fail "exposure $score is above $maximum_exposure:"$'\n'"$(systemd-analyze security --offline=true "$unit" | grep '✗')"
echo "packaging-unit: systemd-analyze security: exposure $score (at most $maximum_exposure)"

# The parser must see a bad score too: the same unit without its sandbox.
bare="$work/bare/bouncewatch.service"
mkdir -p "$work/bare"
grep -E '^(\[|Description=|Type=|ExecStart=|User=)' "$unit" >"$bare"
bare_score="$(exposure "$bare")"
awk -v s="$bare_score" -v m="$maximum_exposure" 'BEGIN { exit !(s > m) }' ||
    fail "the unsandboxed unit scored '$bare_score': the score parser is broken"

# What the service relies on, beyond what the score measures.
for line in Type=notify NotifyAccess=main 'ExecReload=/bin/kill -HUP $MAINPID' \
    Restart=on-failure RestartPreventExitStatus=78 User=bouncewatch \
    'SupplementaryGroups=adm systemd-journal' \
    StateDirectory=bouncewatch ReadWritePaths=-/var/lib/prometheus/node-exporter \
    ProtectSystem=strict NoNewPrivileges=yes CapabilityBoundingSet= \
    'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6' SystemCallFilter=@system-service; do
    grep -qxF "$line" packaging/systemd/bouncewatch.service || fail "the unit lacks '$line'"
done
grep -q '^WatchdogSec=[1-9]' packaging/systemd/bouncewatch.service || fail "no WatchdogSec="

# sysusers.d and tmpfiles.d in a scratch root: the user appears, and the textfile directory is
# created, also below a /var/lib/prometheus that belongs to another user, as on Debian with
# prometheus-node-exporter installed (systemd-tmpfiles refuses some operations there). Then
# the postinst's ACL lets the service user create files that others can read.
root="$work/root"
mkdir -p "$root/etc"
cp /etc/passwd /etc/group "$root/etc/"
systemd-sysusers --root="$root" - <packaging/systemd/bouncewatch.sysusers ||
    fail "systemd-sysusers rejected the snippet"
entry="$(grep '^bouncewatch:' "$root/etc/passwd")" || fail "sysusers created no bouncewatch user"
case "$entry" in
*:/var/lib/bouncewatch:/usr/sbin/nologin) ;;
*) fail "unexpected passwd entry: $entry" ;;
esac
uid="$(cut -d: -f3 <<<"$entry")"
[ "$uid" -lt 1000 ] || fail "bouncewatch got uid $uid, not a system uid"
nobody_uid="$(id -u nobody)"
install -d -o "$nobody_uid" "$root/var/lib/prometheus"
systemd-tmpfiles --root="$root" --create - <packaging/systemd/bouncewatch.tmpfiles ||
    fail "systemd-tmpfiles failed on the snippet"
textfile_dir="$root/var/lib/prometheus/node-exporter"
[ "$(stat -c '%U %a' "$textfile_dir")" = "root 755" ] ||
    fail "tmpfiles made $textfile_dir $(stat -c '%U %a' "$textfile_dir"), not root 755"
[ "$(stat -c %u "$root/var/lib/prometheus")" = "$nobody_uid" ] ||
    fail "tmpfiles changed the owner of /var/lib/prometheus"

acl="$(grep -o 'setfacl -m [^ ]*' packaging/debian/postinst | cut -d' ' -f3)"
[ -n "$acl" ] || fail "no setfacl -m in packaging/debian/postinst"
command -v setfacl >/dev/null || fail "setfacl is missing (Debian package acl)"
setfacl -m "${acl//u:bouncewatch:/u:$uid:}" "$textfile_dir" || fail "setfacl -m $acl failed"
setpriv --reuid="$uid" --regid="$uid" --clear-groups sh -c \
    'umask 0077 && echo "x 1" >"$1/test.prom"' sh "$textfile_dir" ||
    fail "the bouncewatch user cannot create a file in the textfile directory"
mode="$(stat -c %a "$textfile_dir/test.prom")"
[ "$mode" = 644 ] || fail "a file created with umask 0077 got mode $mode, not 644 (default ACL)"
setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups cat "$textfile_dir/test.prom" \
    >/dev/null || fail "another user cannot read the textfile"
if setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups \
    touch "$textfile_dir/other.prom" 2>/dev/null; then
    fail "the ACL lets every user write the textfile directory"
fi
echo "packaging-unit: sysusers.d, tmpfiles.d and the ACL: user uid $uid, textfile directory" \
    "writable by it, its files 0644"
