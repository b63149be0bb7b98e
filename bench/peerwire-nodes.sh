#!/usr/bin/env bash
# The peer wire between two real node processes (issue 16): node A (bin/debswarm, its own store) seeds a
# standard torrent of random files from its torrent folder; node B, started once A runs it, downloads it over
# loopback. Prints B's time from its session's start to the engine's "complete" line, the MB/s, and the
# CPU-seconds of each process over the run; then, in the same run and with the same .torrent, a libtorrent pair
# (two python3-libtorrent processes, TCP only, the leech given the seed's address, no tracker) and
# aria2c -> aria2c. Target: >= 500 MB/s.
#
#   bench/peerwire-nodes.sh [total MiB=512] [files=32]
#
# Needs (Debian): mktorrent, python3; python3-libtorrent and aria2 for the comparisons (each skipped without it:
# apt-get install python3-libtorrent aria2). Uses the runtime as built
# (runtime/target/debswarm; builds it with `mvn package` when missing, never `mvn install`). The torrent's
# tracker is A's built-in tracker. Temporary files (three times the total) go to ${TMPDIR:-/tmp} and are deleted
# at the end, also on failure or Ctrl-C; both nodes are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
total_mib="${1:-512}"
files="${2:-32}"
for tool in mktorrent python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
dist=runtime/target/debswarm
[ -x "$dist/bin/debswarm" ] || mvn -B -q -o package -pl runtime -am -DskipTests
. bench/lib/processes.sh
bench_work peerwire-nodes
cpu_seconds() { # pid: user + system CPU of the process so far
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}
# waits (at most $3 s) for a line matching $2 in file $1; prints the line
await_line() {
  grep -m1 -E "$2" < <(timeout "$3" tail -n +1 -F "$1" 2>/dev/null) || { echo "no '$2' in $1 within $3 s" >&2; exit 1; }
}

mkdir -p "$work/data/content"
per_file=$(( total_mib / files ))
for i in $(seq -w 1 "$files"); do
  head -c "$(( per_file * 1024 * 1024 ))" /dev/urandom > "$work/data/content/file$i"
done
bytes=$(( per_file * files * 1024 * 1024 ))
tracker_a=$(free_port)
mktorrent -l 20 -a "http://127.0.0.1:$tracker_a/announce" -o "$work/content.torrent" "$work/data/content" >/dev/null

# a node installation in $work/$1 with its ports; $2 = the tracker port
install_node() {
  local dir="$work/$1" tracker="$2"
  cp -r "$dist" "$dir"
  sed -i '/^org.osgi.service.http.port=/d' "$dir"/deploy/org.apache.felix.http-*.cfg
  echo "org.osgi.service.http.port=$(free_port)" >> "$dir/deploy/org.apache.felix.http-aptlistener.cfg"
  echo "org.osgi.service.http.port=$tracker" >> "$dir/deploy/org.apache.felix.http-tracker.cfg"
  echo "port=$(free_port)" > "$dir/deploy/org.debswarm.peerwire.cfg"
  mkdir -p "$dir/home/torrents"
}
start_node() { # name: starts it in the background, output in $work/<name>.log; sets $node_pid
  DEBSWARM_OPTS="-Dorg.osgi.service.http.port=$(free_port)" \
    "$work/$1/bin/debswarm" run --home "$work/$1/home" > "$work/$1.log" 2>&1 &
  node_pid=$!
  pids+=("$node_pid")
}

install_node a "$tracker_a"
install_node b "$(free_port)"
cp -al "$work/data/content" "$work/a/home/torrents/content"   # A holds the data: its check finds every piece
cp "$work/content.torrent" "$work/a/home/torrents/"
echo "peer wire, two node processes: $files files, $bytes bytes; $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)"

