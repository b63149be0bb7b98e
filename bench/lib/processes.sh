# Sourced by the bench scripts that start processes of their own.
#   bench_work NAME   sets $work, a fresh folder ${TMPDIR:-/tmp}/debswarm-NAME.XXXXXX (mode 755, so that a node
#                     or mirror running as another user can read it), and $pids, where the script adds each
#                     background process it starts; at exit, also on failure or Ctrl-C, every one of them is
#                     killed and waited for, then $work is deleted
#   free_port         prints a loopback port nobody listens on now
bench_work() {
  work="$(mktemp -d "${TMPDIR:-/tmp}/debswarm-$1.XXXXXX")"
  chmod 755 "$work"
  pids=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
