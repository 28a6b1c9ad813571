"""Settings, read from the environment (and an optional `.env` file)."""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.integrations.webhooks import UrlPolicy
from persistence.database import DEFAULT_URL, MAX_OVERFLOW, POOL_SIZE


class SettingsError(RuntimeError):
    pass


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CRM_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    database_url: str = Field(
        DEFAULT_URL, validation_alias=AliasChoices("DATABASE_URL", "CRM_DATABASE_URL")
    )
    host: str = Field("127.0.0.1", validation_alias=AliasChoices("HOST", "CRM_HOST"))
    port: int = Field(8000, validation_alias=AliasChoices("PORT", "CRM_PORT"))
    jwt_secret: SecretStr | None = None
    jwt_secret_file: Path = Path(".crm-secret")
    access_token_minutes: int = Field(15, ge=1, le=60)
    refresh_token_days: int = Field(30, ge=1, le=365)
    # How long the change feed keeps events; a cursor older than that answers 410.
    event_retention_days: int = Field(30, ge=1, le=3650)
    # How long a job stays a worker's without word from it (renewed every quarter of it
    # while the job runs; on PostgreSQL the worker's heartbeat): after a worker dies, its
    # job waits this long for another.
    job_lease_seconds: int = Field(120, ge=2, le=3600)
    # Jobs one `crm worker` runs at once on PostgreSQL (the minute's tasks among them, so
    # a long import does not hold up the automation rules); SQLite runs one at a time.
    worker_concurrency: int = Field(2, ge=1, le=32)
    cors_origins: Annotated[list[str], NoDecode] = []
    log_level: str = "INFO"
    bootstrap_owner_email: str | None = None
    bootstrap_owner_password: SecretStr | None = None
    # The built web app (`make web`), served at `/` when it exists; empty to serve none.
    web_dir: Path | None = Path(__file__).resolve().parent.parent / "clients" / "web" / "dist"
    # A server process's PostgreSQL pool: connections kept open, and more under load.
    # `crm serve --workers N` shares the defaults out among its N processes.
    db_pool_size: int = Field(POOL_SIZE, ge=1, le=200)
    db_max_overflow: int = Field(MAX_OVERFLOW, ge=0, le=400)
    # `/metrics` answers only with `Authorization: Bearer <this>` when set; without it,
    # openly in development and not at all in production.
    metrics_token: SecretStr | None = None
    # Set by `crm serve` for the server processes it runs beside each other: they stop
    # when it is gone, killed or not, instead of serving on unsupervised.
    supervisor_pid: int | None = None
    # Webhooks (domain/integrations/webhooks.py): hosts, addresses or networks (CIDR) a
    # webhook may reach although internal (`CRM_WEBHOOK_ALLOWED_HOSTS=10.1.2.0/24,hooks.lan`);
    # plain http URLs only when allowed (a receiver on a trusted network); how long a
    # receiver has to answer.
    webhook_allowed_hosts: Annotated[list[str], NoDecode] = []
    webhook_allow_http: bool = False
    webhook_timeout_seconds: float = Field(5.0, gt=0, le=30)
    # Rate limits (api/rate_limits.py), in the `limits` library's notation ("600/minute",
    # "10/second"): per API key, per signed-in person, per address without a credential.
    # Counted in Redis when REDIS_URL is set (shared by every process and machine), in
    # the process otherwise.
    redis_url: str | None = Field(None, validation_alias=AliasChoices("REDIS_URL", "CRM_REDIS_URL"))
    rate_limit_key: str = "1200/minute"
    rate_limit_user: str = "600/minute"
    rate_limit_anonymous: str = "60/minute"

    @field_validator("web_dir", mode="before")
    @classmethod
    def _no_web(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("metrics_token", mode="before")
    @classmethod
    def _no_token(cls, value: object) -> object:
        # An empty CRM_METRICS_TOKEN is none: "Bearer " alone must not open the metrics.
        return None if value == "" else value

    @field_validator("webhook_allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    def webhook_policy(self) -> UrlPolicy:
        return UrlPolicy(self.webhook_allow_http, tuple(self.webhook_allowed_hosts))

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        """`CRM_CORS_ORIGINS=https://a.example,https://b.example`"""
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @cached_property
    def signing_secret(self) -> str:
        """The JWT signing secret. Outside production one is generated on first start and
        kept in a local file (mode 0600), so restarts do not sign everybody out; production
        refuses to start without an explicit secret."""
        if self.jwt_secret is not None:
            value = self.jwt_secret.get_secret_value()
            if len(value) < 32:
                raise SettingsError("CRM_JWT_SECRET must be at least 32 characters long.")
            return value
        if self.environment == "production":
            raise SettingsError("CRM_JWT_SECRET must be set when CRM_ENVIRONMENT=production.")
        path = self.jwt_secret_file
        if path.exists():
            return path.read_text().strip()
        value = secrets.token_urlsafe(48)
        path.touch(mode=0o600)
        path.write_text(value)
        return value
