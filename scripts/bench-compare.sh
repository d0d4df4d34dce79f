#!/usr/bin/env bash
# Compares the HTTP throughput and latency of two habitflow release binaries (BEFORE and
# AFTER a change) in one run, so that both see the same machine load: on a shared machine
# numbers from different runs are not comparable, numbers interleaved in one run are.
#
# For 1 and for 10 years of demo history it creates one fresh data directory per binary
# with the same `habitflow demo-data` command (so both serve the same data), starts each
# binary on its own loopback port, signs the demo user in on each, then runs ROUNDS rounds;
# in each round every request is loaded with wrk on BEFORE and on AFTER back to back (the
# order alternates between rounds: B,A then A,B then B,A ...). Requests, as JSON
# (`Accept: application/json`): GET /habits?status=all, GET /, GET /stats?range=30d, and
# GET /healthz/ready (no session, one database check: the floor of the stack).
# It prints every run and then, per request, the median of the rounds for req/s, mean
# latency and the server's CPU time per request, and the AFTER/BEFORE ratios, as a
# markdown table. CPU per request is the steadiest of the three on a busy machine.
#
# Usage: scripts/bench-compare.sh BEFORE_BINARY AFTER_BINARY [seconds per run, default 10]
#        [rounds, default 3]
#   e.g. scripts/bench-compare.sh target-before/release/habitflow target/release/habitflow
# Needs wrk (apt-get install wrk), curl and awk. Build the binaries with
# `cargo build --release --bin habitflow`. Load: wrk -t2 -c8, as scripts/bench-http.sh.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 2
fi
before_bin="$(realpath "$1")"
after_bin="$(realpath "$2")"
seconds="${3:-10}"
rounds="${4:-3}"
for bin in "$before_bin" "$after_bin"; do
  [ -x "$bin" ] || { echo "not an executable: $bin" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }

paths=("/habits?status=all" "/" "/stats?range=30d" "/healthz/ready")
port_before=18771
port_after=18772
password="demo-habits-2026" # demo-data's default password
export HABITFLOW_QUOTES_URL="" RUST_LOG=warn

work="$(mktemp -d)"
results="$work/results.tsv" # years, path, side, round, req/s, mean ms, CPU us/request
: >"$results"
pids=()
stop_servers() {
  # Stops only the servers this script started, by PID.
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_servers; rm -rf "$work"' EXIT

# start_server BINARY DIR PORT: runs `habitflow serve` in DIR (its sqlite://data/...
# default database is relative to the working directory) and waits until it is ready.
start_server() {
  local bin="$1" dir="$2" port="$3"
  # exec: the PID recorded is the server's own, for cpu_ticks and for stopping it.
  (cd "$dir" && HABITFLOW_BIND="127.0.0.1:$port" exec "$bin" serve) >"$dir/serve.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && return 0
    sleep 0.1
  done
  echo "server $bin on port $port did not become ready; log:" >&2
  cat "$dir/serve.log" >&2
  exit 1
}

# login PORT EMAIL: prints the session cookie (name=value), as scripts/bench-http.sh.
login() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$1/auth/login" | sed -n 's/^set-cookie: \(habitflow_session=[^;]*\).*/\1/ip'
}

# cpu_ticks PID: user + system CPU time of a process so far, in clock ticks.
cpu_ticks() {
  # Fields 14 and 15 of /proc/PID/stat, counted after the ")" closing the command name.
  sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

# run_wrk YEARS PATH SIDE ROUND PORT COOKIE PID: one wrk run, appended to $results.
# Besides wrk's req/s and mean latency it records the server's CPU time per request
# (from /proc/PID/stat), which other load on the machine disturbs much less than req/s.
run_wrk() {
  local years="$1" path="$2" side="$3" round="$4" port="$5" cookie="$6" pid="$7"
  local out rps lat non2xx requests ticks0 ticks1 cpu
  ticks0="$(cpu_ticks "$pid")"
  out="$(wrk -t2 -c8 -d"${seconds}s" -H "Cookie: $cookie" -H "Accept: application/json" \
    "http://127.0.0.1:$port$path")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  # wrk prints the mean latency with a unit (us, ms, s): convert to ms.
  lat="$(awk '$1 == "Latency" {v = $2; u = v; sub(/^[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.3f", v * f}' <<<"$out")"
  ticks1="$(cpu_ticks "$pid")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  cpu="$(awk -v t="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.1f", t / hz * 1e6 / n}')" # microseconds of server CPU per request
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  if [ -n "$non2xx" ]; then
    echo "WARNING: $non2xx non-2xx responses on $side $path" >&2
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$years" "$path" "$side" "$round" "$rps" "$lat" "$cpu" >>"$results"
  printf '  %-6s round %s  %-20s %10s req/s  %8s ms  %8s us CPU/request\n' "$side" "$round" "$path" "$rps" "$lat" "$cpu"
}

