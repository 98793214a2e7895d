"""A setting's raw value from the environment, read with the standard library alone, for the
one path that must start before the settings object can be built (`isohold today` answered
from its last answer, cli/today_cache.py). Names are matched without regard to case, as the
settings object matches them (services/settings.py); the value is not checked here: the full
command checks it whenever one is used."""

from __future__ import annotations

import os


def raw(variable: str) -> str | None:
    """The environment's value of `variable` (e.g. ISOHOLD_DB), or None."""
    wanted = variable.upper()
    return next((v for k, v in os.environ.items() if k.upper() == wanted), None)
