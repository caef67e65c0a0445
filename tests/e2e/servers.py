"""Real `fieldbot serve` processes for tests: started on free loopback ports, always stopped.

A server speaks the same signed Twilio webhook as tests/e2e/sms.py (same auth token and public
URL), answers /api/... with ADMIN_TOKEN, and writes everything it logs to `server.output`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.e2e.sms import AUTH_TOKEN, PUBLIC_BASE_URL

ADMIN_TOKEN = "server-admin-token"
STARTUP_SECONDS = 60


@dataclass
class Server:
    """One `fieldbot serve` process; `output` is the file its stdout and stderr go to."""

    process: subprocess.Popen[bytes]
    port: int
    output: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logged(self) -> str:
        return self.output.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a server that accepts this suite's signed webhooks and sends nothing."""
    return {**os.environ, "DATABASE_URL": database_url, "TWILIO_ENABLED": "true",
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
            "FIELDBOT_ADMIN_TOKEN": ADMIN_TOKEN, "TWILIO_ACCOUNT_SID": "",
            "TWILIO_FROM_NUMBER": "", "TWILIO_API_BASE_URL": "", "LOG_LEVEL": "WARNING", **extra}


@contextmanager
def fieldbot_servers(database_url: str, count: int, folder: Path, *, sender: bool = False,
                     workers: int = 1, **env: str) -> Iterator[list[Server]]:
    """`count` servers on one database, each healthy (GET /healthz 200) before this yields."""
    with ExitStack() as stack:
        servers = [stack.enter_context(_started(database_url, folder / f"server-{n}.log",
                                                sender=sender, workers=workers, **env))
                   for n in range(count)]
        for server in servers:
            _wait_until_healthy(server)
        yield servers


@contextmanager
def _started(database_url: str, output: Path, *, sender: bool, workers: int = 1,
             **env: str) -> Iterator[Server]:
    port = free_port()
    command = [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers),
               "--sender" if sender else "--no-sender"]
    with output.open("wb") as sink:
        # cwd is the test's folder, so no .env of a developer's checkout is read.
        process = subprocess.Popen(command, cwd=output.parent, env=server_env(database_url, **env),
                                   stdout=sink, stderr=subprocess.STDOUT)
    server = Server(process=process, port=port, output=output)
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"fieldbot serve exited with {server.process.returncode}:\n"
                                 f"{server.logged()[-3000:]}")
        try:
            if httpx.get(f"{server.base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"fieldbot serve was not healthy within {STARTUP_SECONDS} s:\n"
                         f"{server.logged()[-3000:]}")


@dataclass
class Worker:
    """One `fieldbot worker` process; `output` is the file its stdout and stderr go to."""

    process: subprocess.Popen[bytes]
    output: Path

    def logged(self) -> str:
        return self.output.read_text(errors="replace")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, then wait for it to finish what is in flight and exit; its exit status."""
        self.process.terminate()
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        """kill -9: no chance to finish or hand anything back."""
        self.process.kill()
        self.process.wait(timeout=10)


def worker_env(database_url: str, twilio_base_url: str, account_sid: str, auth_token: str,
               **extra: str) -> dict[str, str]:
    """A worker that sends through a fake Twilio at `twilio_base_url`."""
    return {**os.environ, "DATABASE_URL": database_url, "TWILIO_ENABLED": "false",
            "TWILIO_ACCOUNT_SID": account_sid, "TWILIO_AUTH_TOKEN": auth_token,
            "TWILIO_FROM_NUMBER": "+13125550100", "TWILIO_API_BASE_URL": twilio_base_url,
            "LOG_LEVEL": "INFO", "SINGLETON_RETRY_SECONDS": "0.2", **extra}


@contextmanager
def fieldbot_worker(env: dict[str, str], output: Path, *, concurrency: int = 1,
                    interval: float = 0.1) -> Iterator[Worker]:
    """`fieldbot worker` started in `output`'s folder (no developer's .env), always ended."""
    command = [sys.executable, "-m", "api.cli", "worker", "--concurrency", str(concurrency),
               "--interval", str(interval)]
    with output.open("ab") as sink:
        process = subprocess.Popen(command, cwd=output.parent, env=env, stdout=sink,
                                   stderr=subprocess.STDOUT)
    worker = Worker(process=process, output=output)
    try:
        yield worker
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
