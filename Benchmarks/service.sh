#!/usr/bin/env bash
# Service benchmarks (issue 13), every figure from this one run on this machine:
#  - wrk, 64 connections, 10 s, GET /v1/recommendations over a mix of 5 profiles (Tests/Service/profiles.lua),
#    on the default catalog and on a 100k-product catalog: requests/s, p50/p99, non-2xx and socket errors,
#    once as served (response cache on, the default) and once with --cache-mb 0 (every request computed);
#  - the same 5 profiles as sequential `giftwise recommend --format json` processes (requests/s);
#  - the in-process rate: service-bench answers the same 5 profiles on one thread per core for 10 s
#    (request → library recommend → JSON bytes, no HTTP, no cache);
#  - server RSS after each load;
#  - a 200k-row PUT /v1/catalog while readers poll: zero failed reads, and they see the old catalog
#    (never a part of the new one) until the import commits.
# Usage: Benchmarks/service.sh   (BENCH_DIR to keep files; takes ~4 minutes after the build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
for tool in wrk curl python3; do command -v $tool >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk curl; break; }; done
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
if ! (swift build -c release --product giftwise-server && swift build -c release --product giftwise && swift build -c release --product service-bench) >"$work/build.log" 2>&1; then
  cat "$work/build.log"; echo "build failed" >&2; exit 1
fi
bin=$(swift build -c release --show-bin-path)
export GIFTWISE_BIN_DIR=$bin
source Tests/Service/lib.sh
LUA=$ROOT/Tests/Service/profiles.lua
mapfile -t queries < <(grep -oE '"/v1/recommendations\?[^"]+"' "$LUA" | tr -d '"')
profiles=(
  "--age 7 --interest dinosaurs --interest drawing --purpose educational --budget 30"
  "--age 35 --interest coffee --interest hiking --budget 60"
  "--age 12 --interest space --interest lego --purpose fun --budget 50 --limit 10"
  "--age 3 --interest trains --budget 25"
  "--age 70 --interest gardening --interest reading --purpose crafty --budget 40 --exclude seeds"
)
cores=$(nproc)
echo "machine: $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

"$CLI_BIN" --db "$work/default.sqlite" catalog stats --format json >/dev/null
[ -f "$work/catalog-100000.csv" ] || python3 Benchmarks/generate_catalog.py 100000 "$work/catalog-100000.csv" --seed 42
[ -f "$work/big.sqlite" ] || "$CLI_BIN" --db "$work/big.sqlite" catalog import "$work/catalog-100000.csv" >/dev/null

# load NAME DB ARGS… : warm-up, then 10 s of wrk; sets rps p50 p99 non2xx sockets rss_mb.
load() {
  local name="$1" db="$2"; shift 2
  start_server "$work/server-$name.log" --db "$db" "$@"
  wrk -t2 -c64 -d2s -s "$LUA" "http://127.0.0.1:$SERVER_PORT" >/dev/null   # warm-up
  wrk -t2 -c64 -d10s --latency -s "$LUA" "http://127.0.0.1:$SERVER_PORT" >"$work/wrk-$name.txt"
  rss_mb=$(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 ))
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  local f="$work/wrk-$name.txt"
  rps=$(wrk_result "$f" rps); p50=$(wrk_result "$f" p50_ms); p99=$(wrk_result "$f" p99_ms); non2xx=$(wrk_result "$f" non2xx)
  sockets=$(( $(wrk_result "$f" connect) + $(wrk_result "$f" read) + $(wrk_result "$f" write) + $(wrk_result "$f" timeout) ))
}
ratio() { python3 -c "a, b = float('$1'), float('$2'); print(f'{a / b:.1f}' if b > 0 else '?')"; }
percent() { python3 -c "a, b = float('$1'), float('$2'); print(f'{100 * a / b:.0f} %' if b > 0 else '?')"; }

