#!/usr/bin/env bash
# The fleet run of issue 13: N hosts (network namespaces on one bridge), a mirror on the bridge's address with
# its uplink limited by tc, a set of .deb files; three runs from empty stores: every host straight from the
# mirror (no Debswarm), one host alone through its node, then a node on every host (LAN mode and the fleet key
# only) with every apt at once. Prints mirror bytes / set (target <= 1.05, index files included), LAN bytes
# received per host / set (target <= 1.1), and each host's time against one host alone and against no Debswarm.
#
#   bench/fleet.sh [--hosts 8] [--total-mb 200] [--rate-mb 20] [--keep]
#
# Needs root (namespaces, tc) and (Debian) apt, dpkg-dev, xz-utils, gnupg, curl, iproute2. Builds the runtime and
# the itests test classes with the reactor (no `mvn install`: the classpath points into each module's target/),
# then runs FleetBench (itests/src/test/java/org/debswarm/itests/apt). Temporary files (the archive, and a copy
# of it per host and run, about 3 x hosts x the total) go to java.io.tmpdir and are deleted at the end, also on
# failure or Ctrl-C (--keep leaves them); the namespaces and the bridge are always deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in apt-get dpkg-deb xz gpg gpgconf curl ip tc; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces, tc)" >&2; exit 1; }

mvn -B -q -o package -DskipTests -pl itests -am dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="itests/target/test-classes:$(cat itests/target/bench.classpath)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx1g} -Ddebswarm.dist="$PWD/runtime/target/debswarm" -cp "$cp" \
    org.debswarm.itests.apt.FleetBench "$@"
