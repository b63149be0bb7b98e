#!/usr/bin/env bash
# Serving stored packages to apt: requests/s and MB/s of a real node (bin/debswarm) answering GETs for a
# stored 50 KB and a stored 100 MB .deb, next to a static nginx serving the same files and apt-cacher-ng
# serving them from its cache, all on loopback, loaded by wrk.
#
#   bench/aptserve.sh [--before] [seconds per run=10]
#   --before: a second node with bin/debswarm's JVM options of before 2026-12-06 (no malloc trimming, the JVM's
#             own compile thresholds, no class-data archive), loaded in the same run, each node's runs next to
#             the other's (issue 17: no loss of throughput beyond 10% from the JVM options)
#
#   DIST=/path/to/debswarm bench/aptserve.sh     # another build of the runtime (an A/B)
#   JFR=/tmp/node.jfr bench/aptserve.sh          # records the node with JFR (settings=profile) during the runs
#   SMALL_ONLY=1 bench/aptserve.sh               # only the 50 KB runs
#
# The node runs with bin/debswarm's own JVM options; JAVA_OPTS, if set, is added after them (a later one wins).
# Needs: the already built runtime/target/debswarm (this script builds nothing and installs nothing into
# ~/.m2: mvn -B -q -o package -DskipTests -pl runtime -am), wrk, nginx, apt-cacher-ng (Debian packages:
# wrk nginx-light apt-cacher-ng; the script starts its own nginx and apt-cacher-ng in a temporary folder,
# on free ports, and stops them; nothing system-wide is configured).
set -euo pipefail
cd "$(dirname "$0")/.."
before=false
[ "${1:-}" = --before ] && { before=true; shift; }
seconds="${1:-10}"
dist="${DIST:-runtime/target/debswarm}"
[ -x "$dist/bin/debswarm" ] || { echo "build the runtime first: mvn -B -q -o package -DskipTests -pl runtime -am" >&2; exit 1; }
# what --before undoes of bin/debswarm's defaults (with DEBSWARM_CDS_ARCHIVE empty: no class-data archive)
before_opts="-XX:TrimNativeHeapInterval=0 -XX:CompileThresholdScaling=1"
for tool in wrk nginx xz curl gpg; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing: $tool" >&2; exit 1; }
done

