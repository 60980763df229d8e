# Shared by the service scripts: find the binaries, start a server on a free loopback port.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN_DIR="${GIFTWISE_BIN_DIR:-$ROOT/.build/debug}"
SERVER_BIN="$BIN_DIR/giftwise-server"
CLI_BIN="$BIN_DIR/giftwise"
for binary in "$SERVER_BIN" "$CLI_BIN"; do
  [ -x "$binary" ] || { echo "missing $binary: run swift build first (or set GIFTWISE_BIN_DIR)" >&2; exit 1; }
done

# start_server LOG ARGS… : starts giftwise-server --port 0 ARGS…, waits until it listens, sets
# SERVER_PID and SERVER_PORT.
start_server() {
  local log="$1"; shift
  "$SERVER_BIN" --port 0 "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  SERVER_PORT=""
  for _ in $(seq 1 300); do
    SERVER_PORT="$(grep -oE 'serving on http://127\.0\.0\.1:[0-9]+' "$log" | head -1 | grep -oE '[0-9]+$' || true)"
    [ -n "$SERVER_PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:"; cat "$log"; return 1; }
    sleep 0.1
  done
  echo "server did not start:"; cat "$log"; return 1
}

# free_port: a port nothing listens on now (for nginx).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wrk_result FILE KEY: a value from the RESULT line profiles.lua prints.
wrk_result() { grep -oE "$2=[0-9.]+" "$1" | head -1 | cut -d= -f2; }