start_node a
pid_a=$node_pid
await_line "$work/a.log" "content.torrent: running content \\($((bytes / 1048576)) of $((bytes / 1048576)) pieces had" 180 >/dev/null
start_node b
pid_b=$node_pid
await_line "$work/b.log" "Ctrl-C stops the node" 120 >/dev/null
cpu_a0=$(cpu_seconds "$pid_a"); cpu_b0=$(cpu_seconds "$pid_b")
start=$(date +%s.%N)
cp "$work/content.torrent" "$work/b/home/torrents/"
line=$(await_line "$work/b.log" "Torrent [0-9a-f]+ \\(content\\): complete" 600)
end=$(date +%s.%N)
cpu_a1=$(cpu_seconds "$pid_a"); cpu_b1=$(cpu_seconds "$pid_b")
engine_ms=$(sed -E 's/.* ([0-9]+) ms after its session started.*/\1/' <<< "$line")
for f in "$work"/data/content/*; do
  cmp -s "$f" "$work/b/home/torrents/content/$(basename "$f")" || { echo "B's copy of $(basename "$f") differs" >&2; exit 1; }
done
awk -v b="$bytes" -v ms="$engine_ms" -v s="$start" -v e="$end" -v ca="$(awk -v x="$cpu_a0" -v y="$cpu_a1" 'BEGIN{print y-x}')" \
    -v cb="$(awk -v x="$cpu_b0" -v y="$cpu_b1" 'BEGIN{print y-x}')" 'BEGIN {
  printf "Debswarm B from A: %.0f MB/s (session start to complete: %d ms); %.1f s from the .torrent dropped in B%s torrent folder to complete\n", b / 1e6 / (ms / 1000), ms, e - s, "\x27s";
  printf "  CPU over that time: A (uploading) %.2f s, B (downloading) %.2f s; identical to the original: yes\n", ca, cb }'

kill "$pid_b" 2>/dev/null || true
wait "$pid_b" 2>/dev/null || true
if /usr/bin/python3 -c 'import libtorrent' 2>/dev/null; then
  mkdir -p "$work/lt-seed" "$work/lt-leech"
  cp -al "$work/data/content" "$work/lt-seed/content"
  bench/lib/libtorrent-pair.py seed "$work/content.torrent" "$work/lt-seed" > "$work/lt-seed.log" 2>&1 &
  pids+=("$!")
  lt_port=$(await_line "$work/lt-seed.log" "^listening [0-9]+" 60 | cut -d' ' -f2)
  lt_ms=$(bench/lib/libtorrent-pair.py leech "$work/content.torrent" "$work/lt-leech" "$lt_port" | sed -n 's/^complete //p')
  [ -n "$lt_ms" ] || { echo "the libtorrent leech did not complete" >&2; exit 1; }
  for f in "$work"/data/content/*; do
    cmp -s "$f" "$work/lt-leech/content/$(basename "$f")" || { echo "libtorrent's copy of $(basename "$f") differs" >&2; exit 1; }
  done
  rm -rf "$work/lt-leech"
  awk -v b="$bytes" -v ms="$lt_ms" 'BEGIN { printf "libtorrent -> libtorrent: %.0f MB/s (connect to complete: %d ms)\n", b / 1e6 / (ms / 1000), ms }'
else
  echo "libtorrent -> libtorrent: skipped (apt-get install python3-libtorrent)"
fi
if command -v aria2c >/dev/null; then
  mkdir -p "$work/aria-seed" "$work/aria-leech"
  cp -al "$work/data/content" "$work/aria-seed/content"
  seed_port=$(free_port); leech_port=$(free_port)
  aria2c -q --seed-ratio=0 --bt-seed-unverified --enable-dht=false --bt-enable-lpd=false --enable-peer-exchange=false \
    --listen-port="$seed_port" -d "$work/aria-seed" --seed-time=600 "$work/content.torrent" >/dev/null 2>&1 &
  pids+=("$!")
  sleep 2 # the seed announces to A's tracker; nothing outside aria2 tells when (a comparison only)
  a_start=$(date +%s.%N)
  timeout 600 aria2c -q --seed-time=0 --enable-dht=false --bt-enable-lpd=false --enable-peer-exchange=false \
    --listen-port="$leech_port" -d "$work/aria-leech" "$work/content.torrent" >/dev/null 2>&1
  a_end=$(date +%s.%N)
  awk -v b="$bytes" -v s="$a_start" -v e="$a_end" 'BEGIN { printf "aria2c -> aria2c: %.0f MB/s (%.1f s, process start included)\n", b / 1e6 / (e - s), e - s }'
else
  echo "aria2c -> aria2c: skipped (apt-get install aria2)"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
