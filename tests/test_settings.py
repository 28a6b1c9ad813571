"""Settings: the JWT secret is never missing silently, CORS origins read from a list."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from api.settings import Settings, SettingsError


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    """CRM_ENVIRONMENT=production with no CRM_JWT_SECRET is an error, not a generated key."""
    settings = Settings(environment="production", jwt_secret_file=tmp_path / "s")
    with pytest.raises(SettingsError, match="CRM_JWT_SECRET"):
        _ = settings.signing_secret
    assert not (tmp_path / "s").exists()


def test_short_secret_is_refused() -> None:
    """A guessable signing secret is refused."""
    with pytest.raises(SettingsError, match="32"):
        _ = Settings(jwt_secret="short").signing_secret


def test_development_secret_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    """Outside production a secret is generated into a 0600 file and reused on restart."""
    path = tmp_path / "secret"
    first = Settings(jwt_secret_file=path).signing_secret
    assert len(first) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Settings(jwt_secret_file=path).signing_secret == first


def test_cors_origins_from_a_comma_separated_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """CRM_CORS_ORIGINS takes a comma-separated list."""
    monkeypatch.setenv("CRM_CORS_ORIGINS", "https://a.example, https://b.example")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]


def test_database_url_from_the_conventional_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """DATABASE_URL switches the database."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u@h/db")
    assert Settings().database_url == "postgresql+asyncpg://u@h/db"
