#!/usr/bin/env bash
# Load-tests the release binary on loopback with wrk: /stats?range=30d, /habits and /
# for a demo user with 1 and with 10 years of history. Needs wrk (apt-get install wrk).
# Usage: scripts/bench-http.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
target="${CARGO_TARGET_DIR:-$(pwd)/target}"
binary="${HABITFLOW_BIN:-}"
if [ -z "$binary" ]; then
  cargo build --release --bin habitflow >/dev/null
  binary="$target/release/habitflow"
fi
work="$(mktemp -d)"
port=18765
export HABITFLOW_BIND="127.0.0.1:$port" HABITFLOW_QUOTES_URL="" RUST_LOG=warn
cd "$work"
for years in 1 10; do
  "$binary" demo-data --email "demo$years@example.com" --years "$years" >/dev/null
done
"$binary" serve &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.1; done
for years in 1 10; do
  cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"demo$years@example.com\",\"password\":\"demo-habits-2026\"}" \
    "http://127.0.0.1:$port/auth/login" | sed -n 's/^set-cookie: \(habitflow_session=[^;]*\).*/\1/ip')
  for path in "/stats?range=30d" "/habits?status=all" "/"; do
    echo "== $years year(s) of history: GET $path"
    wrk -t2 -c8 -d"${seconds}s" -H "Cookie: $cookie" -H "Accept: application/json" "http://127.0.0.1:$port$path" \
      | grep -E "Latency|Requests/sec|Non-2xx"
  done
done
