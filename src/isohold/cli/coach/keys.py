"""Single-key input without Enter (space, s, q) when standard input is a terminal."""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager


class Keys:
    def __init__(self) -> None:
        self._fd: int | None = None

    @property
    def active(self) -> bool:
        return self._fd is not None

    def read(self, timeout_s: float) -> str | None:
        """One key pressed within `timeout_s`, else None (always None without a terminal)."""
        if self._fd is None:
            return None
        ready, _, _ = select.select([self._fd], [], [], timeout_s)
        if not ready:
            return None
        data = os.read(self._fd, 1)
        return data.decode(errors="ignore") or None

    @contextmanager
    def raw(self) -> Iterator[Keys]:
        """Keys arrive one at a time while inside; the terminal is restored on the way out."""
        if not sys.stdin.isatty():
            yield self
            return
        import termios
        import tty

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        try:
            # TCSANOW, not the default TCSAFLUSH: a key (or a Ctrl-C still on its way through
            # the terminal) pressed just as the hold starts is kept, not thrown away
            tty.setcbreak(fd, termios.TCSANOW)
            self._fd = fd
            yield self
        finally:
            self._fd = None
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
