"""Web settings: one object, units in names, built from arguments or the environment."""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass

from isohold.domain.errors import InputError


@dataclass(frozen=True)
class Settings:
    #: address to listen on; only loopback until clinic mode (accounts) exists
    host: str = "127.0.0.1"
    port: int = 8000
    #: database URL; None means $ISOHOLD_DB or the SQLite file in the user's data folder
    db_url: str | None = None
    #: catalogue folder; None means $ISOHOLD_CATALOGUE or the shipped one
    catalogue_path: str | None = None
    #: TEST ONLY: multiplies every timer duration in the browser coach and the simulated
    #: force sensor's clock on the force page (1.0 in real use)
    time_scale: float = 1.0
    #: the largest request body accepted, in bytes (a larger one gets 413 before it is read)
    max_body_bytes: int = 1024 * 1024
    #: answer only a browser signed in with the one-time link `isohold serve` prints
    access_token: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            "db_url": env.get("ISOHOLD_DB") or None,
            "catalogue_path": env.get("ISOHOLD_CATALOGUE") or None,
            "time_scale": time_scale_from(env),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    @property
    def bind_host(self) -> str:
        """The address for the socket: `[::1]` is written with brackets in URLs, not here."""
        host = self.host.strip()
        return host[1:-1] if host.startswith("[") and host.endswith("]") else host

    @property
    def url(self) -> str:
        host = self.bind_host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.port}/"

    def check(self) -> None:
        """Refuse a port out of range and a non-loopback address: single-user mode has no
        accounts to protect data."""
        if isinstance(self.port, bool) or not isinstance(self.port, int) or not (
            1 <= self.port <= 65535
        ):
            raise InputError("--port", f"must be from 1 to 65535, got {self.port!r:.20}")
        host = self.bind_host
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise InputError(
                "--host",
                f"{self.host!r:.80} is not a loopback address; isohold serves only this "
                "computer (127.0.0.1, ::1 or localhost) until clinic mode with accounts exists",
            )
        if not 0 < self.time_scale <= 1:
            raise InputError("ISOHOLD_TIME_SCALE", "must be above 0 and at most 1")


def time_scale_from(env: Mapping[str, str]) -> float:
    """`ISOHOLD_TIME_SCALE` (test only): a number above 0 and at most 1; 1 when unset."""
    raw = env.get("ISOHOLD_TIME_SCALE", "").strip()
    if not raw:
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0 < value <= 1:  # NaN fails too
        raise InputError("ISOHOLD_TIME_SCALE", "must be a number above 0 and at most 1")
    return value
