"""A fake Twilio REST API on 127.0.0.1: records every message it is asked to send.

Point TwilioProvider (or Settings.twilio_api_base_url) at `fake.base_url`. It checks HTTP basic
auth, answers like Twilio (201 with a JSON message resource, or an error JSON with a code), and
can be told to fail the next requests with chosen errors, to be slow, or to hold requests
(`hold`) before taking them or after taking them and before answering, so that a test can kill
a sender at that moment. It keeps connections alive (HTTP/1.1), as Twilio does.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
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
        self.in_flight = 0
        self.most_in_flight = 0  # the most requests it was answering at once
        self.holding: str | None = None  # "before_accept" or "after_accept": see `hold`
        self.held = threading.Event()  # a request is being held
        self._release = threading.Event()
        self._drop_held = False
        self._failures: deque[Failure] = deque()
        self._lock = threading.Lock()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start the fake first"
        host, port = self._server.sockets[0].getsockname()[:2]
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

    async def _wait_if_held(self, when: str) -> bool:
        """Hold here if told to; False when the request is to be dropped."""
        if self.holding != when:
            return True
        self.held.set()
        await asyncio.get_running_loop().run_in_executor(None, self._release.wait, 60)
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
        """Serve on 127.0.0.1 from an event loop in a thread of its own: cheap per request, so
        that benchmarks measure the sender, not the fake."""
        loop = asyncio.new_event_loop()
        started = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            self._server = loop.run_until_complete(asyncio.start_server(
                self._connection, "127.0.0.1", 0, backlog=1024))
            started.set()
            loop.run_forever()

        thread = threading.Thread(target=serve, name="fake-twilio", daemon=True)
        thread.start()
        assert started.wait(10), "the fake Twilio did not start"
        try:
            yield self
        finally:
            self._release.set()  # nothing stays held past the test
            asyncio.run_coroutine_threadsafe(self._shut(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=5)
            loop.close()

    async def _shut(self) -> None:
        """Stop listening and end every open connection."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):  # each connection's read then ends, and its task
            writer.close()
        connections = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        if connections:
            await asyncio.wait(connections, timeout=5)

    async def _connection(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> None:
        """One client connection, kept alive for as many requests as it sends (HTTP/1.1)."""
        self._writers.add(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line, *lines = head.decode("latin-1").split("\r\n")
                headers = {name.strip().lower(): value.strip() for name, _, value in
                           (line.partition(":") for line in lines if line)}
                raw = await reader.readexactly(int(headers.get("content-length") or 0))
                answer = await self._answer(request_line.split(" ")[1], headers,
                                            parse_qs(raw.decode(), keep_blank_values=True))
                if answer is None:  # dropped: the sender is gone
                    break
                status, payload = answer
                body = json.dumps(payload).encode()
                writer.write(f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
                             "Content-Type: application/json\r\n"
                             f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()

    async def _answer(self, path: str, headers: dict[str, str], form: dict[str, list[str]]
                      ) -> tuple[int, dict[str, object]] | None:
        if not self._authorized(headers.get("authorization", "")):
            self.unauthorized += 1
            return 401, {"code": 20003, "message": "Authenticate", "status": 401}
        if not path.endswith(f"/Accounts/{self.account_sid}/Messages.json"):
            return 404, {"code": 20404, "message": "not found", "status": 404}
        with self._lock:
            delay = self.delays.popleft() if self.delays else self.delay
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if delay:
                await asyncio.sleep(delay)
            if not await self._wait_if_held("before_accept"):
                return None
            answer = self._accept(form)
            await self._wait_if_held("after_accept")
            return answer
        finally:
            with self._lock:
                self.in_flight -= 1

    def _authorized(self, header: str) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return header == f"Basic {expected}"
