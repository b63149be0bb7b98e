#!/usr/bin/env bash
# Footprint of a real node (issue 17 item 7): start-up to ready (/health), RSS and CPU-seconds when ready,
# idle after --idle seconds, at the peak while apt downloads --total-mb of .debs through the node from a mirror
# on loopback and 3 other real nodes (bin/debswarm, own stores and apt each, all on loopback) pull the same
# packages from it, and after. RSS from /proc/PID/status (VmRSS, VmHWM for the peak), CPU from /proc/PID/stat.
#
#   bench/footprint.sh [--idle 60] [--total-mb 1024] [--peers 3] [--peer-mirror-kib 4096] [--baseline | --before]
#   --baseline: the node under test with the JVM's own defaults (G1, heap 1/4 of RAM, no metaspace/code/direct
#               caps) instead of bin/debswarm's
#   --before:   the node under test with bin/debswarm's options of before 2026-12-06 (no malloc trimming, the
#               JVM's own compile thresholds, no class-data archive)
#   --peer-mirror-kib: each peer's download limit from the mirror (governor mirrorRateLimits), so that the
#               peers take most of the packages from the swarm, the node under test first of all
#
# All nodes announce to the node under test's tracker. Every node's apt runs apt-get update (which makes and
# announces the Packages torrent); then the node's apt starts its download, and the peers' once the node holds
# its first package (they would otherwise race it to the mirror, and it would take pieces from them). The peak is over the whole time
# until the last apt finished; the peers' bytes from peers and the node's upload come from /debswarm/stats.json.
# Needs: curl, python3, dpkg-deb, dpkg-scanpackages, gpg, xz, apt-get. Builds nothing: build first with
# mvn -B -q -o package -DskipTests -pl runtime -am (never mvn install).
set -euo pipefail
cd "$(dirname "$0")/.."
idle=60
total_mb=1024
peers=3
peer_kib=4096
mode=default
while [ $# -gt 0 ]; do
  case "$1" in
    --idle) idle="$2"; shift 2 ;;
    --total-mb) total_mb="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    --peer-mirror-kib) peer_kib="$2"; shift 2 ;;
    --baseline) mode=baseline; shift ;;
    --before) mode=before; shift ;;
    *) echo "usage: bench/footprint.sh [--idle S] [--total-mb N] [--peers N] [--peer-mirror-kib K] [--baseline|--before]" >&2
       exit 2 ;;
  esac
done
dist="$PWD/runtime/target/debswarm"
[ -x "$dist/bin/debswarm" ] || { echo "no $dist: build first (mvn -B -q -o package -DskipTests -pl runtime -am)" >&2; exit 1; }
. bench/lib/processes.sh
bench_work footprint
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz}' "/proc/$1/stat"; }
stat_of() { # node, field of "node" in stats.json
  curl -s "http://127.0.0.1:${console[$1]}/debswarm/stats.json" \
    | python3 -c "import json, sys; print(json.load(sys.stdin).get('node', {}).get('$2', 0))"
}

echo "== a signed mirror of $total_mb MB of .debs on loopback; load average $(cut -d' ' -f1-3 /proc/loadavg)"
repo="$work/www/debian"
mkdir -p "$repo/pool/main" "$repo/dists/bench/main/binary-all"
count=$(( (total_mb + 49) / 50 ))
for i in $(seq 1 "$count"); do
  p="$work/pkg$i"
  mkdir -p "$p/DEBIAN" "$p/usr/share/footprint$i"
  printf 'Package: footprint%s\nVersion: 1.0\nArchitecture: all\nMaintainer: bench <bench@example.org>\nDescription: footprint bench\n payload\n' \
    "$i" > "$p/DEBIAN/control"
  head -c $((50 * 1024 * 1024)) /dev/urandom > "$p/usr/share/footprint$i/payload"
  dpkg-deb -Z none --root-owner-group --build "$p" "$repo/pool/main/footprint${i}_1.0_all.deb" >/dev/null
  rm -rf "$p"
done
dists="$repo/dists/bench"
(cd "$repo" && dpkg-scanpackages pool/main > dists/bench/main/binary-all/Packages 2>/dev/null)
xz -k "$dists/main/binary-all/Packages"
# The nodes store (and share) only what a Release they verify lists: a throwaway key, trusted via mirrorKeyrings
. bench/lib/signed-release.sh
signed_release "$dists" all "$work/archive-keyring.gpg" "$work"
chmod -R a+rX "$work/www"
mirror_port=$(free_port)
mirror="127.0.0.1:$mirror_port"
(cd "$work/www" && exec python3 -m http.server "$mirror_port" --bind 127.0.0.1) > "$work/mirror.log" 2>&1 &
pids+=($!)

