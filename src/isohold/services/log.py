"""Recording a set done without the coach (`isohold log`)."""

from __future__ import annotations

from isohold.domain.errors import InputError
from isohold.domain.ids import check_uuid
from isohold.services import sessions
from isohold.services.context import Context

LOG_NOTE = "logged without the coach"


def log_set(ctx: Context, done: sessions.SetDone, session_uuid: str | None = None) -> str:
    """Save one set; without a session UUID it goes into a new, finished one-set session.

    The set's own UUID makes the call idempotent: replaying it stores the set once (the session
    UUID is derived from it, so a replay also finds the same session).
    """
    if done.uuid is None:
        raise InputError("uuid", "a logged set needs its client UUID (isohold log makes one)")
    if session_uuid is not None:
        sessions.record_set(ctx, session_uuid, done)
        return session_uuid
    own = _derived(done.uuid)
    state = sessions.start(ctx, own, close_others=False)
    sessions.record_set(ctx, state.uuid, done)
    sessions.finish(ctx, state.uuid, "complete", note=LOG_NOTE)
    return state.uuid


def _derived(set_uuid: str) -> str:
    import uuid

    return str(uuid.uuid5(uuid.UUID(check_uuid(set_uuid)), "isohold.log.session"))
