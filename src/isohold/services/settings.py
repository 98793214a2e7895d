"""Every setting of isohold in one object: its default, unit, range and help in one place.

Built once by the command line (`cli/main.py`) or by a test, and passed down to `create_app`
and the services; nothing reads the environment anywhere else. Environment variables are the
field names in capitals with the `ISOHOLD_` prefix (`ISOHOLD_DB`, `ISOHOLD_TIME_SCALE`, ...);
a bad value is an error naming the variable, never a silent default. The README lists them
(a test checks that it names every one).
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from isohold.domain.errors import SettingError

ENV_PREFIX = "ISOHOLD_"


class Settings(BaseSettings):
    """isohold's settings (environment variable: ISOHOLD_ + the field name in capitals)."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="forbid", populate_by_name=True
    )

    db_url: str | None = Field(
        None,
        validation_alias=AliasChoices("db_url", "ISOHOLD_DB"),
        description="Database URL (sqlite:///path or postgresql+psycopg://...); unset: a "
        "SQLite file in your user data folder. Environment: ISOHOLD_DB.",
    )
    catalogue_path: str | None = Field(
        None,
        validation_alias=AliasChoices("catalogue_path", "ISOHOLD_CATALOGUE"),
        description="A folder with an edited copy of the catalogue; unset: the shipped one. "
        "Environment: ISOHOLD_CATALOGUE.",
    )
    time_scale: float = Field(
        1.0,
        gt=0,
        le=1,
        description="TEST ONLY: multiplies every timer duration (coaches, desk breaks, the "
        "simulated force sensor); 1 in real use.",
    )
    tz: str | None = Field(
        None,
        description="Your time zone as an IANA name (Europe/London) for desk breaks and "
        "reminders; unset: the computer's zone.",
    )
    host: str = Field("127.0.0.1", description="Address `isohold serve` listens on: loopback only.")
    port: int = Field(8000, ge=1, le=65535, description="Port `isohold serve` listens on.")
    max_body_bytes: int = Field(
        1024 * 1024,
        ge=1024,
        le=64 * 1024 * 1024,
        description="The largest request body the server reads, in bytes (413 above it).",
    )
    access_token: bool = Field(
        False,
        description="Answer only the browser signed in with the one-time link `isohold serve` "
        "prints.",
    )
    workers: int = Field(
        1,
        ge=1,
        le=64,
        description="Server processes `isohold serve` runs, sharing one port and one database "
        "(in personal mode only with --no-token: the access link lives in one process); unset, "
        "`isohold serve` starts one on SQLite or with the access link, else one for each CPU, at "
        "most 4.",
    )
    tls_cert: str | None = Field(
        None,
        description="TLS certificate chain (a PEM file) `isohold serve` answers HTTPS with; "
        "give --tls-key too. Unset: plain HTTP (on loopback, or behind a proxy that ends TLS).",
    )
    tls_key: str | None = Field(
        None, description="The private key (a PEM file) of the TLS certificate."
    )
    behind_proxy: bool = Field(
        False,
        description="A reverse proxy on this computer (Caddy, nginx) ends TLS and passes "
        "requests on: its X-Forwarded-Proto, -For and -Host are believed, from loopback only.",
    )
    clinic: bool = Field(
        False,
        description="Clinic mode: accounts (patients, clinicians, admins) sign in; a host other "
        "than loopback needs TLS (--tls-cert/--tls-key) or --behind-proxy.",
    )
    public_url: str | None = Field(
        None,
        description="The address people open (https://clinic.example.org): the server also "
        "answers to this host name, and links it sends start with it.",
    )
    smtp_host: str | None = Field(
        None,
        description="The SMTP server that sends password-reset e-mails in clinic mode "
        "(smtp.clinic.example.org); unset: no e-mail is sent, and an admin sets a new password "
        "with `isohold admin set-password`.",
    )
    smtp_port: int = Field(
        587, ge=1, le=65535, description="The SMTP server's port (587: mail submission)."
    )
    smtp_sender: str | None = Field(
        None,
        validate_default=True,
        description="The From address of isohold's e-mails (isohold@clinic.example.org); "
        "needed with ISOHOLD_SMTP_HOST.",
    )
    smtp_starttls: bool = Field(
        True,
        description="Switch the SMTP connection to TLS (STARTTLS) before signing in or "
        "sending, and refuse a server that cannot; false only for a server on this computer.",
    )
    smtp_user: str | None = Field(
        None, description="The user name at the SMTP server, if it asks for one."
    )
    smtp_password: str | None = Field(
        None,
        repr=False,
        validate_default=True,
        description="The password at the SMTP server (with ISOHOLD_SMTP_USER); never logged.",
    )

    alert_mail_minutes: int = Field(
        15,
        ge=0,
        le=1440,
        description="Minutes between a clinic server's looks for new alerts to e-mail to the "
        "clinicians who asked (with the SMTP settings); 0: never (run `isohold admin "
        "send-alert-mail` from cron instead).",
    )

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from isohold.domain.desk_settings import known_zone

        if not known_zone(value.strip()):
            raise ValueError(f"unknown time zone {value!r:.60} (use a name like Europe/London)")
        return value.strip()

    @field_validator("smtp_host")
    @classmethod
    def _mail_host(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        host = value.strip()
        if any(c in host for c in "/:@ ") or len(host) > 253:
            raise ValueError(f"{value!r:.80}: give the host name only (smtp.example.org)")
        return host

    @field_validator("smtp_sender")
    @classmethod
    def _mail_sender(cls, value: str | None, info: ValidationInfo) -> str | None:
        sender = (value or "").strip()
        if not sender:
            if info.data.get("smtp_host"):
                raise ValueError("is needed with ISOHOLD_SMTP_HOST: the From address of e-mails")
            return None
        local, _, domain = sender.partition("@")
        if not local or "." not in domain or any(c.isspace() for c in sender):
            raise ValueError(f"{value!r:.80} is not an e-mail address")
        return sender

    @field_validator("smtp_user")
    @classmethod
    def _mail_user(cls, value: str | None) -> str | None:
        return value if value and value.strip() else None  # blank (docker compose): none

    @field_validator("smtp_password")
    @classmethod
    def _mail_login(cls, value: str | None, info: ValidationInfo) -> str | None:
        if bool(value) != bool(info.data.get("smtp_user")):
            raise ValueError("give both ISOHOLD_SMTP_USER and ISOHOLD_SMTP_PASSWORD, or neither")
        return value or None

    @property
    def mail_ready(self) -> bool:
        """An SMTP server is set up: password-reset e-mails can be sent."""
        return self.smtp_host is not None and self.smtp_sender is not None

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """The environment, then `overrides` that are not None (a front-end's options); a bad
        value raises SettingError naming the environment variable or the option's setting."""
        given = {k: v for k, v in overrides.items() if v is not None}
        try:
            return cls(**given)
        except ValidationError as error:
            raise _setting_error(error, given) from None

    def with_options(self, **overrides: Any) -> Settings:
        """These settings with a front-end's options over them (None: not given), validated
        as `load` validates them; the environment is not read again."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if not given:
            return self
        try:
            return type(self).model_validate({**self.model_dump(), **given})
        except ValidationError as error:
            raise _setting_error(error, given) from None

    @property
    def bind_host(self) -> str:
        """The address for the socket: `[::1]` is written with brackets in URLs, not here."""
        host = self.host.strip()
        return host[1:-1] if host.startswith("[") and host.endswith("]") else host

    @field_validator("public_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{value!r:.80} is not a web address like https://clinic.example.org")
        if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
            raise ValueError(f"{value!r:.80}: give the scheme and host name only, no path")
        return f"{parts.scheme}://{parts.netloc.lower()}"

    @property
    def url(self) -> str:
        """Where people open the app: the public address when set, else the socket's."""
        if self.public_url is not None:
            return f"{self.public_url}/"
        host = self.bind_host
        scheme = "https" if self.tls_cert else "http"
        return f"{scheme}://{f'[{host}]' if ':' in host else host}:{self.port}/"

    def environment(self) -> dict[str, str]:
        """These settings as environment variables: `Settings.load()` in a worker process
        (`isohold serve --workers N`) reads back the same settings."""
        out = {}
        for name, value in self.model_dump().items():
            if value is not None:
                out[env_name(name)] = str(value)
        return out

    def check(self) -> None:
        """Refuse a non-loopback address in personal mode (no accounts to protect data), and
        in clinic mode without TLS here or a proxy's."""
        host = self.bind_host
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if (self.tls_cert is None) != (self.tls_key is None):
            missing = "tls_key" if self.tls_key is None else "tls_cert"
            raise _combination(
                missing,
                "HTTPS needs both a certificate and its key (PEM files)",
                "tls_cert",
                "tls_key",
            )
        if self.tls_cert is not None and self.behind_proxy:
            raise _combination(
                "behind_proxy",
                "choose one: TLS here (a certificate and its key) or a proxy that ends TLS",
                "tls_cert",
                "tls_key",
            )
        if self.clinic:
            self._check_clinic(loopback)
            return
        if self.behind_proxy:
            raise _combination(
                "behind_proxy",
                "a proxy serves other computers: that needs clinic mode with accounts",
                "clinic",
            )
        if self.workers > 1 and self.access_token:
            raise _combination(
                "workers",
                "the personal access link lives in one process: serve several workers "
                "without the access link",
                "access_token",
            )
        if not loopback:
            raise _combination(
                "host",
                f"{self.host!r:.80} is not a loopback address; isohold serves only this "
                "computer (127.0.0.1, ::1 or localhost) unless it runs in clinic mode",
                "clinic",
            )

    def _check_clinic(self, loopback: bool) -> None:
        if self.access_token:
            raise _combination(
                "access_token",
                "clinic mode signs people in with accounts, not the access link",
                "clinic",
            )
        if not loopback and self.tls_cert is None and not self.behind_proxy:
            raise _combination(
                "host",
                f"{self.host!r:.80} is reachable from other computers: serve it over HTTPS "
                "(a certificate and its key) or behind a proxy that ends TLS",
                "tls_cert",
                "tls_key",
                "behind_proxy",
            )


def _setting_error(error: ValidationError, given: dict[str, Any]) -> SettingError:
    """The first problem of a validation, naming the option's setting or the variable."""
    first = error.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else "settings"
    name = ALIASES.get(name, name)
    if name in given:
        return SettingError(name, _reason(first), field=name, given="option")
    return SettingError(name, _reason(first), field=env_name(name), given="environment")


def _combination(setting: str, reason: str, *related: str) -> SettingError:
    """Settings that cannot work together: `setting` is the one named, `related` the others
    a front-end may point to (its options)."""
    return SettingError(setting, reason, field=setting, given="combination", related=related)


#: environment names of the fields whose variable is not ISOHOLD_ + the field name
ALIASES = {"ISOHOLD_DB": "db_url", "ISOHOLD_CATALOGUE": "catalogue_path"}
_ENV = {"db_url": "ISOHOLD_DB", "catalogue_path": "ISOHOLD_CATALOGUE"}
_BOUNDS = {"greater_than": "above", "greater_than_equal": "at least", "less_than": "below",
           "less_than_equal": "at most"}  # fmt: skip
_KINDS = {"float": "a number", "int": "a whole number", "bool": "true or false"}


#: the most server processes `isohold serve` starts unless told (a personal server needs few)
MAX_DEFAULT_WORKERS = 4


def default_workers(access_token: bool, db_url: str | None = None, cpus: int | None = None) -> int:
    """Server processes when neither --workers nor ISOHOLD_WORKERS says: one for each CPU, at
    most MAX_DEFAULT_WORKERS, on a database server; one on SQLite (the default database) and
    while the access link is on (it lives in one process). SQLite takes one writer at a time:
    one process gathers every set into group commits, where several wait on each other's locks
    in SQLite's busy handler (bench/api.py, 2 CPUs, wrk at 16 connections: recording a set,
    2,100 sets/s and p99 13 ms with one process against 1,580/s and p99 720 ms with two)."""
    import os

    if access_token or db_url is None or db_url.startswith("sqlite"):
        return 1
    found = os.cpu_count() if cpus is None else cpus
    return max(1, min(found or 1, MAX_DEFAULT_WORKERS))


def env_name(field: str) -> str:
    """The environment variable of a setting."""
    return _ENV.get(field, f"{ENV_PREFIX}{field.upper()}")


def _reason(error: Any) -> str:
    kind = str(error.get("type", ""))
    limit = next(iter((error.get("ctx") or {}).values()), "")
    if kind in _BOUNDS:
        return f"must be {_BOUNDS[kind]} {limit}"
    for prefix, words in _KINDS.items():
        if kind.startswith(prefix):
            return f"must be {words}"
    return str(error.get("msg", "is not valid")).removeprefix("Value error, ")[:200]
