#!/usr/bin/env python3
"""Measures what three abuse loops do to a running habitflow server (docs/security.md).

It starts BINARY (`habitflow serve`, embedded SQLite, loopback) in a fresh directory, with
loopback as a trusted proxy so that each simulated client can have its own address in
`X-Forwarded-For`, registers a few victim accounts and one attacker, and then, for each
loop, reports the server's resident memory (VmRSS) before and after and the victims'
sign-in latency while the loop runs, against the same latency measured idle:

1. huge e-mails: 150 JSON sign-ins with a 1 MB e-mail (the rate-limit key attack);
2. Argon2 flood: the attacker's session sends password changes with a wrong current
   password from 64 threads for 10 s (one account, one address);
3. slow headers: 300 connections that send half a request head and hold it for 10 s;
then loop 2 once more, to show that memory does not keep growing.

The victims sign in from a process of their own (see VictimProbe). The machine's load
average is printed with the figures: on a machine busy with other work they mean little.

Usage: scripts/abuse-loops.py BINARY [PORT]
   e.g. scripts/abuse-loops.py target/release/habitflow
Only the Python standard library is used. It prints a markdown table.
"""

import http.client
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = "correct horse battery"


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


class Client:
    def __init__(self, port, address):
        self.port = port
        self.address = address
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        all_headers = {
            "Accept": "application/json",
            "X-Forwarded-For": self.address,
        }
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        payload = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                cookie_name, _, cookie_value = pair.partition("=")
                self.cookies[cookie_name] = cookie_value
        connection.close()
        return response.status, payload


def sign_in_seconds(port, email, address):
    client = Client(port, address)
    started = time.perf_counter()
    status, _ = client.request("POST", "/auth/login", {"email": email, "password": PASSWORD})
    elapsed = time.perf_counter() - started
    if status != 200:
        raise RuntimeError(f"victim sign-in answered {status}")
    return elapsed


def probe_victims(port, victims, stop, samples):
    """Signs victims in one after another until `stop` is set, each account and
    address used a few times only (below the per-account and per-address limits),
    and puts each sign-in's duration on `samples`, then None (also when a sign-in
    fails, so that the measuring side never waits for ever)."""
    turn = 0
    try:
        while not stop.is_set():
            email, address = victims[turn % len(victims)]
            turn += 1
            samples.put(sign_in_seconds(port, email, address))
            stop.wait(0.5)
    finally:
        samples.put(None)


class VictimProbe:
    """The victims sign in from a process of their own, as other people's browsers
    would: in the attacker's process each of their steps would first wait for the
    64 flooding threads to hand over Python's interpreter lock, and that wait, not
    the server, would be what is measured."""

    def __init__(self, port, victims):
        context = multiprocessing.get_context("fork")
        self.stop = context.Event()
        self.queue = context.Queue()
        self.process = context.Process(
            target=probe_victims, args=(port, victims, self.stop, self.queue)
        )
        self.samples = []

    def __enter__(self):
        self.process.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        while (sample := self.queue.get()) is not None:
            self.samples.append(sample)
        self.process.join()


