"""Preview latency: from saving one file to the rebuilt page being served.

Two servers run side by side: `patient-site serve` on a content pack, and a plain
`mkdocs serve` on a copy of the same pack already rendered to Markdown. Edits
alternate between them: save one option's YAML (ours) or its rendered Markdown page
(plain), then poll the served page until the new text appears.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .synthetic import dump

POLL_SECONDS = 0.02
SETTLE_SECONDS = 1.0
"""Pause between a server being up and the save, so start-up work has finished."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def wait_for_text(url: str, text: str, limit: float) -> float | None:
    """Seconds until `url` serves a page containing `text` (None after `limit` seconds)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if text in fetch(url):
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    return None


@dataclass
class Server:
    """One preview server process and the page whose text we change."""

    name: str
    command: Callable[[int], list[str]]
    """The server command for a given port."""
    cwd: Path
    log: Path
    page: str
    save: Callable[[str], None]
    """Write the edited source file so the page's summary becomes the given text."""
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{self.page}"

    def start(self, env: dict[str, str]) -> None:
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(self.command(self.port), cwd=self.cwd,
                                            stdout=log, stderr=subprocess.STDOUT, env=env)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def yaml_saver(option_file: Path) -> Callable[[str], None]:
    """Save the option file with a new summary, as an editor would (whole file rewritten)."""

    def save(summary: str) -> None:
        data = yaml.safe_load(option_file.read_text(encoding="utf-8"))
        data["summary"] = summary
        option_file.write_text(dump(data), encoding="utf-8")

    return save


def markdown_saver(page_file: Path, original: str) -> Callable[[str], None]:
    """Save the rendered Markdown page with its summary text replaced."""
    current = [original]

    def save(summary: str) -> None:
        text = page_file.read_text(encoding="utf-8")
        page_file.write_text(text.replace(current[0], summary), encoding="utf-8")
        current[0] = summary

    return save


@dataclass
class Latency:
    """Seconds from save to served, per edit, and what the server's log said after each."""

    seconds: list[float | None] = field(default_factory=list)
    log_lines: list[list[str]] = field(default_factory=list)
    """The server's output from the save to the end of the watch window after it."""


def measure_latency(servers: list[Server], original: str, ready_text: str, runs: int,
                    env: dict[str, str], limit: float, watch: float) -> dict[str, Latency]:
    """Alternate edits between the servers, each edit on a freshly started server.

    For each run and server (A B, then B A, ...): start the server, wait until it serves
    the page (`ready_text`), save the edit, time until the page contains it, keep watching
    the server's output for `watch` seconds, stop the server. Each edit appends a new
    sentence to the option's summary (`original`); only the added words are looked for,
    since glossary tooltips may split the summary itself in the HTML."""
    results = {s.name: Latency() for s in servers}
    for run in range(runs):
        for server in servers if run % 2 == 0 else list(reversed(servers)):
            try:
                server.start(env)
                if wait_for_text(server.url, ready_text, limit) is None:
                    raise RuntimeError(f"{server.name} did not serve {server.page} within "
                                       f"{limit:.0f} s; see {server.log}")
                time.sleep(SETTLE_SECONDS)
                before = server.log.read_text(errors="replace").count("\n")
                added = f"Fresh save number {run + 1} for {server.name}."
                started = time.perf_counter()
                server.save(f"{original} {added}")
                waited = wait_for_text(server.url, added, limit)
                results[server.name].seconds.append(
                    None if waited is None else time.perf_counter() - started)
                time.sleep(watch)
                results[server.name].log_lines.append(
                    server.log.read_text(errors="replace").splitlines()[before:])
            finally:
                server.stop()
    return results


def serve_command(kind: str, project: Path) -> Callable[[int], list[str]]:
    """`patient-site serve` or plain `mkdocs serve` on `project`, as a function of the port."""
    if kind == "patient-site":
        return lambda port: [sys.executable, "-c", "from generator.cli import main; main()",
                             "serve", "--project", str(project), "--host", "127.0.0.1",
                             "--port", str(port)]
    return lambda port: [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                         "-a", f"127.0.0.1:{port}"]
