#!/usr/bin/env bash
# TrackerBench: announces per second of the Debswarm tracker (real component, H2 writer on, servlets on a
# plain Jetty 12) against opentracker, both loaded by wrk on 127.0.0.1.
#
#   bench/tracker.sh [seconds=15] [connections=64]
#   JAVA_OPTS="-Xmx1g -Dbench.flushPeriod=3600000" bench/tracker.sh     # database writer effectively off
#   bench/tracker.sh --node [seconds] [connections]  # the tracker of a full node (bin/debswarm of the runtime, its
#                                                    # own JVM options), next to opentracker
#
# Needs (Debian): wrk and opentracker (apt-get install -y wrk opentracker). Without wrk a Java load generator
# is used; without opentracker no ratio is printed. Builds the tracker module with the reactor (package, no
# install), then compiles and runs the bench on the tracker's test classpath (which has Jetty's servlet
# support), independent of bench/pom.xml. JFR=/tmp/t.jfr records the Java side with JFR (settings=profile).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wrk opentracker; do
  command -v "$tool" >/dev/null || echo "note: $tool not installed (apt-get install -y $tool)" >&2
done

# In the reactor (never mvn install: it would replace the snapshots in ~/.m2 that others resolve): the tracker's
# test classpath then names its sibling modules' jars in their target/ folders.
mvn -B -q -o -pl bundles/tracker -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
node=""
if [ "${1:-}" = "--node" ]; then node=1; shift; fi
cp="bundles/tracker/target/classes:$(cat bundles/tracker/target/bench.classpath)"
out=bundles/tracker/target/bench-classes
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/src/main/java/org/debswarm/bench/TrackerBench.java
# shellcheck disable=SC2086
node_opts=()
if [ -n "$node" ]; then # a real node: the runtime built with the reactor, its tracker on a free port
  mvn -B -q -o package -DskipTests -pl runtime -am
  work="$(mktemp -d /tmp/debswarm-trackerbench.XXXXXX)"
  trap 'kill "${node_pid:-}" 2>/dev/null || true; wait "${node_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
  cp -r runtime/target/debswarm "$work/node"
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
  tracker_port="$(free_port)"
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$(free_port)/" "$work/node/deploy/org.apache.felix.http-aptlistener.cfg"
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$tracker_port/" "$work/node/deploy/org.apache.felix.http-tracker.cfg"
  echo "port=$(free_port)" > "$work/node/deploy/org.debswarm.peerwire.cfg"
  printf 'trackers=http://127.0.0.1:%s/announce\n' "$tracker_port" > "$work/node/deploy/org.debswarm.node.cfg"
  # every announce of the load comes from 127.0.0.1: lift the per-client flood limit, as TrackerBench does
  echo "newTorrentsPerMinute=1000000" > "$work/node/deploy/org.debswarm.tracker.cfg"
  DEBSWARM_OPTS="-Dorg.osgi.service.http.port=$(free_port)" "$work/node/bin/debswarm" --home "$work/home" > "$work/node.log" 2>&1 &
  node_pid=$!
  end=$((SECONDS + 120))
  until curl -sf -o /dev/null "http://127.0.0.1:$tracker_port/stats.json"; do # 200: the servlets are up
    [ $SECONDS -lt $end ] || { echo "the node's tracker did not answer; log:" >&2; tail -20 "$work/node.log" >&2; exit 1; }
    sleep 0.2
  done
  node_opts=("-Dbench.trackerUrl=http://127.0.0.1:$tracker_port")
fi
jfr=()
[ -z "${JFR:-}" ] || jfr=("-XX:StartFlightRecording=settings=profile,filename=$JFR,dumponexit=true")
java ${JAVA_OPTS:--Xmx1g} "${jfr[@]}" "${node_opts[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$out:$cp" \
    org.debswarm.bench.TrackerBench "$@"