# --- the nodes: 0 is the one measured, 1..peers pull from it ----------------------------------------------
declare -a console apt_port node_pid
tracker=$(free_port)
setup_node() { # index
  local n=$1 d="$work/node$1"
  cp -r "$dist" "$d"
  console[$n]=$(free_port); apt_port[$n]=$(free_port)
  local tracker_port; tracker_port=$([ "$n" = 0 ] && echo "$tracker" || free_port)
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=${apt_port[$n]}/" "$d/deploy/org.apache.felix.http-aptlistener.cfg"
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$tracker_port/" "$d/deploy/org.apache.felix.http-tracker.cfg"
  printf 'port=%s\n' "$(free_port)" > "$d/deploy/org.debswarm.peerwire.cfg"
  printf 'trackers=http://127.0.0.1:%s/announce\n' "$tracker" > "$d/deploy/org.debswarm.node.cfg"
  printf 'allowedMirrors=%s\nmirrorKeyrings=%s=%s\n' "$mirror" "$mirror" "$work/archive-keyring.gpg" \
    > "$d/deploy/org.debswarm.aptlistener.cfg"
  if [ "$n" != 0 ] && [ "$peer_kib" -gt 0 ]; then
    printf 'mirrorRateLimits=%s=%s\n' "$mirror" "$peer_kib" > "$d/deploy/org.debswarm.governor.cfg"
  fi
}
start_node() { # index, JVM options, class-data archive (empty: none)
  local n=$1 d="$work/node$1"
  DEBSWARM_CDS_ARCHIVE="$3" DEBSWARM_JAVA_OPTS="$2" DEBSWARM_OPTS="-Dorg.osgi.service.http.port=${console[$n]}" \
    "$d/bin/debswarm" run --home "$d/home" > "$d/node.log" 2>&1 &
  node_pid[$n]=$!
  pids+=($!)
}
await_ready() { # index
  until curl -sf "http://127.0.0.1:${console[$1]}/health?wait=60" >/dev/null 2>&1; do
    kill -0 "${node_pid[$1]}" || { cat "$work/node$1/node.log"; exit 1; }
    sleep 0.1   # before the console port opens there is nothing to wait on
  done
}
for n in $(seq 0 "$peers"); do setup_node "$n"; done

echo "== the node under test ($mode JVM options)"
opts=""
archive="$work/node0.jsa"
case $mode in
  baseline) opts="-XX:-UseSerialGC -XX:+UseG1GC -XX:MaxRAMPercentage=25 -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70 -XX:MaxMetaspaceSize=1g -XX:ReservedCodeCacheSize=240m -XX:MaxDirectMemorySize=2g -XX:+UsePerfData -XX:TrimNativeHeapInterval=0 -XX:CompileThresholdScaling=1"; archive="" ;;
  before) opts="-XX:TrimNativeHeapInterval=0 -XX:CompileThresholdScaling=1"; archive="" ;;
esac
if [ -n "$archive" ]; then   # the class-data archive is made at an installation's first start: not timed here
  DEBSWARM_CDS_ARCHIVE="$archive" "$work/node0/bin/debswarm" run --home "$work/warm" > "$work/warm.log" 2>&1 &
  warm=$!
  until [ -f "$archive.stamp" ]; do kill -0 $warm 2>/dev/null || break; sleep 0.1; done
  kill $warm 2>/dev/null || true; wait $warm 2>/dev/null || true; rm -rf "$work/warm"
fi
start=$(date +%s.%N)
start_node 0 "$opts" "$archive"
node=${node_pid[0]}
await_ready 0
ready=$(date +%s.%N)
printf 'start-up to ready: %.1f s, %s CPU-s, RSS %s MB\n' "$(echo "$ready - $start" | bc)" "$(cpu_s "$node")" "$(rss_mb "$node")"
sleep "$idle"
printf 'idle %s s later: RSS %s MB, %s CPU-s; load average %s\n' "$idle" "$(rss_mb "$node")" "$(cpu_s "$node")" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== $peers peers (bin/debswarm defaults, mirror limited to $peer_kib KiB/s each)"
for n in $(seq 1 "$peers"); do start_node "$n" "" "$work/node$n.jsa"; done
for n in $(seq 1 "$peers"); do await_ready "$n"; done

