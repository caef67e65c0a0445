"""A fake Twilio REST API on 127.0.0.1: records every message it is asked to send.

Point TwilioProvider (or Settings.twilio_api_base_url) at `fake.base_url`. It checks HTTP basic
auth, answers like Twilio (201 with a JSON message resource, or an error JSON with a code), and
can be told to fail the next requests with chosen errors, to be slow, or to hold requests
(`hold`) before taking them or after taking them and before answering, so that a test can kill
a sender at that moment. It keeps connections alive (HTTP/1.1), as Twilio does.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass(frozen=True)
class SentText:
    to: str
    from_: str
    body: str
    status_callback: str | None
    sid: str


@dataclass(frozen=True)
class Failure:
    status: int
    code: int | None
    message: str = "fake failure"


class FakeTwilio:
    """The fake's state: what was sent, which failures to play next, how slow to be."""

    def __init__(self, account_sid: str = "AC" + "0" * 32, auth_token: str = "test-token") -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.sent: list[SentText] = []
        self.refused: list[tuple[str, Failure]] = []
        self.unauthorized = 0
        self.delay = 0.0
        self.delays: deque[float] = deque()  # one delay per coming request, before `delay`
        self.holding: str | None = None  # "before_accept" or "after_accept": see `hold`
        self.held = threading.Event()  # a request is being held
        self._release = threading.Event()
        self._drop_held = False
        self._failures: deque[Failure] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def fail_next(self, status: int, code: int | None = None, times: int = 1) -> None:
        """Answer the next `times` send requests with this error instead of accepting them."""
        with self._lock:
            self._failures.extend(Failure(status, code) for _ in range(times))

    def hold(self, when: str) -> None:
        """Hold every request from now on: "before_accept" (nothing recorded yet: the provider
        never took it) or "after_accept" (recorded, the answer not given), until `release`."""
        assert when in ("before_accept", "after_accept")
        self._release.clear()
        self._drop_held = False
        self.held.clear()
        self.holding = when

    def release(self, *, drop: bool = False) -> None:
        """Let held requests go on; with `drop`, requests held before being taken are forgotten
        (their sender is gone) and answer nothing."""
        self.holding = None
        self._drop_held = drop
        self._release.set()

    def _wait_if_held(self, when: str) -> bool:
        """Hold here if told to; False when the request is to be dropped."""
        if self.holding != when:
            return True
        self.held.set()
        self._release.wait(60)
        return not (self._drop_held and when == "before_accept")

    def texts_to(self, phone: str) -> list[SentText]:
        return [text for text in self.sent if text.to == phone]

    def _accept(self, form: dict[str, list[str]]) -> tuple[int, dict[str, object]]:
        to, body = form.get("To", [""])[0], form.get("Body", [""])[0]
        with self._lock:
            failure = self._failures.popleft() if self._failures else None
            if failure is not None:
                self.refused.append((to, failure))
                # Like Twilio's own ("The 'To' number +1... is not a valid phone number."), the
                # message names the number: whoever logs it leaks the number.
                return failure.status, {"code": failure.code, "status": failure.status,
                                        "message": f"{failure.message}: 'To' number {to}"}
            sid = "SM" + uuid.uuid4().hex
            self.sent.append(SentText(to=to, from_=form.get("From", [""])[0], body=body,
                                      status_callback=form.get("StatusCallback", [None])[0],
                                      sid=sid))
        return 201, {"sid": sid, "account_sid": self.account_sid, "to": to, "body": body,
                     "status": "queued", "direction": "outbound-api"}

    @contextmanager
    def running(self) -> Iterator[FakeTwilio]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep connections alive, as Twilio does

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
                if not fake._authorized(self.headers.get("Authorization", "")):
                    fake.unauthorized += 1
                    self._answer(401, {"code": 20003, "message": "Authenticate", "status": 401})
                    return
                if not self.path.endswith(f"/Accounts/{fake.account_sid}/Messages.json"):
                    self._answer(404, {"code": 20404, "message": "not found", "status": 404})
                    return
                with fake._lock:
                    delay = fake.delays.popleft() if fake.delays else fake.delay
                if delay:
                    time.sleep(delay)
                if not fake._wait_if_held("before_accept"):
                    self.close_connection = True
                    return
                answer = fake._accept(form)
                fake._wait_if_held("after_accept")
                try:
                    self._answer(*answer)
                except OSError:  # the sender is gone
                    self.close_connection = True

            def _answer(self, status: int, payload: dict[str, object]) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits up to one interval, and tests start many fakes.
        thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                  daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join(timeout=5)

    def _authorized(self, header: str) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return header == f"Basic {expected}"
