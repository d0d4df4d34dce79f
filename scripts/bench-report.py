"""The table of scripts/bench-http.sh: the median over the rounds of each
(server, row), and each server's peak RSS."""
import collections
import statistics
import sys

path, seconds, rounds, connections = sys.argv[1:5]
runs = collections.defaultdict(list)
rss = {}
for line in open(path):
    fields = line.rstrip("\n").split("\t")
    if fields[1] == "peak-rss":
        rss[fields[0]] = int(fields[3]) / 1024
    else:
        key, row, _, rate, p50, p99, errors = fields
        runs[(key, row)].append((float(rate), float(p50), float(p99), int(errors)))

print(f"wrk -t2 -c{connections}, {seconds} s a run, median of {rounds} rounds")
print("| server | request | req/s | p50 ms | p99 ms | non-2xx |")
print("|---|---|---|---|---|---|")
for (key, row), values in sorted(runs.items()):
    med = [statistics.median(v[i] for v in values) for i in range(3)]
    errors = sum(v[3] for v in values)
    print(f"| {key} | {row} | {med[0]:,.0f} | {med[1]:.1f} | {med[2]:.1f} | {errors} |")
for key, mib in sorted(rss.items()):
    print(f"| {key} | peak RSS | {mib:.0f} MiB | | | |")
