-- wrk script for scripts/bench-http.sh: alternates checking one habit in
-- (POST /habits/{id}/checkins) and undoing it (DELETE /habits/{id}/checkins/{date}).
-- The habit and the date come from BENCH_HABIT and BENCH_DAY; the cookie and
-- CSRF headers from wrk's -H options.
local habit = os.getenv("BENCH_HABIT")
local day = os.getenv("BENCH_DAY")
local n = 0

-- wrk.format uses the headers it is given instead of wrk's -H ones: a copy of
-- those with the body's type.
local function with_json(headers)
  local all = { ["Content-Type"] = "application/json" }
  for name, value in pairs(headers) do all[name] = value end
  return all
end

request = function()
  n = n + 1
  if n % 2 == 1 then
    return wrk.format("POST", "/habits/" .. habit .. "/checkins", with_json(wrk.headers), '{"kind":"done"}')
  end
  return wrk.format("DELETE", "/habits/" .. habit .. "/checkins/" .. day)
end
