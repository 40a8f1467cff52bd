"""`python -m infra.local.run` in a child process, as `make run` starts it: for the tests that
stop and start the stack, and for the end-to-end tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WELCOME_LINES = 9  # what run.py prints after the URL: logins, officer page, outbox page, data folder, Ctrl-C


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "infra.local.run", *args]


def child_env() -> dict[str, str]:
    """This environment without AWS settings: the stack sets its own (moto on 127.0.0.1)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}


@dataclass
class RunningStack:
    process: subprocess.Popen
    url: str
    printed: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        return "".join(self.printed)

    def stop(self) -> None:
        """As Ctrl-C or `kill` stops it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """As a crash or a power cut stops it: no chance to save anything."""
        self.process.kill()
        self.process.wait()


def start_run(state_dir: Path, *args: str, port: int | None = None, deadline_seconds: float = 120) -> RunningStack:
    """The portal on a free port with its data in `state_dir`; returns once it printed its URL
    and welcome lines. Fails (AssertionError) with what it printed if it exits or never gets there."""
    port = port or free_port()
    process = subprocess.Popen(
        run_command("--port", str(port), "--state-dir", str(state_dir), *args),
        cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    stack = RunningStack(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        stack.printed.append(line)
        if line.strip() == stack.url:
            stack.printed.extend(process.stdout.readline() for _ in range(WELCOME_LINES))
            # Keep reading what the functions log, or a full pipe would block them.
            threading.Thread(target=lambda: stack.printed.extend(process.stdout), daemon=True).start()
            return stack
    process.kill()
    raise AssertionError("the local stack did not start:\n" + stack.output)
