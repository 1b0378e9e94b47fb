#!/usr/bin/env python3
"""Peers of SelectBench case (a): the same 10,000 sessions, served 100 a page by `stackq emulator`, fetched by

  * curl      -- one curl process fetching the 100 page URLs over one keep-alive connection (the network floor);
  * python    -- a python3 process running google-api-python-client's list / list_next loop
                 (the loop alone is also reported, without the interpreter start, imports and build());
  * stackq    -- with --stackq PATH: `stackq -e "SELECT * ..." -o csv` against the same emulator.

Each figure is the median wall time of --runs runs (after one warm-up run). The last line printed is

  peers: sessions=10000 pages=100 curl_ms=... python_ms=... python_loop_ms=... [stackq_ms=...]

which SelectBench reads from the SELECTBENCH_PEERS environment variable to print stackq's case (a) beside them.

  pip install google-api-python-client
  python3 benchmarks/peers/peers.py --stackq .build/release/stackq [--runs 10] [--sessions 10000]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

TOKEN = "bench"
PARENT = "projects/demo/locations/us-central1"
SQL = "SELECT * FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"

# Runs in a child python3 process: the whole process is timed from outside, the loop from inside.
CLIENT_LOOP = r"""
import sys, time
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
endpoint, token, parent = sys.argv[1:4]
service = build("dataproc", "v1", credentials=Credentials(token=token), static_discovery=True,
                cache_discovery=False, client_options={"api_endpoint": endpoint})
sessions = service.projects().locations().sessions()
start = time.perf_counter()
request, rows = sessions.list(parent=parent), 0
while request is not None:
    response = request.execute()
    rows += len(response.get("sessions", []))
    request = sessions.list_next(request, response)
print(rows, (time.perf_counter() - start) * 1000)
"""


def median_ms(samples):
    return statistics.median(samples) * 1000


def timed(command, runs, env=None):
    """Median seconds of `runs` runs of `command` (stdout discarded), after one warm-up run."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        samples.append(time.perf_counter() - start)
    return samples


def page_urls(base):
    """The URLs of every page of the list, found by walking the pages once."""
    urls, token = [], None
    while True:
        query = {} if token is None else {"pageToken": token}
        url = f"{base}v1/{PARENT}/sessions" + ("?" + urllib.parse.urlencode(query) if query else "")
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request) as response:
            page = json.load(response)
        urls.append(url)
        token = page.get("nextPageToken")
        if not token:
            return urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--stackq", help="the stackq binary to time beside the peers (also serves the emulator)")
    parser.add_argument("--emulator", help="the stackq binary that runs the emulator (default: --stackq, else "
                                           ".build/release/stackq, else .build/debug/stackq)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=100, help="items per page the emulator serves at most")
    args = parser.parse_args()

    emulator = args.emulator or args.stackq or next(
        (path for path in (os.path.join(repository, ".build", c, "stackq") for c in ("release", "debug"))
         if os.path.exists(path)), None)
    if emulator is None:
        sys.exit("no stackq binary: build it (swift build -c release) or pass --emulator PATH")
    server = subprocess.Popen(
        [emulator, "emulator", "--port", "0", "--service", "google.dataproc", "--token", TOKEN,
         "--generate", f"sessions={args.sessions}", "--page-size", str(args.page_size),
         "--max-page-size", str(args.page_size)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = server.stdout.readline().strip().rstrip("/") + "/"
        if not base.startswith("http"):
            sys.exit("the emulator did not print its URL")
        urls = page_urls(base)
        print(f"emulator {base} ({emulator}): {args.sessions} sessions in {len(urls)} pages; "
              f"median of {args.runs} runs")
        figures = {"sessions": args.sessions, "pages": len(urls)}

        curl = ["curl", "--silent", "--fail", "-H", f"Authorization: Bearer {TOKEN}"]
        for url in urls:
            curl += [url, "-o", "/dev/null"]
        figures["curl_ms"] = median_ms(timed(curl, args.runs))
        print(f"curl, {len(urls)} URLs on one connection:     {figures['curl_ms']:8.1f} ms")

        client = [sys.executable, "-c", CLIENT_LOOP, base, TOKEN, PARENT]
        loops, processes = [], []
        subprocess.run(client, check=True, capture_output=True)
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run(client, check=True, capture_output=True, text=True)
            processes.append(time.perf_counter() - start)
            rows, loop = result.stdout.split()
            if int(rows) != args.sessions:
                sys.exit(f"google-api-python-client listed {rows} sessions, not {args.sessions}")
            loops.append(float(loop) / 1000)
        figures["python_ms"] = median_ms(processes)
        figures["python_loop_ms"] = median_ms(loops)
        print(f"google-api-python-client, whole process:  {figures['python_ms']:8.1f} ms")
        print(f"google-api-python-client, list loop only: {figures['python_loop_ms']:8.1f} ms")

        if args.stackq:
            auth = json.dumps({"google": {"type": "bearer", "credentialsenvvar": "PEERS_TOKEN"}})
            env = dict(os.environ, PEERS_TOKEN=TOKEN)
            stackq = [args.stackq, "-e", SQL, "-o", "csv", "--endpoint", f"google={base.rstrip('/')}",
                      "--auth", auth]
            figures["stackq_ms"] = median_ms(timed(stackq, args.runs, env=env))
            print(f"stackq, SELECT * to CSV:                  {figures['stackq_ms']:8.1f} ms  "
                  f"({figures['stackq_ms'] / figures['curl_ms']:.2f}x curl, "
                  f"{figures['python_ms'] / figures['stackq_ms']:.1f}x faster than the Python client)")
        print("peers: " + " ".join(f"{key}={value:.1f}" if isinstance(value, float) else f"{key}={value}"
                                   for key, value in figures.items()))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
