"""Turns wrk's --latency output (stdin) into one tab-separated line for
scripts/bench-http.sh: key, row, round, req/s, p50 ms, p99 ms, non-2xx answers."""
import re
import sys

key, row, round_ = sys.argv[1:4]
text = sys.stdin.read()


def millis(label):
    match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        return "nan"
    value, unit = float(match.group(1)), match.group(2)
    return f"{value * {'us': 0.001, 'ms': 1.0, 's': 1000.0}[unit]:.2f}"


rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
print("\t".join([
    key, row, round_,
    rate.group(1) if rate else "nan",
    millis("50%"), millis("99%"),
    errors.group(1) if errors else "0",
]))
