"""Errors for bad force data. `force` imports no other isohold layer, so it has its own
exception; the command line maps it to an exit code beside the domain's errors."""

from __future__ import annotations


class ForceDataError(ValueError):
    """A recording cannot be read or analysed; the message says what and where."""
