#!/usr/bin/env python3
"""schemathesis over the whole API document, as four callers: nobody, an employee, a feedback
owner and an admin (the demo organisation's), against the debug binary on a fresh SQLite file.

    tests/schemathesis/run.py BINARY [EXAMPLES]

Every check runs (`--checks all`) with a fixed seed; what is configured per operation, and why,
is in schemathesis.toml next to this file and in docs/architecture.md ("The API document").
Exits non-zero when any caller's run fails. Uses only the standard library and the `st` command
(tests/run installs the pinned version from requirements.txt).
"""

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = "20261201"


def start(binary, workdir):
    env = {
        **os.environ,
        "EARSHOT_DATA_DIR": os.path.join(workdir, "data"),
        "EARSHOT_KEY_DIR": os.path.join(workdir, "keys"),
        "EARSHOT_HOST": "127.0.0.1",
        "EARSHOT_PORT": "0",
        "EARSHOT_LOG_FORMAT": "json",
        "EARSHOT_LOG": "warn,earshot=info",
        # One address plays every caller, faster than any person: limits out of the way.
        "EARSHOT_SIGN_IN_ATTEMPTS_PER_MINUTE": "100000",
        "EARSHOT_REQUESTS_PER_MINUTE_PER_IP": "100000",
        "EARSHOT_CAPTURES_PER_MINUTE_PER_IP": "100000",
        "EARSHOT_STATUS_PAGES_PER_MINUTE_PER_IP": "100000",
    }
    seeded = subprocess.run([binary, "seed-demo"], env=env, capture_output=True, text=True, check=True)
    passwords = dict(re.findall(r"(\S+@demo\.earshot\.invalid)\s.*?\s(\S+)\s*$", seeded.stdout, re.M))
    # Its log goes to a file (a pipe nobody reads would fill and stop the server).
    log = open(os.path.join(workdir, "earshot.log"), "w", encoding="utf-8")
    server = subprocess.Popen([binary, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        with open(log.name, encoding="utf-8") as lines:
            for line in lines:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if event.get("message") == "listening":
                    return server, f"http://127.0.0.1:{event['port']}", passwords
        time.sleep(0.1)
    raise SystemExit(f"earshot did not start listening (exit {server.poll()}); see {log.name}")


def session(base, email, password):
    """The access token and the CSRF token of a fresh sign-in (None, csrf for nobody)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    csrf = json.loads(opener.open(f"{base}/api/v1/session/csrf").read())["token"]
    if email:
        body = json.dumps({"email": email, "password": password}).encode()
        headers = {"content-type": "application/json", "x-csrf-token": csrf}
        opener.open(urllib.request.Request(f"{base}/api/v1/session", data=body, headers=headers))
    access = next((c.value for c in jar if c.name == "earshot_access"), None)
    return access, csrf


def run(base, caller, access, csrf, examples, workdir):
    config = os.path.join(workdir, f"schemathesis-{caller}.toml")
    with open(os.path.join(HERE, "schemathesis.toml"), encoding="utf-8") as template:
        text = template.read()
    if access:
        # The session cookie, as the document's `session` scheme names it: schemathesis sends it
        # and also leaves it out, to see the 401.
        text += f'\n[auth.openapi.session]\napi_key = "{access}"\n'
    with open(config, "w", encoding="utf-8") as out:
        out.write(text)
    env = {**os.environ, "EARSHOT_CSRF": csrf, "PYTHONPATH": HERE, "SCHEMATHESIS_HOOKS": "hooks"}
    # One worker: with two threads, hypothesis's parses of schemathesis's own source can race on
    # CPython 3.11 (python/cpython#106905: "SystemError: AST constructor recursion depth
    # mismatch"), which stopped whole runs at random.
    command = [
        "st", "--config-file", config, "run", f"{base}/api/v1/openapi.json",
        "--checks", "all", "--seed", SEED, "--max-examples", str(examples), "--workers", "1",
        "--generation-database", "none", "--no-color",
    ]
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    summary = [line for line in output.splitlines() if "generated" in line or "failures" in line or "passed" in line]
    print(f"--- schemathesis as {caller}: exit {result.returncode} in {time.monotonic() - started:.0f} s")
    if result.returncode != 0:
        print(output)
    else:
        print("\n".join(summary[-3:]))
    return result.returncode == 0


def main():
    binary = sys.argv[1]
    examples = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    if shutil.which("st") is None:
        raise SystemExit("schemathesis (`st`) is not on PATH: tests/run installs it")
    workdir = tempfile.mkdtemp(prefix="earshot-schemathesis-")
    server, base, passwords = start(binary, workdir)
    try:
        callers = [
            ("nobody", None),
            ("an employee", "jan@demo.earshot.invalid"),
            ("a feedback owner", "sofie@demo.earshot.invalid"),
            # Last: an admin may disable the others.
            ("an admin", "admin@demo.earshot.invalid"),
        ]
        ok = True
        for caller, email in callers:
            access, csrf = session(base, email, passwords.get(email))
            ok &= run(base, caller.replace(" ", "-"), access, csrf, examples, workdir)
        sys.exit(0 if ok else 1)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
