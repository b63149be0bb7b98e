#!/bin/bash
# The Debian package end to end (issue 17 items 1-3), on a Debian machine as root, where systemd need not be
# PID 1: lintian, dpkg -i, systemd-analyze verify, the node started as the unit starts it (its user, its
# environment, its ExecStartPost readiness wait), real apt through the dropped-in Proxy-Auto-Detect snippet
# against a signed test archive on loopback, an upgrade to a rebuilt .deb (store, statistics and changed
# configuration kept), dpkg --purge, and nothing left. The package is installed system-wide, so a trap purges
# it on any exit: the machine's own apt is never left pointing at a node.
#   package-test.sh DIST_DIR   (runtime/target/debswarm, or packaging/target/dist/debswarm)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dist="$(cd "$1" && pwd)"
[ "$(id -u)" = 0 ] || { echo "package-test.sh: needs root (it installs the package)" >&2; exit 1; }
if dpkg -s debswarm >/dev/null 2>&1; then
  echo "package-test.sh: debswarm is already installed here; refusing to touch it" >&2; exit 1
fi
work="$(mktemp -d /tmp/debswarm-pkgtest.XXXXXX)"
chmod 755 "$work"
node_pid=""
mirror_pid=""

cleanup() {
  local rc=$?
  trap '' INT TERM   # the purge below must finish, whatever arrives meanwhile
  set +e             # and so must every step: wait on a killed process is not a failure here
  if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null; fi
  if [ -n "$mirror_pid" ]; then kill "$mirror_pid" 2>/dev/null; wait "$mirror_pid" 2>/dev/null; fi
  if dpkg -s debswarm >/dev/null 2>&1 || [ -e /var/lib/dpkg/info/debswarm.list ]; then
    dpkg --purge debswarm >/dev/null 2>&1 || echo "package-test.sh: PURGE FAILED, clean up by hand" >&2
  fi
  rm -f /etc/apt/apt.conf.d/30debswarm-proxy
  rm -rf "$work"
  [ $rc = 0 ] && echo "package-test.sh: PASSED" || echo "package-test.sh: FAILED ($rc)" >&2
  exit $rc
}
trap cleanup EXIT
trap 'echo "package-test.sh: interrupted" >&2; exit 130' INT TERM

