#!/usr/bin/env bash
# Load-tests release binaries on loopback with wrk (docs/benchmarks.md#http): for a
# demo user with 1 and with 10 years of history, on SQLite and (when
# BENCH_POSTGRES_URL is set) on PostgreSQL, every row of the table of issue #17:
#   check-in + undo on one habit (a wrk Lua script alternating POST and DELETE),
#   GET /stats?range=all, GET /stats?range=1y, GET /habits?status=all (JSON),
#   GET / (home), GET /healthz/ready, and each server's peak RSS (VmHWM).
# One server per binary, backend and history length, so each peak RSS is that
# data's. Runs are interleaved (round by round, path by path, the binaries in
# alternating order) so that every binary sees the same machine load; the
# report gives the median of the rounds.
# Needs wrk, curl, python3 (and psql for PostgreSQL).
#
# Usage: scripts/bench-http.sh [seconds per run, default 10] [rounds, default 3]
# Environment:
#   BENCH_BINARIES  "label=path label=path ..." (default: after=<this tree's release build>)
#   BENCH_POSTGRES_URL  postgres://user@host:port (a server where databases may be created)
#   BENCH_CONNECTIONS   wrk connections (default 16); BENCH_PORT first port (default 18101)
#   BENCH_ROWS  the rows to measure, space-separated (default: all of them, as below)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
rounds="${2:-3}"
connections="${BENCH_CONNECTIONS:-16}"
port="${BENCH_PORT:-18101}"
scripts="$(pwd)/scripts"
if [ -z "${BENCH_BINARIES:-}" ]; then
  cargo build --release --bin habitflow >/dev/null
  BENCH_BINARIES="after=${CARGO_TARGET_DIR:-$(pwd)/target}/release/habitflow"
fi
work="$(mktemp -d)"
results="$work/results.tsv"
servers=()
databases=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for db in "${databases[@]}"; do psql -q "$BENCH_POSTGRES_URL/postgres" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export HABITFLOW_QUOTES_URL="" RUST_LOG=warn HABITFLOW_CLIENT_REQUESTS_PER_MINUTE=0

backends="sqlite"
[ -n "${BENCH_POSTGRES_URL:-}" ] && backends="sqlite postgres"

# Starts one server per (backend, binary, years); prints "key port pid cookie csrf habit date".
targets=()
for backend in $backends; do
  for entry in $BENCH_BINARIES; do
    label="${entry%%=*}"; binary="${entry#*=}"
    for years in 1 10; do
      key="$backend/$label/${years}y"
      if [ "$backend" = sqlite ]; then
        url="sqlite://$work/$label-$years.db"
      else
        db="habitflow_bench_${label}_$years"
        psql -q "$BENCH_POSTGRES_URL/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
        databases+=("$db")
        url="$BENCH_POSTGRES_URL/$db"
      fi
      export HABITFLOW_DATABASE_URL="$url" HABITFLOW_BIND="127.0.0.1:$port"
      "$binary" demo-data --email "demo@example.com" --years "$years" >/dev/null
      "$binary" serve >"$work/server-$port.log" 2>&1 &
      pid=$!
      servers+=("$pid")
      for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.1; done
      jar="$work/jar-$port"
      curl -sf -c "$jar" -o /dev/null -H 'Content-Type: application/json' \
        -d '{"email":"demo@example.com","password":"demo-habits-2026"}' "http://127.0.0.1:$port/auth/login"
      csrf=$(curl -sf -b "$jar" -c "$jar" "http://127.0.0.1:$port/auth/csrf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
      cookie=$(awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "} /^#HttpOnly_/ {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")
      habit=$(curl -sf -H "Cookie: $cookie" -H 'Accept: application/json' "http://127.0.0.1:$port/habits?status=active&per_page=100" \
        | python3 -c 'import json,sys; print(next(h["id"] for h in json.load(sys.stdin)["items"] if h["schedule_type"] == "daily"))')
      day=$(curl -sf -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Accept: application/json' -H 'Content-Type: application/json' \
        -d '{"kind":"done"}' "http://127.0.0.1:$port/habits/$habit/checkins" | python3 -c 'import json,sys; print(json.load(sys.stdin)["date"])')
      targets+=("$key $port $pid $habit $day")
      printf '%s\n' "$cookie" >"$work/cookie-$port"
      printf '%s\n' "$csrf" >"$work/csrf-$port"
      port=$((port + 1))
    done
  done
done

# One wrk run: appends "key row round req/s p50 p99 non2xx" to the results.
run() {
  local key="$1" port="$2" habit="$3" day="$4" row="$5" round="$6" out
  local cookie csrf
  cookie=$(cat "$work/cookie-$port"); csrf=$(cat "$work/csrf-$port")
  local args=(-t2 "-c$connections" "-d${seconds}s" --latency -H "Cookie: $cookie" -H "Accept: application/json")
  case "$row" in
    checkin-undo)
      out=$(BENCH_HABIT="$habit" BENCH_DAY="$day" wrk "${args[@]}" -H "X-CSRF-Token: $csrf" \
        -s "$scripts/bench-checkin-undo.lua" "http://127.0.0.1:$port") ;;
    *)
      out=$(wrk "${args[@]}" "http://127.0.0.1:$port$row") ;;
  esac
  printf '%s\n' "$out" | python3 "$scripts/bench-wrk-line.py" "$key" "$row" "$round" >>"$results"
}

rows=(checkin-undo "/stats?range=all" "/stats?range=1y" "/habits?status=all" "/" "/healthz/ready")
[ -n "${BENCH_ROWS:-}" ] && read -r -a rows <<<"$BENCH_ROWS"
for round in $(seq 1 "$rounds"); do
  for row in "${rows[@]}"; do
    # Alternate the order of the servers from round to round.
    if [ $((round % 2)) -eq 1 ]; then order=("${targets[@]}"); else
      order=(); for ((i = ${#targets[@]} - 1; i >= 0; i--)); do order+=("${targets[$i]}"); done
    fi
    for target in "${order[@]}"; do
      read -r key tport pid habit day <<<"$target"
      run "$key" "$tport" "$habit" "$day" "$row" "$round"
    done
  done
done
for target in "${targets[@]}"; do
  read -r key tport pid habit day <<<"$target"
  printf '%s\tpeak-rss\t-\t%s\n' "$key" "$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")" >>"$results"
done
python3 "$scripts/bench-report.py" "$results" "$seconds" "$rounds" "$connections"
