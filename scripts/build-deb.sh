#!/usr/bin/env bash
# Builds the Debian package out/bouncewatch_VERSION-REVISION_ARCH.deb.
#
#   scripts/build-deb.sh                    release build (static Swift runtime), then the .deb
#   BOUNCEWATCH_RELEASE_BIN=FILE scripts/build-deb.sh    package FILE instead of building
#
# Environment: RELEASE_SCRATCH (SwiftPM build directory, default .build-release), OUT_DIR
# (default out), DEB_REVISION (default 1), SWIFT (default swift), MAX_BINARY_BYTES (the size
# budget of the stripped binary, default 16000000: a larger one fails the build).
#
# The layout follows Debian policy without debhelper: the binary stripped, the unit, sysusers.d
# and tmpfiles.d snippets, the configuration as a conffile, manual pages and changelog
# compressed with gzip -9n, a machine-readable copyright, md5sums, and Depends computed by
# dpkg-shlibdeps from the binary's ELF dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT="${SWIFT:-swift}"
RELEASE_SCRATCH="${RELEASE_SCRATCH:-.build-release}"
OUT_DIR="${OUT_DIR:-out}"
DEB_REVISION="${DEB_REVISION:-1}"
MAX_BINARY_BYTES="${MAX_BINARY_BYTES:-16000000}"

log() { printf 'build-deb: %s\n' "$*" >&2; }
fail() {
    log "error: $*"
    exit 1
}

for tool in dpkg-deb dpkg-shlibdeps strip gzip; do
    command -v "$tool" >/dev/null 2>&1 ||
        fail "$tool is missing (apt-get install dpkg-dev binutils)"
done

version="$(sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' Sources/BounceApp/BuildInfo.swift)"
[ -n "$version" ] || fail "no version in Sources/BounceApp/BuildInfo.swift"
changelog_version="$(sed -n '1s/^bouncewatch (\([^)]*\)).*/\1/p' packaging/debian/changelog)"
[ "$changelog_version" = "$version-$DEB_REVISION" ] ||
    fail "packaging/debian/changelog starts with $changelog_version, not $version-$DEB_REVISION"
arch="$(dpkg --print-architecture)"
package="bouncewatch_${version}-${DEB_REVISION}_${arch}"

if [ -n "${BOUNCEWATCH_RELEASE_BIN:-}" ]; then
    binary="$BOUNCEWATCH_RELEASE_BIN"
else
    log "release build in $RELEASE_SCRATCH"
    # Zero compiler warnings, as for every build of the project; immediate binding (-z now)
    # completes the RELRO hardening Debian expects of a daemon.
    scripts/swift-build-checked.sh -c release --static-swift-stdlib \
        -Xlinker -z -Xlinker now --scratch-path "$RELEASE_SCRATCH" --product bouncewatch >&2
    binary="$("$SWIFT" build -c release --static-swift-stdlib -Xlinker -z -Xlinker now \
        --scratch-path "$RELEASE_SCRATCH" --show-bin-path)/bouncewatch"
fi
[ -x "$binary" ] || fail "no executable at $binary"
# One String.contains(String) links the standard library's _StringProcessing, and with it the
# regex parser: 1.4 MB of the size budget (docs/benchmarks.md, "Linking for size").
if nm "$binary" 2>/dev/null | grep '17_StringProcessing' >/dev/null; then
    fail "the binary links _StringProcessing: use containsText/replacingText (BounceCore/Text)"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/bouncewatch-deb.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/$package"
doc="$root/usr/share/doc/bouncewatch"

# Directories 0755 and files 0644 whatever the caller's umask; dpkg-deb records them as is.
umask 0022
install -D -m 0755 "$binary" "$root/usr/bin/bouncewatch"
strip --strip-unneeded --remove-section=.comment --remove-section=.note \
    "$root/usr/bin/bouncewatch"
# The shipped binary has a size budget (docs/benchmarks.md, "Binary size"): a build that
# outgrows it fails here, and so in CI, where scripts/integration/packaging-deb.sh builds the
# package through this script.
binary_bytes="$(stat -c %s "$root/usr/bin/bouncewatch")"
[ "$binary_bytes" -le "$MAX_BINARY_BYTES" ] ||
    fail "the stripped binary is $binary_bytes bytes, over the budget of $MAX_BINARY_BYTES bytes"
