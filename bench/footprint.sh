#!/usr/bin/env bash
# Footprint of a real node (issue 17 item 7): start-up to ready (/health), RSS and CPU-seconds when ready,
# idle after --idle seconds, at the peak while apt downloads --total-mb of .debs through the node from a mirror
# on loopback, and after it. RSS from /proc/PID/status (VmRSS, VmHWM for the peak), CPU from /proc/PID/stat.
#
#   bench/footprint.sh [--idle 60] [--total-mb 1024] [--baseline]
#   --baseline: the JVM's own defaults (G1, heap 1/4 of RAM, no metaspace/code/direct caps) instead of bin/debswarm's
#
# Not yet: the 3 peers pulling from the node during the download (issue 17 asks for it; see docs/benchmarks.md).
# Needs: curl, python3, dpkg-deb, dpkg-scanpackages, gpg, apt-get. Build first: mvn -B -q package -DskipTests -pl runtime -am
set -euo pipefail
cd "$(dirname "$0")/.."
idle=60
total_mb=1024
baseline=false
while [ $# -gt 0 ]; do
  case "$1" in
    --idle) idle="$2"; shift 2 ;;
    --total-mb) total_mb="$2"; shift 2 ;;
    --baseline) baseline=true; shift ;;
    *) echo "usage: bench/footprint.sh [--idle S] [--total-mb N] [--baseline]" >&2; exit 2 ;;
  esac
done
dist="$PWD/runtime/target/debswarm"
[ -x "$dist/bin/debswarm" ] || { echo "no $dist: build first (mvn -B -q package -DskipTests -pl runtime -am)" >&2; exit 1; }
work="$(mktemp -d)"
node=""
mirror=""
cleanup() {
  if [ -n "$node" ]; then kill "$node" 2>/dev/null; wait "$node" 2>/dev/null || true; fi
  if [ -n "$mirror" ]; then kill "$mirror" 2>/dev/null; wait "$mirror" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }

echo "== a mirror of $total_mb MB of .debs on loopback"
mkdir -p "$work/www/debian/pool/main" "$work/www/debian/dists/bench/main/binary-all"
count=$(( (total_mb + 49) / 50 ))
for i in $(seq 1 "$count"); do
  p="$work/pkg$i"
  mkdir -p "$p/DEBIAN" "$p/usr/share/footprint$i"
  printf 'Package: footprint%s\nVersion: 1.0\nArchitecture: all\nMaintainer: bench <bench@example.org>\nDescription: footprint bench\n payload\n' \
    "$i" > "$p/DEBIAN/control"
  head -c $((50 * 1024 * 1024)) /dev/urandom > "$p/usr/share/footprint$i/payload"
  dpkg-deb -Z none --root-owner-group --build "$p" "$work/www/debian/pool/main/footprint${i}_1.0_all.deb" >/dev/null
  rm -rf "$p"
done
(cd "$work/www/debian" && dpkg-scanpackages pool/main > dists/bench/main/binary-all/Packages 2>/dev/null)
packages="$work/www/debian/dists/bench/main/binary-all/Packages"
printf 'Suite: bench\nCodename: bench\nArchitectures: all\nComponents: main\nDate: %s\nSHA256:\n %s %s main/binary-all/Packages\n' \
  "$(date -R -u)" "$(sha256sum < "$packages" | cut -d' ' -f1)" "$(stat -c %s "$packages")" \
  > "$work/www/debian/dists/bench/Release"
mirror_port=$(free_port)
(cd "$work/www" && exec python3 -m http.server "$mirror_port" --bind 127.0.0.1) > "$work/mirror.log" 2>&1 &
mirror=$!

echo "== the node"
cp -r "$dist" "$work/node"
console=$(free_port); apt=$(free_port); tracker=$(free_port)
sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$apt/" "$work/node/deploy/org.apache.felix.http-aptlistener.cfg"
sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$tracker/" "$work/node/deploy/org.apache.felix.http-tracker.cfg"
printf 'port=%s\n' "$(free_port)" > "$work/node/deploy/org.debswarm.peerwire.cfg"
printf 'allowedMirrors=127.0.0.1:%s\n' "$mirror_port" > "$work/node/deploy/org.debswarm.aptlistener.cfg"
opts=""
$baseline && opts="-XX:-UseSerialGC -XX:+UseG1GC -XX:MaxRAMPercentage=25 -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70 -XX:MaxMetaspaceSize=1g -XX:ReservedCodeCacheSize=240m -XX:MaxDirectMemorySize=2g -XX:+UsePerfData"
start=$(date +%s.%N)
DEBSWARM_JAVA_OPTS="$opts" DEBSWARM_OPTS="-Dorg.osgi.service.http.port=$console" \
  "$work/node/bin/debswarm" run --home "$work/home" > "$work/node.log" 2>&1 &
node=$!
until curl -sf "http://127.0.0.1:$console/health?wait=60" >/dev/null 2>&1; do
  kill -0 "$node" || { cat "$work/node.log"; exit 1; }
  sleep 0.1   # before the console port opens there is nothing to wait on
done
ready=$(date +%s.%N)
printf 'start-up to ready: %.1f s, %s CPU-s, RSS %s MB\n' "$(echo "$ready - $start" | bc)" "$(cpu_s $node)" "$(rss_mb $node)"
sleep "$idle"
printf 'idle %s s later: RSS %s MB, %s CPU-s\n' "$idle" "$(rss_mb $node)" "$(cpu_s $node)"

echo "== apt downloads $total_mb MB through the node (forward proxy)"
a="$work/apt"
mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/dl" "$a/parts"
touch "$a/status"
echo "deb [trusted=yes] http://127.0.0.1:$mirror_port/debian bench main" > "$a/sources.list"
chown -R _apt "$a" 2>/dev/null || true
apt_opts=(-o Dir::State::Lists="$a/lists" -o Dir::State::status="$a/status" -o Dir::Cache="$a/cache"
  -o Dir::Etc::sourcelist="$a/sources.list" -o Dir::Etc::sourceparts="$a/parts" -o Dir::Etc::parts="$a/parts"
  -o Acquire::http::Proxy="http://127.0.0.1:$apt" -o APT::Architecture=all -o APT::Architectures::=all)
cpu_before=$(cpu_s $node)
t0=$(date +%s.%N)
peak=0
env -u no_proxy -u NO_PROXY apt-get -q "${apt_opts[@]}" update > "$work/apt.log" 2>&1
(cd "$a/dl" && env -u no_proxy -u NO_PROXY apt-get -q "${apt_opts[@]}" download $(seq -f 'footprint%g' 1 "$count")) >> "$work/apt.log" 2>&1 &
apt_pid=$!
while kill -0 $apt_pid 2>/dev/null; do
  r=$(rss_mb $node); [ "$r" -gt "$peak" ] && peak=$r
  sleep 0.5
done
wait $apt_pid || { tail -20 "$work/apt.log"; exit 1; }
t1=$(date +%s.%N)
got=$(du -sm "$a/dl" | cut -f1)
printf 'download: %s MB in %.1f s, node %.1f CPU-s; RSS peak %s MB sampled, VmHWM %s MB\n' "$got" \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$(cpu_s $node) - $cpu_before" | bc)" "$peak" "$(hwm_mb $node)"
sleep "$idle"
printf 'after, %s s idle: RSS %s MB\n' "$idle" "$(rss_mb $node)"