echo "== apt on every node: update, then all download $total_mb MB at once (forward proxy)"
apt_opts() { # index
  local a="$work/apt$1"
  echo -o Dir::State::Lists="$a/lists" -o Dir::State::status="$a/status" -o Dir::Cache="$a/cache" \
    -o Dir::Etc::sourcelist="$a/sources.list" -o Dir::Etc::sourceparts="$a/parts" -o Dir::Etc::parts="$a/parts" \
    -o Acquire::http::Proxy="http://127.0.0.1:${apt_port[$1]}" -o APT::Architecture=all -o APT::Architectures::=all
}
for n in $(seq 0 "$peers"); do
  a="$work/apt$n"
  mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/dl" "$a/parts"
  touch "$a/status"
  echo "deb [trusted=yes] http://$mirror/debian bench main" > "$a/sources.list"
  chown -R _apt "$a" 2>/dev/null || true
  # shellcheck disable=SC2046
  env -u no_proxy -u NO_PROXY apt-get -q $(apt_opts "$n") update > "$a.log" 2>&1 || { tail -20 "$a.log"; exit 1; }
done
cpu_before=$(cpu_s "$node")
t0=$(date +%s.%N)
apts=()
peak=0
sample() { local r; r=$(rss_mb "$node"); [ "$r" -gt "$peak" ] && peak=$r; true; }
for n in $(seq 0 "$peers"); do
  # shellcheck disable=SC2046
  (cd "$work/apt$n/dl" && exec env -u no_proxy -u NO_PROXY apt-get -q $(apt_opts "$n") download \
    $(seq -f 'footprint%g' 1 "$count")) >> "$work/apt$n.log" 2>&1 &
  apts+=($!)
  if [ "$n" = 0 ]; then   # the peers start once the node holds a package, so that they pull from it
    until compgen -G "$work/apt0/dl/*.deb" >/dev/null; do
      kill -0 "${apts[0]}" 2>/dev/null || break
      sample; sleep 0.1
    done
  fi
done
node_done=""
while :; do
  sample
  [ -n "$node_done" ] || kill -0 "${apts[0]}" 2>/dev/null || node_done=$(date +%s.%N)
  running=0
  for p in "${apts[@]}"; do kill -0 "$p" 2>/dev/null && running=1; done
  [ $running = 1 ] || break
  sleep 0.5   # sampling another process's RSS: there is no event to wait on
done
for n in $(seq 0 "$peers"); do wait "${apts[$n]}" || { echo "apt on node $n failed:"; tail -20 "$work/apt$n.log"; exit 1; }; done
t1=$(date +%s.%N)
got=$(du -sm "$work/apt0/dl" | cut -f1)
printf 'node under test: apt got %s MB in %.1f s; all %s apts done after %.1f s; node %.1f CPU-s; RSS peak %s MB sampled, VmHWM %s MB\n' \
  "$got" "$(echo "$node_done - $t0" | bc)" "$((peers + 1))" "$(echo "$t1 - $t0" | bc)" \
  "$(echo "$(cpu_s "$node") - $cpu_before" | bc)" "$peak" "$(hwm_mb "$node")"
sleep "$idle"
printf 'after, %s s idle: RSS %s MB; load average %s\n' "$idle" "$(rss_mb "$node")" "$(cut -d' ' -f1-3 /proc/loadavg)"
# the statistics of the transfers, read after the idle time (a node counts them asynchronously)
printf 'node under test: %s MB uploaded to peers; %s MB from peers, %s MB from the mirror\n' \
  "$(( $(stat_of 0 uploaded) / 1048576 ))" "$(( $(stat_of 0 fromPeers) / 1048576 ))" "$(( $(stat_of 0 fromMirrors) / 1048576 ))"
for n in $(seq 1 "$peers"); do
  printf 'peer %s: apt got %s MB; %s MB from peers, %s MB from the mirror\n' "$n" "$(du -sm "$work/apt$n/dl" | cut -f1)" \
    "$(( $(stat_of "$n" fromPeers) / 1048576 ))" "$(( $(stat_of "$n" fromMirrors) / 1048576 ))"
done