echo "BEFORE: $before_bin"
echo "AFTER:  $after_bin"
echo "wrk -t2 -c8 -d${seconds}s, $rounds rounds, order alternating per round"
# Other work on the machine skews both sides alike but widens the spread between rounds.
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for years in 1 10; do
  email="demo$years@example.com"
  for side in before after; do
    mkdir -p "$work/y$years/$side"
    bin="$before_bin"; [ "$side" = after ] && bin="$after_bin"
    # Each binary creates its own data (its own migrations) with the same command.
    (cd "$work/y$years/$side" && "$bin" demo-data --email "$email" --years "$years" >/dev/null)
  done
  start_server "$before_bin" "$work/y$years/before" "$port_before"
  pid_before="${pids[-1]}"
  start_server "$after_bin" "$work/y$years/after" "$port_after"
  pid_after="${pids[-1]}"
  cookie_before="$(login "$port_before" "$email")"
  cookie_after="$(login "$port_after" "$email")"
  if [ -z "$cookie_before" ] || [ -z "$cookie_after" ]; then
    echo "sign-in failed (no session cookie)" >&2
    exit 1
  fi
  # Each request must answer 200 on both binaries before it is measured.
  for path in "${paths[@]}"; do
    for pc in "$port_before:$cookie_before" "$port_after:$cookie_after"; do
      code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${pc#*:}" \
        -H 'Accept: application/json' "http://127.0.0.1:${pc%%:*}$path")"
      [ "$code" = 200 ] || { echo "GET $path on port ${pc%%:*} answered $code" >&2; exit 1; }
    done
  done
  echo "== $years year(s) of history"
  for round in $(seq 1 "$rounds"); do
    for path in "${paths[@]}"; do
      if [ $((round % 2)) = 1 ]; then
        run_wrk "$years" "$path" before "$round" "$port_before" "$cookie_before" "$pid_before"
        run_wrk "$years" "$path" after "$round" "$port_after" "$cookie_after" "$pid_after"
      else
        run_wrk "$years" "$path" after "$round" "$port_after" "$cookie_after" "$pid_after"
        run_wrk "$years" "$path" before "$round" "$port_before" "$cookie_before" "$pid_before"
      fi
    done
  done
  stop_servers
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Medians of $rounds rounds (wrk -t2 -c8 -d${seconds}s); ratio = AFTER / BEFORE"
echo "(req/s ratio >= 1 and latency ratio <= 1 mean AFTER is not slower)."
echo
echo "| history | request | BEFORE req/s | AFTER req/s | req/s ratio | BEFORE mean ms | AFTER mean ms | latency ratio | BEFORE CPU us/req | AFTER CPU us/req | CPU ratio | req/s per round B / A |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for years in 1 10; do
  for path in "${paths[@]}"; do
    awk -F'\t' -v y="$years" -v p="$path" '
      function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      $1 == y && $2 == p && $3 == "before" { br[++nb] = $5; bl[nb] = $6; bc[nb] = $7; bs = bs (nb > 1 ? ", " : "") int($5 + 0.5) }
      $1 == y && $2 == p && $3 == "after" { ar[++na] = $5; al[na] = $6; ac[na] = $7; as = as (na > 1 ? ", " : "") int($5 + 0.5) }
      END {
        mbr = median(br, nb); mar = median(ar, na); mbl = median(bl, nb); mal = median(al, na)
        mbc = median(bc, nb); mac = median(ac, na)
        printf "| %s y | `GET %s` | %.0f | %.0f | %.3f | %.2f | %.2f | %.3f | %.0f | %.0f | %.3f | %s / %s |\n",
          y, p, mbr, mar, mar / mbr, mbl, mal, mal / mbl, mbc, mac, mac / mbc, bs, as
      }' "$results"
  done
done
