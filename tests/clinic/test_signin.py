"""Signing in through the services: one refusal for unknown e-mails and wrong passwords,
throttling per account and per address, TOTP codes used once, sessions that end."""

from __future__ import annotations

from datetime import timedelta

import pytest

from isohold.domain.errors import ConflictError, InputError, SignInError, ThrottledError
from isohold.services import audit, signin
from tests.support.clinic import PASSWORD, START, clinic_context, code_at, make_user


def test_one_refusal_then_throttled_per_account_and_per_address(clinic_url: str) -> None:
    with clinic_context(clinic_url) as (ctx, clock):
        make_user(ctx, "patient", "ana@example.org")
        with pytest.raises(SignInError) as unknown:
            signin.sign_in(ctx, "nobody@example.org", PASSWORD, None, "10.0.0.1")
        with pytest.raises(SignInError) as wrong:
            signin.sign_in(ctx, "ana@example.org", "wrong password", None, "10.0.0.1")
        assert str(unknown.value) == str(wrong.value) == signin.REFUSED
        for n in range(4):  # 5 failures for this account, from other addresses
            with pytest.raises(SignInError):
                signin.sign_in(ctx, "ana@example.org", "wrong", None, f"10.0.1.{n}")
        with pytest.raises(ThrottledError):  # even the right password, from a new address
            signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "10.0.2.1")
        clock.advance(minutes=16)
        token, who = signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "10.0.2.1")
        assert who.role == "patient" and signin.resolve(ctx, token) == who
        for n in range(5):  # 5 failures from one address, each for another e-mail
            with pytest.raises(SignInError):
                signin.sign_in(ctx, f"guess{n}@example.org", "x", None, "10.9.9.9")
        with pytest.raises(ThrottledError):
            signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "10.9.9.9")
        actions = [r["action"] for r in audit.since(ctx, START.date())]
        assert actions.count("sign-in-failed") == 11 and actions.count("sign-in") == 1
        assert actions.count("sign-in-throttled") == 2


def test_totp_enrolment_and_a_code_used_once(clinic_url: str) -> None:
    with clinic_context(clinic_url) as (ctx, clock):
        make_user(ctx, "clinician", "doc@example.org")
        token, who = signin.sign_in(ctx, "doc@example.org", PASSWORD, None, "127.0.0.1")
        assert not who.totp_enabled
        started = signin.totp_start(ctx, who)
        assert started.uri.startswith("otpauth://totp/") and "<svg" in started.qr_svg
        with pytest.raises(InputError, match="code"):
            signin.totp_confirm(
                ctx,
                who,
                "000000" if code_at(started.secret, START) != "000000" else "111111",
                "127.0.0.1",
            )
        first = code_at(started.secret, START)
        signin.totp_confirm(ctx, who, first, "127.0.0.1")
        with pytest.raises(ConflictError):
            signin.totp_start(ctx, who)
        with pytest.raises(SignInError, match="6-digit code"):
            signin.sign_in(ctx, "doc@example.org", PASSWORD, None, "127.0.0.1")
        with pytest.raises(SignInError, match="used already"):  # the enrolment's code: used
            signin.sign_in(ctx, "doc@example.org", PASSWORD, first, "127.0.0.1")
        clock.advance(seconds=30)
        code = code_at(started.secret, clock())
        token2, who2 = signin.sign_in(
            ctx, "doc@example.org", PASSWORD, code, "127.0.0.1", replaces=token
        )
        assert who2.totp_enabled and token2 != token
        assert signin.resolve(ctx, token) is None  # the session it replaced has ended
        with pytest.raises(SignInError, match="used already"):  # replay within its step
            signin.sign_in(ctx, "doc@example.org", PASSWORD, code, "127.0.0.1")


def test_sessions_end_idle_staff_absolute_and_everywhere(clinic_url: str) -> None:
    with clinic_context(clinic_url) as (ctx, clock):
        make_user(ctx, "clinician", "doc@example.org")
        make_user(ctx, "patient", "ana@example.org")
        staff, _ = signin.sign_in(ctx, "doc@example.org", PASSWORD, None, "127.0.0.1")
        patient, who = signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "127.0.0.1")
        other, _ = signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "127.0.0.1")
        clock.advance(minutes=29)
        assert signin.resolve(ctx, staff) is not None  # used: idle time starts again
        clock.advance(minutes=31)
        assert signin.resolve(ctx, staff) is None  # 31 minutes idle
        assert signin.resolve(ctx, patient) is not None  # patients have no idle limit
        clock.advance(hours=11, minutes=1)
        assert signin.resolve(ctx, patient) is None  # 12 hours after sign-in
        fresh, who = signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "127.0.0.1")
        again, _ = signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "127.0.0.1")
        signin.sign_out(ctx, who, "127.0.0.1", everywhere=True)
        assert signin.resolve(ctx, fresh) is None and signin.resolve(ctx, again) is None
        assert signin.resolve(ctx, "made-up") is None and other
        assert timedelta(hours=12) == signin.ABSOLUTE
