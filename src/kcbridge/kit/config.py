"""Settings from the environment (prefix KCBRIDGE_), with embedded-mode defaults."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KCBRIDGE_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("data"))
    database_url: str = ""
    secret_key: str = ""
    base_url: str = "http://127.0.0.1:8000"

    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    mail_from: str = "kcbridge <no-reply@kcbridge.example>"

    login_max_failures: int = 5  # per account and window
    login_max_failures_per_address: int = 20  # per address and window (browsers that signed in before pass)
    reset_max_per_email: int = 3  # password-reset mails per e-mail address and hour
    reset_max_per_address: int = 20  # password-reset requests per network address and hour
    login_window_seconds: int = 900
    session_days: int = 14
    logo_max_bytes: int = 512 * 1024
    max_body_bytes: int = 10 * 1024 * 1024  # any request body (uploads included); `serve --limit-body-mb`
    anonymous_body_bytes: int = 64 * 1024  # without valid credentials (login and registration forms)
    cookie_secure: bool = False

    jobs_backend: str = (
        "auto"  # auto: procrastinate on PostgreSQL, in-process threads on SQLite; or force one
    )
    warm_indexes: bool = True  # build search indexes when a web process starts
    periodic_jobs: bool = True  # tick periodic jobs (web process on SQLite, `kcbridge worker` on PostgreSQL)
    periodic_interval_seconds: float = Field(default=60.0, gt=0)
    # PostgreSQL: a job whose worker sent no heartbeat for this long (killed mid-run) is run again; workers
    # send one every 10 s, so anything shorter than 15 s would take live jobs for dead ones
    stalled_job_seconds: float = Field(default=60.0, ge=15)
    daily_hour_utc: int = Field(default=23, ge=0, le=23)  # daily jobs (digest): 23:00 UTC = 08:00 KST
    # "use" (default), "hash" (tests: instant character n-gram hashing, no model, no cross-language
    # matching) or a path to a local sentence-transformers model directory
    embedder: str = "use"
    password_hash: Literal["strong", "fast"] = "strong"  # argon2 cost; "fast" is for tests only

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'kcbridge.kit.db').resolve()}"

    def resolved_secret_key(self) -> str:
        """The configured key, else one generated on first run and kept in the data folder."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
        self.secret_key = path.read_text().strip()
        return self.secret_key


@lru_cache
def get_settings() -> Settings:
    return Settings()