. bench/lib/processes.sh
bench_work aptserve
# apt-cacher-ng 3.7 here neither binds nor connects to ports above 32767 ("Error resolving address for
# binding"; 503 "Connection refused"): it and the mirror it fetches from get ports below.
free_low_port() { python3 -c 'import socket, random
for port in random.sample(range(20000, 32000), 200):
    try: socket.socket().bind(("127.0.0.1", port))
    except OSError: continue
    print(port); break'; }
await_http() { # url, seconds
  local end=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    [ $SECONDS -lt $end ] || { echo "no answer from $1" >&2; return 1; }
    sleep 0.2
  done
}

# --- the archive: two packages, a Packages index listing them --------------------------------------------
archive="$work/archive/debian"
pool="$archive/pool/main/b"
mkdir -p "$pool/small" "$pool/large" "$archive/dists/bench/main/binary-amd64"
head -c 51200 /dev/urandom > "$pool/small/small_1.0_all.deb"
head -c 104857600 /dev/urandom > "$pool/large/large_1.0_all.deb"
for name in small large; do
  f="$pool/$name/${name}_1.0_all.deb"
  printf 'Package: %s\nVersion: 1.0\nArchitecture: all\nFilename: pool/main/b/%s/%s_1.0_all.deb\nSize: %s\nSHA256: %s\nDescription: bench\n\n' \
    "$name" "$name" "$name" "$(stat -c %s "$f")" "$(sha256sum "$f" | cut -d' ' -f1)"
done > "$archive/dists/bench/main/binary-amd64/Packages"
xz -k "$archive/dists/bench/main/binary-amd64/Packages"
# The node catalogues (and so stores) only packages listed by a Release whose signature it verifies: sign the
# Release with a throwaway key and trust its keyring for this mirror (mirrorKeyrings, below).
. bench/lib/signed-release.sh
signed_release "$archive/dists/bench" amd64 "$work/archive-keyring.gpg" "$work"
chmod -R a+rX "$work/archive"

# --- nginx: the mirror, and the static baseline ---------------------------------------------------------
nginx_port="$(free_low_port)"
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<EOF
user root;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { application/vnd.debian.binary-package deb; }
  default_type application/octet-stream;
  server { listen 127.0.0.1:$nginx_port; root $work/archive; }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
await_http "http://127.0.0.1:$nginx_port/debian/dists/bench/main/binary-amd64/Packages" 10
mirror="127.0.0.1:$nginx_port"

# --- the node (and with --before, the same with the former JVM options) ---------------------------------
start_node() { # name, extra JVM options, class-data archive ('' for none); sets node_url
  local n="$1" apt_port tracker_port console_port
  cp -r "$dist" "$work/$n"
  apt_port="$(free_port)"; tracker_port="$(free_port)"; console_port="$(free_port)"
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$apt_port/" "$work/$n/deploy/org.apache.felix.http-aptlistener.cfg"
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$tracker_port/" "$work/$n/deploy/org.apache.felix.http-tracker.cfg"
  printf 'port=%s\n' "$(free_port)" > "$work/$n/deploy/org.debswarm.peerwire.cfg"
  printf 'allowedMirrors=%s\nmirrorKeyrings=%s=%s\n' "$mirror" "$mirror" "$work/archive-keyring.gpg" \
    > "$work/$n/deploy/org.debswarm.aptlistener.cfg"
  local jfr=""
  [ -z "${JFR:-}" ] || jfr="-XX:StartFlightRecording=settings=profile,filename=${JFR%.jfr}-$n.jfr,dumponexit=true"
  DEBSWARM_CDS_ARCHIVE="$3" DEBSWARM_JAVA_OPTS="$2 ${JAVA_OPTS:-} $jfr" DEBSWARM_OPTS="-Dorg.osgi.service.http.port=$console_port" \
    "$work/$n/bin/debswarm" run --home "$work/$n-home" > "$work/$n.log" 2>&1 &
  pids+=($!)
  node_url="http://127.0.0.1:$apt_port/$mirror/debian"
  await_http "$node_url/dists/bench/InRelease" 60                       # verified first, then the index it lists
  curl -sf -o /dev/null "$node_url/dists/bench/main/binary-amd64/Packages.xz"
  for name in small large; do   # the first request stores the file, verified; the runs below are all from the store
    curl -sf -o /dev/null "$node_url/pool/main/b/$name/${name}_1.0_all.deb"
  done
  [ -f "$work/$n-home/mirrors/$mirror/debian/pool/main/b/large/large_1.0_all.deb" ] || { echo "$n: not stored" >&2; exit 1; }
}
start_node node "" "$work/node.jsa"
node="$node_url"
if $before; then start_node node-before "$before_opts" ""; node_before="$node_url"; fi

# --- apt-cacher-ng, with the files in its cache (its own minimal configuration: no remapping to real mirrors) -
acng_port="$(free_low_port)"
mkdir -p "$work/acng/conf" "$work/acng/cache" "$work/acng/log"
printf 'CacheDir: %s\nLogDir: %s\nSupportDir: /usr/lib/apt-cacher-ng\nPort: %s\nBindAddress: 127.0.0.1\nReportPage: acng-report.html\nExThreshold: 0\nAllowUserPorts: %s\n' \
  "$work/acng/cache" "$work/acng/log" "$acng_port" "$nginx_port" > "$work/acng/conf/acng.conf"
if [ -x /usr/sbin/apt-cacher-ng ]; then
  /usr/sbin/apt-cacher-ng -c "$work/acng/conf" ForeGround=1 PidFile="$work/acng/pid" SocketPath="$work/acng/socket" \
    > "$work/acng.out" 2>&1 &
  pids+=($!)
fi
acng="http://127.0.0.1:$acng_port/$mirror/debian"
servers="node nginx"
$before && servers="node-before node nginx"
acng_answers() { # any HTTP answer will do: with AllowUserPorts set, its report page answers 403
  local end=$((SECONDS + 20))
  until curl -s -o /dev/null "http://127.0.0.1:$acng_port/"; do [ $SECONDS -lt $end ] || return 1; sleep 0.2; done
}
if [ ! -x /usr/sbin/apt-cacher-ng ]; then
  echo "apt-cacher-ng is not installed, left out"
elif acng_answers; then
  for name in small large; do curl -sf -o /dev/null "$acng/pool/main/b/$name/${name}_1.0_all.deb" || { echo "apt-cacher-ng: $(curl -s "$acng/pool/main/b/$name/${name}_1.0_all.deb" | head -c 300)"; exit 1; }; done
  servers="$servers acng"
else
  echo "apt-cacher-ng did not start, left out: $(head -c 300 "$work/acng.out")"
fi

# --- the runs --------------------------------------------------------------------------------------------
run() { # label, url, connections
  local out rps mbs
  out="$(wrk -t2 -c"$3" -d"${seconds}s" --latency "$2" 2>&1)"
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  mbs="$(awk '/Transfer\/sec/ {v=$2; u=substr(v, length(v)-1); n=substr(v, 1, length(v)-2);
        if (u=="GB") n*=1024; else if (u=="KB") n/=1024; printf "%.0f", n*1.048576}' <<<"$out")"
  local errors; errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ' ' || true)"
  printf '%-34s %10s req/s %8s MB/s  %s\n' "$1" "$rps" "$mbs" "$errors"
}
echo "jvm: $(java -version 2>&1 | head -1); $(nproc) cpus; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for server in $servers; do
  case $server in
    node) base="$node" ;;
    node-before) base="$node_before" ;;
    nginx) base="http://$mirror/debian" ;;
    acng) base="$acng" ;;
  esac
  case $server in   # a node first gets one unreported run of each: the JIT compiles its request path
    node*) run "(warm-up)" "$base/pool/main/b/small/small_1.0_all.deb" 32 >/dev/null
           run "(warm-up)" "$base/pool/main/b/large/large_1.0_all.deb" 4 >/dev/null ;;
  esac
  run "$server 50 KB, 32 connections" "$base/pool/main/b/small/small_1.0_all.deb" 32
  [ -n "${SMALL_ONLY:-}" ] || run "$server 100 MB, 4 connections" "$base/pool/main/b/large/large_1.0_all.deb" 4
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
