#!/usr/bin/env bash
# Browser tests of the web gift finder: builds, starts `giftwise serve` on a free loopback port
# with a temporary catalog (the bundled default plus two products with hostile names), runs
# Tests/Web/test_finder.py in headless Chromium (JavaScript on, then off) and stops the server.
# Screenshots go to $SCREENSHOTS (default: docs/screenshots). Bounded: the test run is killed
# after 15 minutes; the server after the run whatever happens.
# Needs: chromium, chromium-driver (Debian), selenium (PyPI); axe-selenium-python optional.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SCREENSHOTS="${SCREENSHOTS:-$ROOT/docs/screenshots}"
BIN_DIR="${GIFTWISE_BIN_DIR:-$ROOT/.build/debug}"
if [ -z "${GIFTWISE_BIN_DIR:-}" ]; then
  build_log="$(mktemp)"
  swift build >"$build_log" 2>&1 || { tail -30 "$build_log"; rm -f "$build_log"; exit 1; }
  rm -f "$build_log"
fi
CLI="$BIN_DIR/giftwise"
[ -x "$CLI" ] && [ -x "$BIN_DIR/giftwise-server" ] || { echo "missing $CLI or giftwise-server: swift build failed?" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The catalog: the bundled default (filled on first use), then the hostile products upserted.
"$CLI" --db "$work/catalog.sqlite" catalog stats --format json >/dev/null
"$CLI" --db "$work/catalog.sqlite" catalog import "$ROOT/Tests/Web/xss-products.csv" >/dev/null 2>&1

"$CLI" serve --port 0 --db "$work/catalog.sqlite" >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(grep -oE 'serving on http://127\.0\.0\.1:[0-9]+' "$work/server.log" | head -1 | grep -oE '[0-9]+$' || true)"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited:"; cat "$work/server.log"; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "server did not start:"; cat "$work/server.log"; exit 1; }
echo "giftwise serve on http://127.0.0.1:$port"

status=0
timeout 900 python3 "$ROOT/Tests/Web/test_finder.py" --base "http://127.0.0.1:$port" --screenshots "$SCREENSHOTS" || status=$?
if [ "$status" -ne 0 ]; then echo "--- server log (last 20 lines)"; tail -20 "$work/server.log"; fi
exit "$status"
