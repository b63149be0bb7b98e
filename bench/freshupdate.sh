#!/usr/bin/env bash
# A fresh node's first `apt-get update`: the wall time of a real apt-get update (bookworm main, amd64 and all:
# the real InRelease and Packages.xz files of ../shared/data/debian/bookworm, 50 MB of Packages text) through a
# real node started with an empty data folder, against the same apt-get update straight from the mirror, in the
# same run, alternating. The mirror is a local nginx serving those files (never the real mirror); apt runs
# with its own -o Dir:: options (its own lists, cache, status and sources; no system configuration parts).
#
#   bench/freshupdate.sh [rounds=3]
#   DIST=/path/to/debswarm bench/freshupdate.sh     # another build of the runtime (an A/B), not built here
#   DATA=/path/to/bookworm bench/freshupdate.sh      # another copy of the files (InRelease, main/binary-*/Packages.xz)
#
# Builds the runtime with the reactor (mvn -B -q -o package -DskipTests -pl runtime -am; never mvn install)
# unless DIST is given. Needs: nginx (nginx-light), apt, curl, debian-archive-keyring. Each node round starts
# a new node process on free ports with an empty --home, waits until its apt listener answers, then times
# apt-get update; it also prints the node's CPU-seconds during the update (the catalog's parse may go on after
# apt is done: that is the point, it must not hold apt up).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
data="${DATA:-$(cd .. && pwd)/shared/data/debian/bookworm}"
[ -f "$data/InRelease" ] && [ -f "$data/main/binary-amd64/Packages.xz" ] || { echo "no bookworm files in $data" >&2; exit 1; }
if [ -z "${DIST:-}" ]; then
  mvn -B -q -o package -DskipTests -pl runtime -am
fi
dist="${DIST:-runtime/target/debswarm}"
[ -x "$dist/bin/debswarm" ] || { echo "no runtime at $dist" >&2; exit 1; }
for tool in nginx apt-get curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing: $tool" >&2; exit 1; }
done
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { echo "missing: $keyring (debian-archive-keyring)" >&2; exit 1; }

. bench/lib/processes.sh
bench_work freshupdate

next_port=$((20000 + RANDOM % 12000))
pick_port() { # a port nobody listens on now
  while (echo >"/dev/tcp/127.0.0.1/$next_port") 2>/dev/null; do next_port=$((next_port + 1)); done
  port=$next_port
  next_port=$((next_port + 1))
}
await_http() { # url, seconds: any HTTP answer
  local end=$((SECONDS + $2))
  until curl -s -o /dev/null "$1"; do
    [ $SECONDS -lt $end ] || { echo "no answer from $1" >&2; return 1; }
    sleep 0.1
  done
}

# --- the mirror: nginx serving the shared files under /debian/dists/bookworm -----------------------------
mkdir -p "$work/archive/debian/dists" "$work/nginx/logs"
cp -r "$data" "$work/archive/debian/dists/bookworm"
for index in "$work"/archive/debian/dists/bookworm/main/binary-*/Packages.xz; do # as real mirrors: by-hash names
  mkdir -p "$(dirname "$index")/by-hash/SHA256"
  ln "$index" "$(dirname "$index")/by-hash/SHA256/$(sha256sum "$index" | cut -d' ' -f1)"
done
chmod -R a+rX "$work/archive"
pick_port; mirror_port=$port
cat > "$work/nginx/nginx.conf" <<EOF
user root;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  default_type application/octet-stream;
  server { listen 127.0.0.1:$mirror_port; root $work/archive; }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
await_http "http://127.0.0.1:$mirror_port/debian/dists/bookworm/InRelease" 10
mirror="127.0.0.1:$mirror_port"

