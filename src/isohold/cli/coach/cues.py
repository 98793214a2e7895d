"""Audible cues at each phase change: the terminal bell, and speech through espeak-ng when it
is installed and enabled. Speech runs in the background so it never delays the timer."""

from __future__ import annotations

import shutil
import subprocess
import sys


class Cues:
    def __init__(self, *, bell: bool = True, speak: bool = False) -> None:
        self.bell = bell
        self._espeak = shutil.which("espeak-ng") if speak else None

    @property
    def speaking(self) -> bool:
        return self._espeak is not None

    def say(self, text: str) -> None:
        if self.bell:
            sys.stdout.write("\a")
            sys.stdout.flush()
        if self._espeak is not None:
            subprocess.Popen(
                [self._espeak, text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
