#!/usr/bin/env bash
# Counts the CPU instructions a habitflow binary spends serving N requests, with valgrind's
# callgrind. Instruction counts do not depend on what else the machine is doing, so two
# binaries (before and after a change) can be compared on a busy machine, where wrk's
# req/s cannot (scripts/bench-compare.sh explains that spread).
#
# It creates demo data (`habitflow demo-data`, YEARS of history) in a fresh directory,
# starts the binary under callgrind, signs the demo user in, sends PATH a few times to warm
# up, zeroes the counters, sends PATH N times (as JSON), and dumps the counts. It prints
# the instructions per request and leaves the callgrind file for `callgrind_annotate`.
#
# Usage: scripts/callgrind-requests.sh BINARY PATH [N, default 100] [YEARS, default 1] [OUT_DIR]
#   e.g. scripts/callgrind-requests.sh target/release/habitflow '/stats?range=30d'
# Build with symbols for a readable profile:
#   CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --bin habitflow
# Needs valgrind (callgrind_control, callgrind_annotate) and curl.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 2
fi
bin="$(realpath "$1")"
path="$2"
count="${3:-100}"
years="${4:-1}"
out_dir="${5:-$(mktemp -d)}"
mkdir -p "$out_dir"
out_dir="$(realpath "$out_dir")"
port="${HABITFLOW_CALLGRIND_PORT:-18781}"
email="demo$years@example.com"
password="demo-habits-2026" # demo-data's default password
export HABITFLOW_QUOTES_URL="" RUST_LOG=warn

data="$out_dir/data-$years"
rm -rf "$data" && mkdir -p "$data"
(cd "$data" && "$bin" demo-data --email "$email" --years "$years" >/dev/null)

out_file="$out_dir/callgrind.out"
rm -f "$out_file"*
# exec: the PID recorded is valgrind's own, which is the server's process.
(cd "$data" && HABITFLOW_BIND="127.0.0.1:$port" exec valgrind --tool=callgrind \
  --callgrind-out-file="$out_file" "$bin" serve) >"$out_dir/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null || {
  echo "server did not become ready; log:" >&2
  cat "$out_dir/serve.log" >&2
  exit 1
}
cookie="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/auth/login" | sed -n 's/^set-cookie: \(habitflow_session=[^;]*\).*/\1/ip')"
[ -n "$cookie" ] || { echo "sign-in failed (no session cookie)" >&2; exit 1; }

get() {
  curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H 'Accept: application/json' \
    "http://127.0.0.1:$port$path"
}
for _ in 1 2 3 4 5; do
  code="$(get)"
  [ "$code" = 200 ] || { echo "GET $path answered $code" >&2; exit 1; }
done

callgrind_control -z "$server" >/dev/null 2>&1
for _ in $(seq 1 "$count"); do get >/dev/null; done
callgrind_control -d "$server" >/dev/null 2>&1

# The dump holds only the counted requests: the counters were zeroed just before them.
dump="$(ls -t "$out_file"* | grep -v '\.out$' | head -n1)"
total="$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}')"
echo "binary:       $bin"
echo "request:      GET $path ($years year(s) of history), $count times"
echo "instructions: $total in all, $((total / count)) per request"
echo "profile:      callgrind_annotate $dump"