def huge_emails(port):
    client = Client(port, "203.0.113.7")
    email = "a" * (1024 * 1024) + "@example.com"
    statuses = {}
    for _ in range(150):
        try:
            status, _ = client.request("POST", "/auth/login", {"email": email, "password": "x"})
        except (BrokenPipeError, ConnectionResetError):
            # The server answered (413) and closed before reading the whole body.
            status = "closed before the body was read"
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def argon2_flood(port, attacker_cookies):
    statuses = {}
    lock = threading.Lock()
    deadline = time.monotonic() + 10

    def worker():
        client = Client(port, "203.0.113.8")
        client.cookies = dict(attacker_cookies)
        token = None
        # The token request is refused too while the address is over its
        # request limit (the repeated flood starts so): keep asking.
        while token is None and time.monotonic() < deadline:
            status, body = client.request("GET", "/auth/csrf")
            if status == 200:
                token = json.loads(body)["csrf_token"]
            else:
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
        while time.monotonic() < deadline:
            status, _ = client.request(
                "POST",
                "/settings/password",
                {"current_password": "wrong guess", "new_password": "another long password"},
                headers={"X-CSRF-Token": token},
            )
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(64)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def slow_headers(port):
    sockets = []
    for _ in range(300):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(b"GET /healthz/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
        sockets.append(connection)
    time.sleep(10)
    for connection in sockets:
        connection.close()
    return {"connections": len(sockets)}


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.realpath(sys.argv[1])
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 18811
    work = tempfile.mkdtemp()
    environment = dict(
        os.environ,
        HABITFLOW_BIND=f"127.0.0.1:{port}",
        HABITFLOW_TRUSTED_PROXIES="127.0.0.1",
        HABITFLOW_QUOTES_URL="",
        RUST_LOG="warn",
    )
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([binary, "serve"], cwd=work, env=environment, stdout=log, stderr=log)
    try:
        for _ in range(100):
            try:
                if Client(port, "198.51.100.1").request("GET", "/healthz/ready")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        victims = []
        for number in range(1, 25):
            email, address = f"victim{number}@example.com", f"198.51.100.{number}"
            status, _ = Client(port, address).request(
                "POST", "/auth/register", {"email": email, "password": PASSWORD}
            )
            if status not in (200, 201):
                raise RuntimeError(f"registering a victim answered {status}")
            victims.append((email, address))
        attacker = Client(port, "203.0.113.8")
        status, _ = attacker.request(
            "POST", "/auth/register", {"email": "attacker@example.com", "password": PASSWORD}
        )
        if status not in (200, 201):
            raise RuntimeError(f"registering the attacker answered {status}")

        # Two sign-ins at once first: the server keeps one Argon2 workspace per
        # hash it may run at a time (one per CPU), so its steady state after any
        # busy moment holds them all; the loops' growth is measured from there.
        warm = [
            threading.Thread(target=sign_in_seconds, args=(port, email, address))
            for email, address in victims[:2]
        ]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()
        idle = [sign_in_seconds(port, email, address) for email, address in victims[2:]]
        idle_median = statistics.median(idle)
        idle_load = os.getloadavg()[0]
        rows = []
        loops = [
            ("1. 150 sign-ins with a 1 MB e-mail", lambda: huge_emails(port)),
            ("2. password-change flood, 64 threads × 10 s", lambda: argon2_flood(port, attacker.cookies)),
            ("3. 300 half-sent request heads held 10 s", lambda: slow_headers(port)),
            ("2 again. the password-change flood repeated", lambda: argon2_flood(port, attacker.cookies)),
        ]
        for name, loop in loops:
            before = rss_mib(server.pid)
            with VictimProbe(port, victims) as probe:
                outcome = loop()
            after = rss_mib(server.pid)
            during = statistics.median(probe.samples) if probe.samples else float("nan")
            rows.append((name, before, after, during, outcome, os.getloadavg()[0]))

        print(
            f"Victims' sign-in, idle: median {idle_median * 1000:.0f} ms over {len(idle)} sign-ins "
            f"(load average {idle_load:.1f})"
        )
        print()
        print(
            "| loop | RSS before | RSS after | growth | victims' sign-in during (median) | ÷ idle "
            "| answers | load average after |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for name, before, after, during, outcome, load in rows:
            answers = ", ".join(f"{key}: {value}" for key, value in sorted(outcome.items(), key=str))
            print(
                f"| {name} | {before:.1f} MiB | {after:.1f} MiB | {after - before:+.1f} MiB "
                f"| {during * 1000:.0f} ms | {during / idle_median:.2f} | {answers} | {load:.1f} |"
            )
    finally:
        server.terminate()
        server.wait(timeout=40)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
