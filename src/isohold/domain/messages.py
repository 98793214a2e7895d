"""Plain-words messages from the catalogue's message texts, with their placeholders filled."""

from __future__ import annotations

from isohold.domain.errors import CatalogueError
from isohold.domain.models import Catalogue
from isohold.domain.plan import Message


class MessageBook:
    def __init__(self, catalogue: Catalogue) -> None:
        self._texts = catalogue.messages

    def get(self, code: str, **values: object) -> Message:
        try:
            text = self._texts[code]
        except KeyError:
            raise CatalogueError(f"messages.toml: missing message {code!r}") from None
        try:
            filled = text.text.format(**values)
        except (KeyError, IndexError) as exc:
            raise CatalogueError(f"messages.toml [{code}]: unknown placeholder {exc}") from None
        return Message(level=text.level, code=code, text=filled)
