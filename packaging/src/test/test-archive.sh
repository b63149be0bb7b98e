#!/bin/bash
# A tiny signed Debian archive for package-test.sh: test-archive.sh DIR makes DIR/www/debian (suite ci, one
# package debswarm-ci-hello), signed (InRelease and Release.gpg) with a throwaway key whose public keyring is
# DIR/archive-keyring.gpg, for apt's signed-by and the node's mirrorKeyrings.
set -euo pipefail
dir="$1"
arch="$(dpkg --print-architecture)"
mkdir -p "$dir/pkg/DEBIAN" "$dir/pkg/usr/share/doc/debswarm-ci-hello" "$dir/www/debian/pool/main" \
  "$dir/www/debian/dists/ci/main/binary-$arch" "$dir/gnupg"
chmod 700 "$dir/gnupg"
cat > "$dir/pkg/DEBIAN/control" <<CONTROL
Package: debswarm-ci-hello
Version: 1.0
Architecture: all
Maintainer: Debswarm CI <ci@example.org>
Description: test package of the Debswarm package test
 Downloaded through the node by apt.
CONTROL
head -c 300000 /dev/urandom | base64 > "$dir/pkg/usr/share/doc/debswarm-ci-hello/payload"
dpkg-deb --root-owner-group -Zxz --build "$dir/pkg" "$dir/www/debian/pool/main/debswarm-ci-hello_1.0_all.deb" >/dev/null
cd "$dir/www/debian"
dpkg-scanpackages --multiversion pool/main > "dists/ci/main/binary-$arch/Packages" 2>/dev/null
gzip -9nk "dists/ci/main/binary-$arch/Packages"
{
  echo "Origin: Debswarm CI"
  echo "Label: Debswarm CI"
  echo "Suite: ci"
  echo "Codename: ci"
  echo "Date: $(date -R -u)"
  echo "Architectures: $arch"
  echo "Components: main"
  echo "SHA256:"
  for f in "main/binary-$arch/Packages" "main/binary-$arch/Packages.gz"; do
    printf ' %s %s %s\n' "$(sha256sum < "dists/ci/$f" | cut -d' ' -f1)" "$(stat -c %s "dists/ci/$f")" "$f"
  done
} > dists/ci/Release
export GNUPGHOME="$dir/gnupg"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Debswarm CI <ci@example.org>' ed25519 sign never 2>/dev/null
gpg --batch --quiet --yes --clearsign -o dists/ci/InRelease dists/ci/Release
gpg --batch --quiet --yes -abs -o dists/ci/Release.gpg dists/ci/Release
gpg --batch --quiet --export > "$dir/archive-keyring.gpg"
gpgconf --kill all
chmod -R a+rX "$dir/www" "$dir/archive-keyring.gpg"