# --- apt with its own folders: one update from empty lists, through the URL given -------------------------
apt_update() { # url -> prints seconds
  local root="$work/apt.$RANDOM$RANDOM"
  mkdir -p "$root/etc/apt/preferences.d" "$root/etc/apt/apt.conf.d" "$root/lists/partial" "$root/cache/archives/partial" \
    "$root/state" "$root/log"
  touch "$root/state/status"
  echo "deb [signed-by=$keyring] $1 bookworm main" > "$root/etc/apt/sources.list"
  local start end
  start=$(date +%s.%N)
  apt-get update -q=2 -o Dir::Etc="$root/etc/apt" -o Dir::Etc::SourceParts=/nonexistent \
    -o Dir::Etc::Parts="$root/etc/apt/apt.conf.d" -o Dir::State="$root/state" -o Dir::State::Lists="$root/lists" \
    -o Dir::State::status="$root/state/status" -o Dir::Cache="$root/cache" -o Dir::Log="$root/log" \
    -o APT::Architecture=amd64 -o APT::Architectures=amd64 -o Acquire::Languages=none \
    -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false -o Acquire::PDiffs=false \
    -o Debug::NoLocking=true -o APT::Sandbox::User=root > "$root/out" 2>&1 || { cat "$root/out" >&2; return 1; }
  end=$(date +%s.%N)
  grep -q "Packages" <(ls "$root/lists") || { echo "apt stored no Packages list" >&2; return 1; }
  rm -rf "$root"
  echo "$start $end" | awk '{printf "%.2f", $2 - $1}'
}

cpu_seconds() { # pid -> user+system CPU-seconds of the process
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"
}

# --- a fresh node: empty home, free ports, the mirror allowed --------------------------------------------
node_update() { # round -> prints "seconds cpu-during"
  local install="$work/node.$1" home="$work/home.$1" apt tracker peer console node_pid
  cp -r "$dist" "$install"
  pick_port; apt=$port; pick_port; tracker=$port; pick_port; peer=$port; pick_port; console=$port
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$apt/" "$install/deploy/org.apache.felix.http-aptlistener.cfg"
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$tracker/" "$install/deploy/org.apache.felix.http-tracker.cfg"
  echo "port=$peer" > "$install/deploy/org.debswarm.peerwire.cfg"
  printf 'allowedMirrors=%s\n' "$mirror" > "$install/deploy/org.debswarm.aptlistener.cfg"
  printf 'trackers=http://127.0.0.1:%s/announce\n' "$tracker" > "$install/deploy/org.debswarm.node.cfg" # its own
  DEBSWARM_OPTS="-Dorg.osgi.service.http.port=$console" "$install/bin/debswarm" --home "$home" > "$work/node.$1.log" 2>&1 &
  node_pid=$!
  pids+=("$node_pid")
  # started: /health ready (every bundle active, the apt listener answering), so that what is timed is the
  # update, not the rest of the node's start (bench/startup.sh measures that)
  local end=$((SECONDS + 120))
  until curl -sf "http://127.0.0.1:$console/health?wait=60" > /dev/null 2>&1; do # refused until the console opens
    [ $SECONDS -lt $end ] || { echo "node $1 did not start; log:" >&2; tail -20 "$work/node.$1.log" >&2; return 1; }
    sleep 0.2
  done
  local before after took
  before=$(cpu_seconds "$node_pid")
  took=$(apt_update "http://127.0.0.1:$apt/$mirror/debian")
  after=$(cpu_seconds "$node_pid")
  kill "$node_pid"
  wait "$node_pid" 2>/dev/null || true
  rm -rf "$install" "$home"
  echo "$took $(echo "$before $after" | awk '{printf "%.2f", $2 - $1}')"
}

echo "jvm: $(java -version 2>&1 | head -1); $(nproc) cpus; Packages.xz: $(du -ch "$data"/main/binary-*/Packages.xz | tail -1 | cut -f1)"
direct_times=(); node_times=()
for round in $(seq 1 "$rounds"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  direct=$(apt_update "http://$mirror/debian")
  read -r through cpu < <(node_update "$round")
  printf 'round %d (load %s): apt direct %6.2f s   through a fresh node %6.2f s (node CPU during it %s s)   ratio %.2f\n' \
    "$round" "$load" "$direct" "$through" "$cpu" "$(echo "$through $direct" | awk '{print $1 / $2}')"
  direct_times+=("$direct"); node_times+=("$through")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
md=$(median "${direct_times[@]}"); mn=$(median "${node_times[@]}")
printf 'median of %d rounds: apt direct %.2f s, through a fresh node %.2f s, ratio %.2f (target <= 2); load after: %s\n' \
  "$rounds" "$md" "$mn" "$(echo "$mn $md" | awk '{print $1 / $2}')" "$(cut -d' ' -f1-3 /proc/loadavg)"