fail() { echo "package-test.sh: $*" >&2; [ -f "$work/node.log" ] && tail -40 "$work/node.log" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
unit=/lib/systemd/system/debswarm.service

echo "== build two .debs of the same tree (the second is the upgrade)"
bash "$here/../deb/build-deb.sh" "$dist" "$work/deb1" 0.1.0-SNAPSHOT >/dev/null
DEB_VERSION="$(dpkg-deb -f "$work"/deb1/*.deb Version)+rebuilt" bash "$here/../deb/build-deb.sh" "$dist" "$work/deb2" x >/dev/null
deb1=$(ls "$work"/deb1/*.deb); deb2=$(ls "$work"/deb2/*.deb)

echo "== lintian"
lintian --fail-on error,warning "$deb1" 2>&1 | grep -v "running with root privileges" || true
lintian --fail-on error,warning "$deb1" >/dev/null 2>&1 || fail "lintian reports errors or warnings"

echo "== dpkg -i"
dpkg -i "$deb1" >/dev/null
getent passwd debswarm >/dev/null || fail "no system user debswarm"
for f in /usr/bin/debswarm /usr/share/debswarm/bin/debswarm /etc/debswarm/debswarm.properties $unit \
  /etc/apt/apt.conf.d/30debswarm-proxy; do
  [ -e "$f" ] || fail "$f missing after install"
done
[ "$(stat -c %U /var/lib/debswarm)" = debswarm ] || fail "/var/lib/debswarm not owned by debswarm"
# whole outputs into files: with pipefail, grep -q closing the pipe early would fail the pipeline
apt-config dump > "$work/apt-config.txt"
grep -q 'Acquire::http::Proxy-Auto-Detect "/usr/share/debswarm/bin/debswarm-apt-proxy"' "$work/apt-config.txt" \
  || fail "apt does not see the Proxy-Auto-Detect snippet"
[ "$(/usr/share/debswarm/bin/debswarm-apt-proxy http://deb.debian.org/debian)" = DIRECT ] \
  || fail "the proxy helper must answer DIRECT while no node runs"

echo "== systemd-analyze verify"
systemd-analyze verify "$unit" 2>&1 | tee "$work/verify.txt"
grep -v "Failed to connect\|bus\|not running\|System has not been booted" "$work/verify.txt" > "$work/verify-rest.txt" || true
[ -s "$work/verify-rest.txt" ] && fail "systemd-analyze verify complained"

echo "== a signed test archive on loopback, and the node configured for it on free ports"
bash "$here/test-archive.sh" "$work/mirror"
mirror_port=$(free_port)
(cd "$work/mirror/www" && exec python3 -m http.server "$mirror_port" --bind 127.0.0.1) >"$work/mirror.log" 2>&1 &
mirror_pid=$!
console=$(free_port); apt_port=$(free_port); tracker=$(free_port); wire=$(free_port)
sed -i "s/^#org.osgi.service.http.port=.*/org.osgi.service.http.port=$console/" /etc/debswarm/debswarm.properties
sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$apt_port/" /etc/debswarm/org.apache.felix.http-aptlistener.cfg
sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$tracker/" /etc/debswarm/org.apache.felix.http-tracker.cfg
printf 'port=%s\n' "$wire" > /etc/debswarm/org.debswarm.peerwire.cfg
printf 'allowedMirrors=127.0.0.1:%s\nmirrorKeyrings=127.0.0.1:%s=%s\n' "$mirror_port" "$mirror_port" \
  "$work/mirror/archive-keyring.gpg" > /etc/debswarm/org.debswarm.aptlistener.cfg

# The node as systemd would start it: the unit's user, working directory, umask, environment and commands.
# Each runs through exec, so $! is the JVM itself and stopping it is a SIGTERM to the node, as systemd sends.
unit_value() { sed -n "s/^$1=//p" "$unit"; }
unit_env=()
while IFS= read -r e; do unit_env+=("$e"); done < <(unit_value Environment)
start_node() {
  # shellcheck disable=SC2046
  (cd "$(unit_value WorkingDirectory)" && umask "$(unit_value UMask)" && exec setpriv --reuid="$(unit_value User)" \
    --regid="$(unit_value Group)" --init-groups env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "${unit_env[@]}" \
    $(unit_value ExecStart)) >>"$work/node.log" 2>&1 &
  node_pid=$!
  # shellcheck disable=SC2046
  (umask "$(unit_value UMask)" && exec setpriv --reuid="$(unit_value User)" --regid="$(unit_value Group)" \
    --init-groups env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "${unit_env[@]}" $(unit_value ExecStartPost)) \
    || fail "the unit's ExecStartPost (readiness) failed"
  [ "$(ps -o user= -p "$node_pid")" = debswarm ] || fail "the node does not run as debswarm"
}
stop_node() {
  kill "$node_pid"
  local rc=0
  wait "$node_pid" || rc=$?
  [ $rc = 143 ] || [ $rc = 0 ] || fail "the node did not stop cleanly ($rc)"
  grep -q "Debswarm node stopped" "$work/node.log" || fail "the node did not report a clean stop"
  node_pid=""
}
start_node

echo "== real apt through the snippet (its own lists, cache, status and sources; the system's apt.conf.d)"
apt_dir="$work/apt"
mkdir -p "$apt_dir"/{lists/partial,cache/archives/partial,sources.list.d,dl}
touch "$apt_dir/status"
echo "deb [signed-by=$work/mirror/archive-keyring.gpg] http://127.0.0.1:$mirror_port/debian ci main" \
  > "$apt_dir/sources.list"
chown -R _apt "$apt_dir" 2>/dev/null || true
apt_opts=(-o Dir::State::Lists="$apt_dir/lists" -o Dir::State::status="$apt_dir/status"
  -o Dir::Cache="$apt_dir/cache" -o Dir::Etc::sourcelist="$apt_dir/sources.list"
  -o Dir::Etc::sourceparts="$apt_dir/sources.list.d" -o Debug::Acquire::http=false)
[ "$(/usr/share/debswarm/bin/debswarm-apt-proxy "http://127.0.0.1:$mirror_port/debian")" = "http://127.0.0.1:$apt_port" ] \
  || fail "the proxy helper does not name the ready node for the test mirror"
[ "$(/usr/share/debswarm/bin/debswarm-apt-proxy http://example.org/debian)" = DIRECT ] \
  || fail "the proxy helper must answer DIRECT for a mirror the node does not proxy"
env -u no_proxy -u NO_PROXY apt-get "${apt_opts[@]}" update 2>&1 | tee "$work/apt-update.txt"
grep -q "^W:\|^E:" "$work/apt-update.txt" && fail "apt-get update warned or failed"
(cd "$apt_dir/dl" && env -u no_proxy -u NO_PROXY apt-get "${apt_opts[@]}" download debswarm-ci-hello) 2>&1 | tee "$work/apt-download.txt"
ls "$apt_dir"/dl/debswarm-ci-hello_*.deb >/dev/null || fail "apt-get download fetched nothing"
export DEBSWARM_URL="http://127.0.0.1:$console"
status=$(debswarm status --json) || fail "debswarm status: $status"
echo "$status"
python3 - "$status" <<'PY' || fail "the files did not come through the node"
import json, sys
s = json.loads(sys.argv[1])
assert s["ready"] is True, s
assert s["fromMirrorsBytes"] > 0, s
assert s["storeFiles"] >= 1, s
PY
stored_before=$(find /var/cache/debswarm -type f | sort)
password_before=$(cat /var/lib/debswarm/etc/console-password)
mirror_bytes_before=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["fromMirrorsBytes"])' "$status")
stop_node

echo "== upgrade to the rebuilt .deb (changed configuration kept: --force-confold as apt keeps it unattended)"
dpkg -i --force-confold "$deb2" >/dev/null
[ "$(dpkg-query -W -f '${Version}' debswarm)" = "$(dpkg-deb -f "$deb2" Version)" ] || fail "not upgraded"
grep -q "^org.osgi.service.http.port=$apt_port" /etc/debswarm/org.apache.felix.http-aptlistener.cfg \
  || fail "the changed conffile was not kept"
[ -f /etc/debswarm/org.debswarm.aptlistener.cfg ] || fail "the administrator's own .cfg was not kept"
[ -f /etc/apt/apt.conf.d/30debswarm-proxy ] || fail "the apt snippet went on upgrade"
[ "$(cat /var/lib/debswarm/etc/console-password)" = "$password_before" ] || fail "the console password changed"
[ "$(find /var/cache/debswarm -type f | sort)" = "$stored_before" ] || fail "the store changed on upgrade"
start_node
# ready means apt can be served; the console's status API (another bundle) may follow a moment later
for _ in $(seq 1 60); do
  status=$(debswarm status --json 2>/dev/null) && break
  sleep 1
done
[ -n "$status" ] || fail "debswarm status after the upgrade: $(debswarm status --json 2>&1)"
echo "$status"
python3 - "$status" "$mirror_bytes_before" <<'PY' || fail "statistics or store lost on upgrade"
import json, sys
s = json.loads(sys.argv[1])
assert s["ready"] is True, s
assert s["fromMirrorsBytes"] == int(sys.argv[2]), s
assert s["storeFiles"] >= 1, s
PY
stop_node

echo "== dpkg --purge: nothing left"
dpkg --purge debswarm >/dev/null
for f in /etc/debswarm /var/lib/debswarm /var/cache/debswarm /usr/share/debswarm /usr/bin/debswarm $unit \
  /etc/apt/apt.conf.d/30debswarm-proxy /usr/share/doc/debswarm /var/lib/dpkg/info/debswarm.list; do
  [ -e "$f" ] || [ -L "$f" ] && fail "$f is left after purge"
done
getent passwd debswarm >/dev/null && fail "the user debswarm is left after purge"
getent group debswarm >/dev/null && fail "the group debswarm is left after purge"
apt-config dump > "$work/apt-config.txt"
grep -q Proxy-Auto-Detect "$work/apt-config.txt" && fail "apt still has a Proxy-Auto-Detect"
exit 0