log "stripped binary: $binary_bytes bytes (budget $MAX_BINARY_BYTES)"
install -D -m 0644 packaging/systemd/bouncewatch.service \
    "$root/lib/systemd/system/bouncewatch.service"
install -D -m 0644 packaging/systemd/bouncewatch.sysusers \
    "$root/usr/lib/sysusers.d/bouncewatch.conf"
install -D -m 0644 packaging/systemd/bouncewatch.tmpfiles \
    "$root/usr/lib/tmpfiles.d/bouncewatch.conf"
install -D -m 0644 packaging/bouncewatch.yml "$root/etc/bouncewatch/bouncewatch.yml"
install -D -m 0644 packaging/prometheus/bouncewatch.rules.yml \
    "$root/usr/share/bouncewatch/prometheus/bouncewatch.rules.yml"
install -D -m 0644 packaging/grafana/bouncewatch.json \
    "$root/usr/share/bouncewatch/grafana/bouncewatch.json"
install -d -m 0755 "$root/usr/share/man/man8" "$root/usr/share/man/man5"
gzip -9n <packaging/man/bouncewatch.8 >"$root/usr/share/man/man8/bouncewatch.8.gz"
gzip -9n <packaging/man/bouncewatch.yml.5 >"$root/usr/share/man/man5/bouncewatch.yml.5.gz"
install -D -m 0644 packaging/debian/copyright "$doc/copyright"
gzip -9n <packaging/debian/changelog >"$doc/changelog.Debian.gz"
# The user documentation: installation, configuration, metrics, alerts, causes.
for page in docs/*.md; do
    install -m 0644 "$page" "$doc/$(basename "$page")"
done
# Pages link their pictures as images/NAME, so the folder is installed beside them.
for image in docs/images/*; do
    [ -f "$image" ] || continue
    install -D -m 0644 "$image" "$doc/images/$(basename "$image")"
done
chmod 0644 "$root"/usr/share/man/man*/*.gz "$doc/changelog.Debian.gz"
install -D -m 0644 packaging/debian/lintian-overrides \
    "$root/usr/share/lintian/overrides/bouncewatch"

install -d -m 0755 "$root/DEBIAN"
for script in postinst prerm postrm; do
    install -m 0755 "packaging/debian/$script" "$root/DEBIAN/$script"
done
echo /etc/bouncewatch/bouncewatch.yml >"$root/DEBIAN/conffiles"
chmod 0644 "$root/DEBIAN/conffiles"

# dpkg-shlibdeps reads debian/control from the current directory.
mkdir -p "$work/shlibdeps/debian"
printf 'Source: bouncewatch\n\nPackage: bouncewatch\nArchitecture: any\n' \
    >"$work/shlibdeps/debian/control"
depends="$(cd "$work/shlibdeps" && dpkg-shlibdeps -O "$root/usr/bin/bouncewatch" |
    sed -n 's/^shlibs:Depends=//p')"
[ -n "$depends" ] || fail "dpkg-shlibdeps found no dependencies"
# libcurl is loaded with dlopen when a notifier first sends, so dpkg-shlibdeps cannot see it.
# 7.85.0 is the first with CURLOPT_PROTOCOLS_STR, which the transports set.
depends="$depends, libcurl4 (>= 7.85.0)"
installed_size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"

sed -e "s/@VERSION@/$version-$DEB_REVISION/" -e "s/@ARCH@/$arch/" \
    -e "s/@DEPENDS@/$depends/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
    packaging/debian/control.in >"$root/DEBIAN/control"
chmod 0644 "$root/DEBIAN/control"

(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z |
    xargs -0 md5sum >DEBIAN/md5sums)
chmod 0644 "$root/DEBIAN/md5sums"

mkdir -p "$OUT_DIR"
dpkg-deb --root-owner-group -Zxz --build "$root" "$OUT_DIR/$package.deb" >/dev/null
log "built $OUT_DIR/$package.deb (Depends: $depends)"
echo "$OUT_DIR/$package.deb"
