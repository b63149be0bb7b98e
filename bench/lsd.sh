#!/bin/sh
# BEP 14 Local Service Discovery across N hosts: network namespaces fleet-lsd-* on one bridge, a real engine
# per host (host 1 seeds, the others leech with no tracker and no peer given). Prints, per leech, the peers it
# connected to, the datagrams it sent and read, and the time from start to having every file. No assertion on
# time. Needs root and ip(8); the namespaces are deleted at the end, also on failure.
# Usage: bench/lsd.sh [hosts]   (default 8)
set -eu
cd "$(dirname "$0")/.."
mvn -B -o -pl bundles/peerwire -am test -Dtest=LsdMulticastTest -Dsurefire.failIfNoSpecifiedTests=false \
    -DskipITs -Dlsd.hosts="${1:-8}" | grep -E '^LSD figures|Tests run:|FAIL' || true
