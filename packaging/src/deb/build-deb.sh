#!/bin/bash
# Builds debswarm_<version>_all.deb from the runtime's assembly with dpkg-deb (docs/packaging.md says why not
# jdeb): build-deb.sh DIST_DIR OUT_DIR MAVEN_VERSION. A -SNAPSHOT becomes <version>~snapshot.<UTC time>, so each
# rebuild is an upgrade of the one before; DEB_VERSION overrides.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dist="$1"
out="$2"
case "$3" in
  *-SNAPSHOT) version="${3%-SNAPSHOT}~snapshot.$(date -u +%Y%m%d%H%M%S)" ;;
  *) version="$3" ;;
esac
version="${DEB_VERSION:-$version}"
[ -d "$dist/bundle" ] || { echo "build-deb.sh: no runtime assembly in $dist" >&2; exit 1; }
root="$out/debswarm-root"
rm -rf "$root"
share="$root/usr/share/debswarm"
mkdir -p "$share/deploy" "$root/etc/debswarm" "$root/usr/bin" "$root/lib/systemd/system" \
  "$root/usr/share/doc/debswarm" "$root/usr/share/lintian/overrides" "$root/DEBIAN"

cp -r "$dist/bin" "$dist/lib" "$dist/boot" "$dist/bundle" "$share/"
# a class-data archive a node run from the build folder made is for that folder: the package's node makes its own
rm -f "$share"/lib/debswarm.jsa*
cp "$dist"/deploy/*.jar "$share/deploy/"
ln -s /etc/debswarm "$share/conf"
cp "$dist"/deploy/*.cfg "$here"/etc/* "$root/etc/debswarm/"
install -m 0755 "$here/debswarm.sh" "$root/usr/bin/debswarm"
install -m 0644 "$here/debswarm.service" "$root/lib/systemd/system/debswarm.service"
install -m 0644 "$here/copyright" "$root/usr/share/doc/debswarm/copyright"
mkdir -p "$root/usr/share/man/man1"
gzip -9n < "$here/debswarm.1" > "$root/usr/share/man/man1/debswarm.1.gz"
install -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/debswarm"
docs="$here/../../../docs"
[ -f "$docs/packaging.md" ] && install -m 0644 "$docs/packaging.md" "$root/usr/share/doc/debswarm/packaging.md"
(cd "$share" && ls boot bundle deploy lib) > "$root/usr/share/doc/debswarm/bundles.txt"
printf 'debswarm (%s) unstable; urgency=medium\n\n  * Built from the Maven reactor.\n\n -- Debswarm maintainers <debswarm@example.org>  %s\n' \
  "$version" "$(date -R -u)" | gzip -9n > "$root/usr/share/doc/debswarm/changelog.gz"

find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/bin/debswarm" "$share"/bin/*

(cd "$root" && find etc -type f | sed 's#^#/#' | sort) > "$root/DEBIAN/conffiles"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$root/DEBIAN/"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
  > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums" "$root/DEBIAN/conffiles"
cat > "$root/DEBIAN/control" <<CONTROL
Package: debswarm
Version: $version
Architecture: all
Maintainer: Debswarm maintainers <debswarm@example.org>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, adduser
Recommends: systemd
Section: net
Priority: optional
Description: peer-to-peer proxy for apt
 Debswarm runs a node on every machine: apt points at it, and the node serves
 each .deb from its own store, from other nodes over the BitTorrent peer wire,
 or from the mirror when no peer can. Mirrors then serve each file about once
 per swarm instead of once per machine.
 .
 The package runs the node as the systemd service debswarm and points apt at it
 through Acquire::http::Proxy-Auto-Detect, which goes DIRECT whenever the node
 cannot serve. The debswarm command reports the node's state and manages its
 store.
CONTROL
mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/debswarm_${version}_all.deb" >/dev/null
echo "$out/debswarm_${version}_all.deb"
