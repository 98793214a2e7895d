"""Web settings: one object, units in names, built from arguments or the environment."""

from __future__ import annotations

import ipaddress
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

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            "db_url": env.get("ISOHOLD_DB") or None,
            "catalogue_path": env.get("ISOHOLD_CATALOGUE") or None,
            "time_scale": float(env.get("ISOHOLD_TIME_SCALE", "1") or 1),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def check(self) -> None:
        """Refuse a non-loopback address: single-user mode has no accounts to protect data."""
        host = self.host.strip("[]")
        if host == "localhost":
            return
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise InputError(
                "--host",
                f"{self.host} is not a loopback address; isohold serves only this computer "
                "(127.0.0.1, ::1 or localhost) until clinic mode with accounts exists",
            )
        if not 1 <= self.port <= 65535:
            raise InputError("--port", f"must be 1-65535, got {self.port}")
        if not 0 < self.time_scale <= 1:
            raise InputError("ISOHOLD_TIME_SCALE", "must be above 0 and at most 1")
