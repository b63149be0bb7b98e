#!/usr/bin/env bash
# Start-up time of a real node: wall time from starting runtime/target/debswarm/bin/debswarm (fresh data
# folder every run) to the launcher's banner, to the first answer of the Web Console (8080) and of the apt
# port (9988), the last both as the empty Jetty instance and as the apt listener itself; and the CPU time the
# node used until then, and the threads that used most of it (the JIT's compiler threads, FelixStartLevel that
# starts the bundles, main). Target (issue 16): <= 1.5 s idle, <= 2 CPU-s.
#
#   bench/startup.sh [runs=5]
#   DEBSWARM_CDS_ARCHIVE= bench/startup.sh     (without the class-data archive of bin/debswarm)
#
# The class-data archive bin/debswarm makes at an installation's first start is made by an unreported run 0.
# Needs a built runtime (mvn -B -q -o package -DskipTests -pl runtime -am; never mvn install) and curl. Each run uses a private copy of the
# installation whose four ports (console, apt, tracker, peer wire) are moved to free ones, so a node already
# running on the defaults does not disturb it; the copy is made before the clock starts. Every port is asked
# every 20 ms (an outside process has no event to wait on), so the figures are 0-20 ms late.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dist=runtime/target/debswarm
[ -x "$dist/bin/debswarm" ] || { echo "no $dist/bin/debswarm: build first (mvn -B -q -o package -DskipTests -pl runtime -am)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

work=$(mktemp -d)
node=
cleanup() {
  if [ -n "$node" ] && kill -0 "$node" 2>/dev/null; then kill "$node"; wait "$node" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Sets port to one nobody listens on now, counting up from a random start (a race with another program is
# possible, and then shows as a failed run). Not in $(...): the counter must survive the call.
next_port=$((20000 + RANDOM % 20000))
pick_port() {
  while (echo >"/dev/tcp/127.0.0.1/$next_port") 2>/dev/null; do next_port=$((next_port + 1)); done
  port=$next_port
  next_port=$((next_port + 1))
}

# cpu_ms PID: the CPU time (user + system, all threads) the process has used so far, in ms. Unlike the wall
# times it hardly depends on what else runs on the machine.
ticks=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$ticks" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t) }' "/proc/$1/stat"; }

# top_threads PID: the five threads that used the most CPU so far, "name ms" each
top_threads() {
  for t in /proc/"$1"/task/*; do
    awk -v t="$ticks" '{ n = $0; sub(/^[^(]*\(/, "", n); sub(/\).*/, "", n); sub(/^.*\) /, "");
                         printf "%d %s\n", ($12 + $13) * 1000 / t, n }' "$t/stat" 2>/dev/null
  done | sort -rn | head -5 | awk '{ ms = $1; $1 = ""; printf "%s%s %d", (NR > 1 ? ";" : ""), $0, ms }'
}

# status PORT PATH: the HTTP status (000: no answer)
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$1$2" || true; }

one_run() {
  local install="$work/install" home="$work/home-$1" log="$work/run-$1.log"
  rm -rf "$install" && cp -a "$dist" "$install"   # -a: the class-data archive checks the jars' times
  local console apt tracker peer port
  pick_port; console=$port; pick_port; apt=$port; pick_port; tracker=$port; pick_port; peer=$port
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$apt/" \
      "$install/deploy/org.apache.felix.http-aptlistener.cfg"
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$tracker/" \
      "$install/deploy/org.apache.felix.http-tracker.cfg"
  echo "port=$peer" >"$install/deploy/org.debswarm.peerwire.cfg"

  local start banner='' console_up='' jetty_up='' apt_up='' s cpu threads=''
  start=$(now_ms)
  DEBSWARM_CDS_ARCHIVE="${DEBSWARM_CDS_ARCHIVE-$work/debswarm.jsa}" DEBSWARM_OPTS="-Dorg.osgi.service.http.port=$console" \
      "$install/bin/debswarm" run --home "$home" >"$log" 2>&1 &
  node=$!
  while [ -z "$apt_up" ] || [ -z "$console_up" ] || [ -z "$banner" ]; do
    kill -0 "$node" 2>/dev/null || { echo "node exited; output:" >&2; cat "$log" >&2; exit 1; }
    [ $(( $(now_ms) - start )) -lt 120000 ] || { echo "not up within 120 s; output:" >&2; cat "$log" >&2; exit 1; }
    [ -n "$banner" ] || ! grep -qs 'Ctrl-C stops the node' "$log" || banner=$(( $(now_ms) - start ))
    [ -n "$console_up" ] || [ "$(status "$console" /system/console)" = 000 ] || console_up=$(( $(now_ms) - start ))
    if [ -z "$apt_up" ]; then
      s=$(status "$apt" /startup-probe)
      [ -n "$jetty_up" ] || [ "$s" = 000 ] || jetty_up=$(( $(now_ms) - start ))
      # the apt listener answers a path that names no mirror file with 400; the empty instance with 404
      if [ "$s" != 000 ] && [ "$s" != 404 ]; then
        apt_up=$(( $(now_ms) - start )); cpu=$(cpu_ms "$node"); threads=$(top_threads "$node")
      fi
    fi
    sleep 0.02
  done
  kill "$node"; wait "$node" 2>/dev/null || true; node=
  [ "$1" != 0 ] || return 0   # run 0 made the class-data archive
  printf '%-4s %8s %10s %12s %14s %10s   %s\n' "$1" "$banner" "$console_up" "$jetty_up" "$apt_up" "$cpu" \
      "$(grep -o 'started in [0-9]* ms' "$log")"
  echo "     CPU ms by thread: $threads"
  echo "$banner $console_up $jetty_up $apt_up $cpu" >>"$work/figures"
}

echo "java: $(java -version 2>&1 | sed -n 1p); $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %8s %10s %12s %14s %10s   %s\n' run banner console "apt (Jetty)" "apt listener" "CPU ms" \
    "(launcher's own figure)"
for run in $(seq 0 "$runs"); do one_run "$run"; done

# medians (ms), each column on its own
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
printf '%-4s' median
printf ' %7s %10s %12s %14s %10s\n' $(for col in 1 2 3 4 5; do cut -d' ' -f$col "$work/figures" | median; done)
echo "ms of wall time from process start; CPU ms: the node's user + system time when the apt listener first answered"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
