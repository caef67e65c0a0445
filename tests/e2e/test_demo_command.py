"""`fieldbot demo` as a new user runs it: a fresh SQLite file, healthy within the time allowed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_demo_serves_health_and_the_seeded_appointments(tmp_path: Path) -> None:
    port, token = _free_port(), "demo-test-token"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}",
           "FIELDBOT_ADMIN_TOKEN": token, "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "demo", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        healthy = False
        while time.monotonic() < deadline and server.poll() is None:
            try:
                healthy = httpx.get(f"{base}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                healthy = False
            if healthy:
                break
            time.sleep(0.3)
        assert healthy, "fieldbot demo did not answer /healthz within 90 s"
        assert httpx.get(f"{base}/api/appointments", timeout=5).status_code == 401
        visits = httpx.get(f"{base}/api/appointments", timeout=5,
                           headers={"Authorization": f"Bearer {token}"})
        assert visits.status_code == 200
        assert len(visits.json()) > 50
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert token in output  # the demo prints the admin token to use