printf '\n| catalog | server | req/s | p50 ms | p99 ms | non-2xx | socket errors | RSS after load | ÷ sequential CLI | ÷ in-process |\n|---|---|---|---|---|---|---|---|---|---|\n' >"$work/table.md"
: >"$work/baselines.md"
for name in default big; do
  db="$work/$name.sqlite"
  label=$([ $name = default ] && echo "default ($("$CLI_BIN" --db "$db" catalog stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["products"])') products)" || echo "100k products")
  # Sequential processes: each profile 10 times.
  start=$(date +%s%N); runs=0
  for round in $(seq 1 10); do for profile in "${profiles[@]}"; do
    # shellcheck disable=SC2086
    "$CLI_BIN" --db "$db" recommend $profile --format json >/dev/null; runs=$((runs + 1))
  done; done
  cli_rps=$(python3 -c "print(round($runs / (($(date +%s%N) - $start) / 1e9), 1))")
  # In-process, one thread per core, the same five profiles, no cache.
  inproc=$("$BIN_DIR/service-bench" "$db" 10 "$cores" "${queries[@]}" | grep -oE 'rps=[0-9.]+' | cut -d= -f2)
  echo "| $label | $cli_rps | $inproc |" >>"$work/baselines.md"
  load "$name-cached" "$db"
  echo "| $label | as served (cache on) | $rps | $p50 | $p99 | $non2xx | $sockets | $rss_mb MB | $(ratio "$rps" "$cli_rps")× | $(percent "$rps" "$inproc") |" >>"$work/table.md"
  load "$name-uncached" "$db" --cache-mb 0
  echo "| $label | --cache-mb 0 | $rps | $p50 | $p99 | $non2xx | $sockets | $rss_mb MB | $(ratio "$rps" "$cli_rps")× | $(percent "$rps" "$inproc") |" >>"$work/table.md"
  echo "done: $name"
done
cat "$work/table.md"
printf '\n| catalog | sequential `giftwise recommend` processes, req/s | in-process, %s threads, req/s |\n|---|---|---|\n' "$cores"
cat "$work/baselines.md"
echo

# Readers during a 200k-row import.
[ -f "$work/catalog-200000.csv" ] || python3 Benchmarks/generate_catalog.py 200000 "$work/catalog-200000.csv" --seed 7
cp "$work/default.sqlite" "$work/import.sqlite"
GIFTWISE_ADMIN_TOKEN=bench-token start_server "$work/server-import.log" --db "$work/import.sqlite"
old=$(curl -sf "http://127.0.0.1:$SERVER_PORT/v1/catalog/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["products"])')
python3 - "$SERVER_PORT" "$work/catalog-200000.csv" "$old" <<'PY'
import http.client, json, sys, threading, time
port, csv_path, old = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
observations, failures, stop = [], [], threading.Event()
def reader():
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        try:
            began = time.monotonic()
            conn.request("GET", "/v1/catalog/stats")
            response = conn.getresponse(); body = response.read()
            if response.status != 200: failures.append(response.status); continue
            observations.append((began, time.monotonic(), json.loads(body)["products"]))
            conn.request("GET", "/v1/recommendations?age=7&interest=dinosaurs&budget=30")
            response = conn.getresponse(); response.read()
            if response.status != 200: failures.append(response.status)
        except Exception as error:
            failures.append(repr(error)); conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
threads = [threading.Thread(target=reader) for _ in range(4)]
for t in threads: t.start()
time.sleep(0.5)
size = len(open(csv_path, "rb").read())
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
started = time.monotonic()
with open(csv_path, "rb") as body:
    conn.request("PUT", "/v1/catalog", body=body, headers={"Content-Type": "text/csv", "Authorization": "Bearer bench-token", "Content-Length": str(size)})
    response = conn.getresponse(); report = response.read()
finished = time.monotonic()
time.sleep(0.5); stop.set()
for t in threads: t.join()
new = old + json.loads(report)["added"] if response.status == 200 else None
during = [count for (began, ended, count) in observations if started <= began and ended <= finished]
values = sorted(set(count for _, _, count in observations))
# No read that began after some read had seen the new catalog may see the old one.
first_new_seen = min((ended for (_, ended, count) in observations if count == new), default=float("inf"))
late_old = [1 for (began, _, count) in observations if count == old and began > first_new_seen]
print(f"PUT {size / 1e6:.1f} MB, 200k rows: status {response.status} in {finished - started:.1f} s; "
      f"{len(observations)} reads ({len(during)} during the import), counts seen: {values}, failed reads: {len(failures)}")
ok = response.status == 200 and not failures and set(values) <= {old, new} and not late_old and old in during
print("readers during import: " + ("PASS (old catalog until commit, then the new one; no failure)" if ok else "FAIL"))
PY
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
