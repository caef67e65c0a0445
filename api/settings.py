"""All configuration in one place, read from the environment and `.env`, validated at start."""

from __future__ import annotations

from functools import lru_cache

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """fieldbot's settings; environment variable names are given in the README."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./fieldbot.db"
    admin_token: str | None = Field(
        default=None, validation_alias=AliasChoices("FIELDBOT_ADMIN_TOKEN", "ADMIN_TOKEN")
    )
    public_base_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"

    # Background work (api/background.py). The outbox sender runs in one process at a time;
    # the others ask every `singleton_retry_seconds` whether they may take over.
    run_sender: bool = True
    singleton_retry_seconds: float = Field(default=5.0, gt=0)

    twilio_enabled: bool = False
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_from_number: str | None = None
    twilio_handles_keywords: bool = True
    twilio_api_base_url: str | None = None  # points the REST client at a local fake in tests

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


@lru_cache
def get_settings() -> Settings:
    return Settings()
