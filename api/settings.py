"""All configuration in one place, read from the environment and `.env`, validated at start."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from store.engine import Waits


class Settings(BaseSettings):
    """fieldbot's settings; environment variable names are given in the README."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./fieldbot.db"
    admin_token: str | None = Field(
        default=None, validation_alias=AliasChoices("FIELDBOT_ADMIN_TOKEN", "ADMIN_TOKEN")
    )
    public_base_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"

    # Background work (api/background.py). Whether `serve` runs the outbox sender beside the web
    # app (one server at a time; the others ask every `singleton_retry_seconds` whether they may
    # take over). Unset: yes on SQLite, no on PostgreSQL, where `fieldbot worker` processes send.
    run_sender: bool | None = None
    # The scheduler's due pass (api/scheduler.py), every `due_interval_seconds`, in one process;
    # it delivers what it writes, so it runs only where the sender runs.
    run_scheduler: bool = True
    due_interval_seconds: float = Field(default=60.0, gt=0)
    singleton_retry_seconds: float = Field(default=5.0, gt=0)
    # Messages one sender has at the provider at once (`fieldbot worker --concurrency` wins).
    sender_concurrency: int = Field(default=16, ge=1, le=256)

    twilio_enabled: bool = False
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_from_number: str | None = None
    twilio_handles_keywords: bool = True
    twilio_api_base_url: str | None = None  # points the REST client at a local fake in tests

    # Every wait is bounded below Twilio's 15 s, so a stalled database gets a 503 (and a retry),
    # never a webhook that hangs and is committed after Twilio gave up on it.
    webhook_timeout_s: float = Field(default=10.0, gt=0)
    database_connect_timeout_s: int = Field(default=3, ge=1)
    database_statement_timeout_ms: int = Field(default=5000, ge=0)
    database_lock_timeout_ms: int = Field(default=3000, ge=0)
    database_pool_timeout_s: float = Field(default=5.0, gt=0)
    sqlite_busy_timeout_ms: int = Field(default=3000, ge=0)
    writer_lock_timeout_s: float = Field(default=5.0, gt=0)

    telegram_bot_token: str | None = None
    telegram_secret_token: str | None = None

    @field_validator("public_base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _twilio_needs_token(self) -> Settings:
        if self.twilio_enabled and not self.twilio_auth_token:
            raise ValueError("TWILIO_ENABLED is true but TWILIO_AUTH_TOKEN is not set; "
                             "fieldbot will not accept unsigned webhooks")
        return self


    def sender_in_web(self) -> bool:
        """Whether `serve` runs the outbox sender: RUN_SENDER when set, else only on SQLite."""
        if self.run_sender is not None:
            return self.run_sender
        return not self.database_url.startswith(("postgresql", "postgres"))

    def database_waits(self) -> Waits:
        """The database timeouts above, for store.engine."""
        from store.engine import Waits

        return Waits(connect_s=self.database_connect_timeout_s,
                     statement_ms=self.database_statement_timeout_ms,
                     lock_ms=self.database_lock_timeout_ms, pool_s=self.database_pool_timeout_s,
                     sqlite_busy_ms=self.sqlite_busy_timeout_ms)


@lru_cache
def get_settings() -> Settings:
    return Settings()
