#!/usr/bin/env bash
# Validates the OpenAPI document and checks a live server against it with schemathesis:
# every response must match the document (status, content type, headers, schema) and none may be
# a 5xx, over at least 500 generated requests (counted from the server's one-line-per-request log).
# Loopback only; stops by itself. Needs: pip install openapi-spec-validator schemathesis
set -euo pipefail
source "$(dirname "$0")/lib.sh"
EXAMPLES="${SCHEMATHESIS_EXAMPLES:-50}"
work="$(mktemp -d)"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$CLI_BIN" --db "$work/catalog.sqlite" catalog stats --format json >/dev/null   # seeds the default catalog
GIFTWISE_ADMIN_TOKEN=schemathesis-token start_server "$work/server.log" --db "$work/catalog.sqlite"
base="http://127.0.0.1:$SERVER_PORT"
curl -sf "$base/openapi.json" -o "$work/openapi.json"
openapi-spec-validator "$work/openapi.json"

set +e
cd "$work"   # schemathesis keeps its example database in the current folder
timeout 900 schemathesis run "$base/openapi.json" \
  --url "$base" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples "$EXAMPLES" --seed 1 \
  --header "Authorization: Bearer schemathesis-token" \
  --no-color 2>&1 | tee "$work/schemathesis.log" | tail -60
status=${PIPESTATUS[0]}
set -e
requests=$(grep -c 'request.id=' "$work/server.log" || true)
server_errors=$(grep -cE '" [^ ]+ 5[0-9][0-9] |\] [A-Z]+ [^ ]+ 5[0-9][0-9] ' "$work/server.log" || true)
echo "schemathesis: exit $status, $requests requests served, $server_errors 5xx"
[ "$status" -eq 0 ] || { echo "FAIL: schemathesis found responses that do not match the document"; exit 1; }
[ "$requests" -ge 500 ] || { echo "FAIL: only $requests requests (need at least 500)"; exit 1; }
[ "$server_errors" -eq 0 ] || { echo "FAIL: $server_errors server errors"; grep -E ' 5[0-9][0-9] ' "$work/server.log" | head; exit 1; }
echo "PASS"
