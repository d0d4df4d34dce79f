#!/usr/bin/env bash
# The server's memory after many password hashes (docs/benchmarks.md#memory):
# starts a release binary on a fresh SQLite database (or HABITFLOW_DATABASE_URL),
# makes N sign-ups and N sign-ins (default 500 each; 4 at a time, so the hashing
# gate never refuses), and prints the server's RSS after them and its peak.
# Each request comes from its own client address (X-Forwarded-For from a trusted
# proxy), as from many users, so the per-address limits do not slow it down.
# Usage: scripts/rss-after-signups.sh [count, default 500]   (HABITFLOW_BIN: the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-500}"
binary="${HABITFLOW_BIN:-${CARGO_TARGET_DIR:-$(pwd)/target}/release/habitflow}"
[ -n "${HABITFLOW_BIN:-}" ] || cargo build --release --bin habitflow >/dev/null
work="$(mktemp -d)"
port="${BENCH_PORT:-18150}"
export HABITFLOW_BIND="127.0.0.1:$port" HABITFLOW_QUOTES_URL="" RUST_LOG=warn \
  HABITFLOW_TRUSTED_PROXIES=127.0.0.1 HABITFLOW_CLIENT_REQUESTS_PER_MINUTE=0 \
  HABITFLOW_DATABASE_URL="${HABITFLOW_DATABASE_URL:-sqlite://$work/rss.db}"
"$binary" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.1; done
rss() { awk -v field="$1" '$1 == field":" {printf "%.1f MiB", $2 / 1024}' "/proc/$server/status"; }
echo "after start: RSS $(rss VmRSS)"

# One user: signs up, then signs in; retried while the hashing gate is full (503).
one() {
  local n="$1" address path status
  address="10.$((n / 65536 % 256)).$((n / 256 % 256)).$((n % 256))"
  local credentials="\"email\":\"user$n@example.com\",\"password\":\"correct horse $n\""
  for path in register login; do
    for _ in $(seq 1 20); do
      status=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: $address" \
        -H 'Content-Type: application/json' -d "{$credentials}" "http://127.0.0.1:$port/auth/$path")
      [ "$status" != 503 ] && break
      sleep 1
    done
    [ "${status:0:1}" = 2 ] || echo "user $n: $path answered $status" >&2
  done
}
export -f one
export port
seq 1 "$count" | xargs -P 4 -I{} bash -c 'one {}'
echo "after $count sign-ups and $count sign-ins: RSS $(rss VmRSS), peak $(rss VmHWM)"
