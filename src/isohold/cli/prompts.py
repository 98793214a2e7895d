"""Line-based questions for the interactive screen: re-ask on bad input, never crash.

Reads with `input()`, so it works in a terminal, through a pipe and under pexpect alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from isohold.domain.errors import InputError

T = TypeVar("T")


class Asker:
    def __init__(self, con: Any, reader: Callable[[str], str] = input) -> None:
        self.con = con
        self._read = reader

    def _line(self, prompt: str) -> str:
        try:
            return self._read(prompt).strip()
        except EOFError:
            raise InputError(
                "screen", "the input ended before the questions were finished; nothing was saved"
            ) from None

    def _until_valid(self, prompt: str, parse: Callable[[str], T]) -> T:
        while True:
            answer = self._line(prompt)
            try:
                return parse(answer)
            except ValueError as exc:
                self.con.print(f"[yellow]  {exc}[/]")

    def number(self, prompt: str, lo: int, hi: int, *, optional: bool = False) -> int | None:
        def parse(text: str) -> int | None:
            if not text and optional:
                return None
            if not _digits(text) or not lo <= int(text) <= hi:
                raise ValueError(f"Please type a whole number from {lo} to {hi}.")
            return int(text)

        hint = f" ({lo}-{hi}{', Enter to skip' if optional else ''})"
        return self._until_valid(f"{prompt}{hint}: ", parse)

    def yes_no(self, prompt: str, *, default: bool | None = None) -> bool:
        def parse(text: str) -> bool:
            t = text.lower()
            if t in ("y", "yes"):
                return True
            if t in ("n", "no"):
                return False
            if not t and default is not None:
                return default
            raise ValueError("Please answer y (yes) or n (no).")

        hint = {None: "y/n", True: "Y/n", False: "y/N"}[default]
        return self._until_valid(f"{prompt} [{hint}]: ", parse)

    def one(
        self, prompt: str, options: Sequence[tuple[str, str]], *, default: str | None = None
    ) -> str:
        """One of `options`, by number; Enter takes `default` when there is one."""
        for i, (value, label) in enumerate(options, 1):
            mark = " (Enter)" if value == default else ""
            self.con.print(f"  {i}. {label}{mark}")

        def parse(text: str) -> str:
            if not text and default is not None:
                return default
            if not _digits(text) or not 1 <= int(text) <= len(options):
                raise ValueError(f"Please type one number from 1 to {len(options)}.")
            return options[int(text) - 1][0]

        return self._until_valid(f"{prompt}: ", parse)

    def many(
        self, prompt: str, options: Sequence[tuple[str, str]], *, empty_hint: str
    ) -> list[str]:
        for i, (_, label) in enumerate(options, 1):
            self.con.print(f"  {i}. {label}")

        def parse(text: str) -> list[str]:
            if not text:
                return []
            picked: list[str] = []
            for part in text.replace(" ", ",").split(","):
                if not part:
                    continue
                if not _digits(part) or not 1 <= int(part) <= len(options):
                    raise ValueError(
                        f"'{part}' is not on the list: type numbers from 1 to {len(options)}, "
                        "separated by commas."
                    )
                value = options[int(part) - 1][0]
                if value not in picked:
                    picked.append(value)
            return picked

        return self._until_valid(f"{prompt} (numbers separated by commas; {empty_hint}): ", parse)

    def blood_pressure(self, prompt: str) -> dict[str, int] | None:
        def parse(text: str) -> dict[str, int] | None:
            if not text:
                return None
            parts = text.replace(" ", "").split("/")
            if len(parts) != 2 or not all(_digits(p) for p in parts):
                raise ValueError(
                    "Please type it as two numbers, like 128/82, or press Enter to skip."
                )
            systolic, diastolic = int(parts[0]), int(parts[1])
            if not (60 <= systolic <= 300 and 30 <= diastolic <= 200 and diastolic < systolic):
                raise ValueError(
                    "That reading does not look right; please check and type it again."
                )
            return {"systolic": systolic, "diastolic": diastolic}

        return self._until_valid(f"{prompt} (like 128/82, Enter to skip): ", parse)

    def choice(self, prompt: str, options: dict[str, str]) -> str:
        """One of `options` (answer typed -> value); an empty answer is allowed as a key."""

        def parse(text: str) -> str:
            if text.lower() in options:
                return options[text.lower()]
            keys = ", ".join(k or "Enter" for k in options)
            raise ValueError(f"Please answer one of: {keys}.")

        return self._until_valid(f"{prompt}: ", parse)


def _digits(text: str) -> bool:
    """A short run of ASCII digits ("²" and "٣" pass `isdigit` but are no answer here)."""
    return text.isascii() and text.isdigit() and len(text) <= 6
