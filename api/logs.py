"""Logging set-up: one format, and chatty HTTP clients kept quiet (their URLs can carry tokens)."""

from __future__ import annotations

import logging


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    for noisy in ("httpx", "httpcore", "telegram", "twilio.http_client", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
