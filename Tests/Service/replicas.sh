#!/usr/bin/env bash
# Two replicas behind nginx on loopback, for real:
#  1. wrk drives GET /v1/recommendations through nginx; one replica is killed (SIGKILL) mid-load;
#     nginx's retry must keep failed requests at zero.
#  2. With both replicas up and wrk running again, a new catalog is published to each replica's
#     path (`giftwise catalog publish`: VACUUM INTO + atomic link swap); every replica must serve
#     it within a second, with no failed request during the swap.
# Bounded (about 30 s and a few thousand requests), loopback only, stops by itself.
# Needs: nginx, wrk, curl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
HERE="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for log in "$work"/*.log; do echo "--- $log"; tail -5 "$log"; done; exit 1; }

# The publisher's catalog, and each replica's own copy of it.
"$CLI_BIN" --db "$work/source.sqlite" catalog stats --format json >/dev/null
mkdir -p "$work/a" "$work/b"
for replica in a b; do "$CLI_BIN" --db "$work/source.sqlite" catalog publish "$work/$replica/catalog.sqlite" >/dev/null; done
products_before=$("$CLI_BIN" --db "$work/source.sqlite" catalog stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["products"])')

start_server "$work/a.log" --db "$work/a/catalog.sqlite" --log-level notice; A_PID=$SERVER_PID; A_PORT=$SERVER_PORT; pids+=("$A_PID")
start_server "$work/b.log" --db "$work/b/catalog.sqlite" --log-level notice; B_PID=$SERVER_PID; B_PORT=$SERVER_PORT; pids+=("$B_PID")
LB_PORT=$(free_port)
mkdir -p "$work/nginx-tmp"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-tmp/body;
  proxy_temp_path $work/nginx-tmp/proxy;
  fastcgi_temp_path $work/nginx-tmp/fastcgi;
  uwsgi_temp_path $work/nginx-tmp/uwsgi;
  scgi_temp_path $work/nginx-tmp/scgi;
  upstream giftwise {
    server 127.0.0.1:$A_PORT max_fails=1 fail_timeout=2s;
    server 127.0.0.1:$B_PORT max_fails=1 fail_timeout=2s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://giftwise;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Request-Id \$request_id;
      # A replica that dies or refuses: try the other one (GETs are idempotent).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 1s;
      proxy_read_timeout 10s;
    }
  }
}
NGINX
nginx -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log"
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$LB_PORT/health" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$LB_PORT/health" >/dev/null || fail "nginx does not answer"
echo "replicas on :$A_PORT and :$B_PORT behind nginx on :$LB_PORT"

# 1. Kill a replica mid-load.
timeout 30 wrk -t2 -c16 -d6s -s "$HERE/profiles.lua" "http://127.0.0.1:$LB_PORT" >"$work/wrk1.txt" &
WRK=$!
sleep 2
kill -9 "$A_PID"
wait "$WRK" || true
cat "$work/wrk1.txt" | grep -E "RESULT|Requests/sec"
[ "$(wrk_result "$work/wrk1.txt" requests)" -gt 100 ] || fail "too few requests in phase 1"
for key in non2xx connect read write timeout; do
  [ "$(wrk_result "$work/wrk1.txt" $key)" = "0" ] || fail "phase 1 (replica killed): $key errors = $(wrk_result "$work/wrk1.txt" $key)"
done
echo "phase 1: a replica killed mid-load, no failed request"

# Bring it back on the same port.
"$SERVER_BIN" --port "$A_PORT" --db "$work/a/catalog.sqlite" --log-level notice >"$work/a2.log" 2>&1 &
A_PID=$!; pids+=("$A_PID")
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$A_PORT/health" >/dev/null && break; sleep 0.1; done
sleep 2.5   # nginx's fail_timeout: the upstream is tried again

# 2. Publish a new catalog to both replicas under load.
printf 'id,name,price,age_min,age_max,interests\n' >"$work/extra.csv"
for i in $(seq 1 25); do printf 'pub-%d,Published Dinosaur Kit %d,%d.99,5,10,dinosaurs\n' "$i" "$i" "$((i + 5))" >>"$work/extra.csv"; done
"$CLI_BIN" --db "$work/source.sqlite" catalog import "$work/extra.csv" >/dev/null
products_after=$((products_before + 25))
# Lighter load here: the point is that no request fails while the files change under the replicas.
timeout 30 wrk -t1 -c4 -d6s -s "$HERE/profiles.lua" "http://127.0.0.1:$LB_PORT" >"$work/wrk2.txt" &
WRK=$!
sleep 2
# Each replica: the snapshot is swapped in by `publish`; from then on, the replica must serve it
# within a second (it checks its path five times a second).
for replica in a b; do
  port=$A_PORT; [ "$replica" = b ] && port=$B_PORT
  "$CLI_BIN" --db "$work/source.sqlite" catalog publish "$work/$replica/catalog.sqlite" >/dev/null
  start_ns=$(date +%s%N)
  while :; do
    count=$(curl -sf "http://127.0.0.1:$port/health" | grep -oE '"products":[0-9]+' | cut -d: -f2 || echo 0)
    elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
    if [ "$count" = "$products_after" ]; then echo "replica :$port serves the new catalog ($count products) ${elapsed_ms} ms after it was published"; break; fi
    [ "$elapsed_ms" -gt 1000 ] && fail "replica :$port still serves $count products (want $products_after) 1 s after the publish"
    sleep 0.02
  done
done
wait "$WRK" || true
grep -E "RESULT" "$work/wrk2.txt"
for key in non2xx connect read write timeout; do
  [ "$(wrk_result "$work/wrk2.txt" $key)" = "0" ] || fail "phase 2 (publish): $key errors = $(wrk_result "$work/wrk2.txt" $key)"
done
through_lb=$(curl -sf "http://127.0.0.1:$LB_PORT/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["products"])')
[ "$through_lb" = "$products_after" ] || fail "nginx still serves the old catalog ($through_lb)"
echo "phase 2: new catalog published and served by every replica within a second, no failed request"
echo "PASS"
