"""Documents people and programs send isohold (JSON bodies; profile, plan and backup files once
parsed from JSON, YAML or TOML): checked strictly, so no input can crash or hang a parser or
poison what is saved.

- JSON is strict: `NaN`, `Infinity` and `-Infinity` are not JSON and are refused (naming the
  field they stand in).
- No value is nested deeper than `MAX_DEPTH` (100,000 nested brackets used to overflow the
  parser's stack), no integer has more than `MAX_INT_DIGITS` digits, and every number is finite
  and at most `MAX_NUMBER` in size (1e308 is no dose, no pain score and no blood pressure).
- Syntax errors name the document as the field, with line and column in the reason (never the
  offset as a "field").
"""

from __future__ import annotations

import json
import math
from typing import Any

from isohold.domain.errors import InputError

MAX_DEPTH = 32
MAX_INT_DIGITS = 30
#: larger than any quantity isohold records (force samples in newtons, seconds of a recording,
#: milliseconds), far smaller than the 1e308 a hostile file can carry
MAX_NUMBER = 1e12


class _TooLong:
    """Stands in for an integer with too many digits, so `check_tree` can name its field."""


_TOO_LONG = _TooLong()


def _parse_int(text: str) -> int | _TooLong:
    return _TOO_LONG if len(text.lstrip("-")) > MAX_INT_DIGITS else int(text)


def loads(text: str | bytes, what: str, *, prefix: bool = True) -> Any:
    """Parse strict JSON; raises InputError for anything isohold cannot take: syntax errors
    name `what`, bad values their path (`what.key[3]`, or `key[3]` without `prefix`)."""
    try:
        # NaN and Infinity are parsed, then refused by check_tree, which names their field
        value = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise InputError(
            what, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InputError(what, f"is nested more than {MAX_DEPTH} levels deep") from None
    except UnicodeDecodeError:
        raise InputError(what, "is not UTF-8 text") from None
    check_tree(value, what, prefix=prefix)
    return value


def check_tree(value: Any, what: str, *, prefix: bool = True) -> None:
    """Refuse values nested deeper than MAX_DEPTH, non-finite or huge numbers, and integers with
    more than MAX_INT_DIGITS digits, naming where (`what.key[3]`). Walks without recursion."""
    stack: list[tuple[Any, str, int]] = [(value, what if prefix else "", 0)]
    while stack:
        item, where, depth = stack.pop()
        field = where or what
        if isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                raise InputError(field, f"is nested more than {MAX_DEPTH} levels deep")
            if isinstance(item, dict):
                stack.extend((v, f"{where}.{k}" if where else str(k), depth + 1)
                             for k, v in item.items())  # fmt: skip
            else:
                stack.extend((v, f"{field}[{i}]", depth + 1) for i, v in enumerate(item))
        elif item is _TOO_LONG:
            raise InputError(field, f"is a number with more than {MAX_INT_DIGITS} digits")
        elif isinstance(item, float) and not math.isfinite(item):
            raise InputError(field, "must be a finite number (not NaN or infinity)")
        elif isinstance(item, int | float) and abs(item) > MAX_NUMBER:
            raise InputError(field, f"is too large a number (at most {MAX_NUMBER:g})")


def dumps(document: Any, *, indent: int | None = 2) -> str:
    """Strict JSON out (a NaN would be a bug: it raises ValueError rather than write `NaN`)."""
    return json.dumps(document, indent=indent, ensure_ascii=False, allow_nan=False)
