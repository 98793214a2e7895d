"""Human-readable plan and review output (Rich)."""

from __future__ import annotations

from typing import Any

from isohold.cli.output import console
from isohold.domain import describe as d
from isohold.domain.models import Catalogue
from isohold.domain.notes import NOTE_CODES, block_notes
from isohold.domain.plan import Message, Plan
from isohold.domain.review import Review

LEVEL_STYLE = {"info": "cyan", "warn": "yellow", "stop": "bold red"}
STATUS_STYLE = {"ok": "bold green", "caution": "bold yellow", "refer": "bold red"}


def _messages(con: Any, messages: tuple[Message, ...]) -> None:
    for m in messages:
        if m.code in NOTE_CODES or m.code == "referral":  # shown beside their exercise / above
            continue
        style = LEVEL_STYLE[m.level]
        con.print(f"[{style}]{m.level.upper():5}[/] {m.text}")


def render_plan(plan: Plan, catalogue: Catalogue) -> None:
    from rich.panel import Panel

    con = console()
    con.print(f"Status: [{STATUS_STYLE[plan.status]}]{plan.status.upper()}[/]")
    if plan.referral is not None:
        ref = plan.referral
        con.print(Panel(ref.message, title=f"See a clinician: {ref.urgency}", border_style="red"))
    prog = plan.program
    if prog is not None:
        con.print(
            f"\n[bold]Your program[/]: {prog.weeks} weeks, up to {prog.sessions_per_week} "
            f"sessions a week. Keep pain during holds at {prog.max_pain_during}/10 or less, "
            "and check how you feel next morning.\n"
        )
        shown_protocol = None
        for i, b in enumerate(prog.blocks, 1):
            ex = catalogue.exercises.get(b.exercise)
            proto = catalogue.protocols.get(b.protocol)
            if proto is not None and b.protocol != shown_protocol:
                con.print(f"[bold underline]{proto.name}[/]\n[dim]{proto.purpose}[/]")
                for caveat in proto.caveats:
                    con.print(f"[dim]  - {caveat}[/]")
                con.print(f"  [bold]Check:[/] {proto.monitoring}")
                con.print()
                shown_protocol = b.protocol
            angle = f" at {d.num(b.joint_angle_deg)}°" if b.joint_angle_deg is not None else ""
            con.print(
                f"[bold]{i}. {ex.name if ex else b.exercise}[/]  [dim]({b.exercise})[/]"
                f"   evidence: {b.evidence}"
            )
            if ex is not None:
                con.print(f"   {ex.summary}")
            kind = ex.kind if ex is not None else "isometric"
            con.print(f"   {d.dose(b, kind)}{angle} · {d.intensity(b)} · {d.side(b)}")
            con.print(f"   Rest: {d.rest(b)}")
            found = block_notes(b, catalogue)
            if found.note:
                con.print(f"   Note: {found.note}")
            for line in found.safety:
                con.print(f"   [yellow]Safety:[/] {line}")
            con.print()
        if prog.microbreaks is not None:
            mb = prog.microbreaks
            names = ", ".join(
                catalogue.exercises[e].name if e in catalogue.exercises else e for e in mb.exercises
            )
            con.print(
                f"\n[bold]Desk micro-breaks[/]: a {d.num(mb.duration_s)}-second hold every "
                f"{d.num(mb.interval_min)} minutes, taking turns with: {names}."
            )
        if prog.tests:
            con.print("\n[bold]Tests to track progress[/]")
            for test_id, purpose in prog.tests:
                name = catalogue.tests[test_id].name if test_id in catalogue.tests else test_id
                con.print(f"  • {name}: {purpose}")
    con.print()
    _messages(con, plan.messages)


def render_review(result: Review, catalogue: Catalogue, *, footer: bool = True) -> None:
    con = console()
    if not result.decisions:
        con.print("No responses matched this plan's exercises: nothing to change.")
    style = {"progress": "green", "repeat": "cyan", "regress": "yellow", "stop": "bold red"}
    for dec in result.decisions:
        ex = catalogue.exercises.get(dec.exercise)
        name = ex.name if ex else dec.exercise
        con.print(f"[{style[dec.action]}]{dec.action.upper():8}[/] [bold]{name}[/]")
        con.print(f"         {dec.reason}")
        if dec.after is not None and dec.after != dec.before:
            now = catalogue.exercises.get(dec.after.exercise)
            dose = d.dose(dec.after, now.kind if now is not None else "isometric")
            con.print(f"         now: {dose}, {d.intensity(dec.after)}")
    if footer:
        con.print("\nSave the new plan with --format json to use it next week.")
