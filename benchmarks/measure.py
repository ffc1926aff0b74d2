"""Run one command and report its wall time and peak memory, as one JSON line.

    python -m benchmarks.measure [--cwd DIR] [--log FILE] -- COMMAND...

This wrapper is a fresh process that starts nothing but the command, so
`getrusage(RUSAGE_CHILDREN).ru_maxrss` is the peak resident memory of the command
(the largest of it and any child it waited for). The time is taken around the
command only, not this wrapper's own start-up. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cwd", default=None, help="Folder to run the command in.")
    parser.add_argument("--log", default=None, help="File for the command's output.")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")
    log = open(args.log, "wb") if args.log else subprocess.DEVNULL  # noqa: SIM115
    try:
        started = time.perf_counter()
        finished = subprocess.run(command, cwd=args.cwd, stdout=log, stderr=log, check=False)
        seconds = time.perf_counter() - started
    finally:
        if args.log:
            log.close()  # type: ignore[union-attr]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "maxrss_kib": usage.ru_maxrss,
                      "returncode": finished.returncode}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
