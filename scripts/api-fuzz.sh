#!/usr/bin/env bash
# Schema-driven fuzzing of the JSON API (docs/product.md#openapi) and a strict
# parse of the calendar feed, against the running binary on SQLite:
#   scripts/api-fuzz.sh BINARY
# Starts BINARY on a fresh SQLite file, registers a user, makes a write token
# and a calendar feed, then
# - reads the feed with Python's `icalendar` with every warning an error;
# - runs `schemathesis` over every operation of /api/openapi.json with the
#   token: no 5xx, no answer that breaks the schema, no accepted request the
#   schema forbids.
# Both tools come from PyPI into a virtualenv (HABITFLOW_FUZZ_VENV, default
# ~/.cache/habitflow/fuzz-venv). Exits non-zero on any finding.
set -euo pipefail
binary="$(realpath "${1:?usage: scripts/api-fuzz.sh BINARY}")"
venv="${HABITFLOW_FUZZ_VENV:-$HOME/.cache/habitflow/fuzz-venv}"
examples="${HABITFLOW_FUZZ_EXAMPLES:-30}"
port="${HABITFLOW_FUZZ_PORT:-18815}"
base="http://127.0.0.1:$port"

if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis>=4,<5" "icalendar>=6"
fi

work="$(mktemp -d)"
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
HABITFLOW_DATABASE_URL="sqlite://$work/habitflow.sqlite3?mode=rwc" HABITFLOW_DATA_DIR="$work" \
  HABITFLOW_BIND="127.0.0.1:$port" HABITFLOW_PUBLIC_URL="$base" HABITFLOW_QUOTES_URL= \
  "$binary" serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fs "$base/healthz/live" >/dev/null && break; sleep 0.2; done

json() { python3 -c "import sys, json; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
jar="$work/cookies"
curl -fs -c "$jar" -H 'Content-Type: application/json' \
  -d '{"email": "fuzz@example.com", "password": "correct horse battery staple", "time_zone": "Europe/Berlin"}' \
  "$base/auth/register" >/dev/null
csrf="$(curl -fs -b "$jar" -c "$jar" "$base/auth/csrf" | json csrf_token)"
signed_in=(-fs -b "$jar" -c "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json')
token="$(curl "${signed_in[@]}" -d '{"name": "fuzz", "scope": "write"}' "$base/settings/tokens" | json token)"
bearer=(-fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json')
curl "${bearer[@]}" -d '{"name": "Pay rent; bills, too", "schedule_type": "monthly_day", "schedule_config": {"day": 31}}' "$base/habits" >/dev/null
habit="$(curl "${bearer[@]}" -d '{"name": "Walk", "schedule_type": "daily", "schedule_config": {}}' "$base/habits" | json id)"
curl "${bearer[@]}" -d '{"kind": "done"}' "$base/habits/$habit/checkins" >/dev/null
curl "${bearer[@]}" -d '{"name": "Разобрать ящик с проводами; зарядки, кабели", "due_on": "2030-01-31"}' "$base/tasks" >/dev/null
feed="$(curl "${signed_in[@]}" -d '{}' "$base/settings/calendar" | json url)"

echo "== the calendar feed, read strictly"
curl -fs "$feed" -o "$work/feed.ics"
"$venv/bin/python" -W error - "$work/feed.ics" <<'PY'
import sys
import icalendar
with open(sys.argv[1], "rb") as source:
    calendar = icalendar.Calendar.from_ical(source.read())
problems = [(c.name, c.errors) for c in calendar.walk() if c.errors]
assert not problems, problems
events = calendar.walk("VEVENT")
todos = calendar.walk("VTODO")
assert events and todos, (len(events), len(todos))
assert all(e.get("DTSTART").params.get("VALUE") == "DATE" for e in events)
print(f"{len(events)} events, {len(todos)} to-dos, no warnings")
PY

echo "== schemathesis, $examples examples per operation"
curl -fs "$base/api/openapi.json" -o "$work/openapi.json"
# Run from the scratch folder: schemathesis keeps a cache where it runs.
cd "$work"
"$venv/bin/schemathesis" run "$work/openapi.json" --url "$base" \
  --header "Authorization: Bearer $token" --header "Accept: application/json" \
  --max-examples "$examples" \
  --checks not_a_server_error,response_schema_conformance,negative_data_rejection
