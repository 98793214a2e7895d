"""`isohold screen`: plain-language screening questions that write a profile file (contract 1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from isohold.domain.labels import (
    ASKED_WITH_CONDITIONS,
    ASKED_WITH_PREGNANCY,
    ASKS_TENDON_SITE,
    CONDITIONS,
    EQUIPMENT,
    FLAG_CATEGORY_CONDITIONS,
    FLAG_CATEGORY_TITLES,
    GOALS,
    IN_SEASON,
    IRRITABILITY,
    MEDICATIONS,
    ONE_SIDED,
    PREGNANCY,
    TENDON_SITES,
)
from isohold.domain.record_rules import SCORE


def screen(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to save the profile (JSON).")
    ] = Path("profile.json"),
    show_plan: Annotated[
        bool, typer.Option("--plan", help="Show the plan straight after the questions.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing profile file.")
    ] = False,
) -> None:
    """Answer plain-language questions; writes a profile you can pass to `isohold plan`."""
    from isohold.catalogue import load_catalogue
    from isohold.cli.files import check_output, write_output
    from isohold.cli.output import console
    from isohold.cli.prompts import Asker
    from isohold.domain.profile import parse_profile
    from isohold.domain.screening import screen as run_screen

    check_output(out, "--out")  # before the questions, not after them
    con = console()
    ask = Asker(con)
    catalogue = load_catalogue()
    if (
        out.exists()
        and not force
        and not ask.yes_no(f"{out} already exists. Replace it?", default=False)
    ):
        con.print("Nothing was changed. Use --out to choose another file.")
        raise typer.Exit(0)
    profile = parse_profile(ask_profile(ask, con, catalogue))
    result = run_screen(profile, catalogue)
    write_output(out, json.dumps(profile.to_dict(), indent=2) + "\n", "--out")
    if result.referral is not None:
        con.print(
            f"\n[bold red]Please see a clinician ({result.referral.urgency}).[/] "
            f"{result.referral.message}"
        )
    con.print(f"\nSaved your answers to [bold]{out}[/].")
    if show_plan:
        from isohold.cli.render_plan import render_plan
        from isohold.domain.prescription import prescribe

        con.print()
        render_plan(prescribe(profile, catalogue), catalogue)
    else:
        con.print(f"Next: [bold]isohold plan --profile {out}[/]")


def ask_profile(ask: Any, con: Any, catalogue: Any) -> dict[str, Any]:
    """The whole questionnaire: safety questions first, then about the person (contract 1)."""
    con.print(
        "[bold]isohold screening[/]\nThese questions check that exercise is safe for you to start "
        "on your own. They are not a diagnosis. Answer as best you can.\n"
    )
    answers: dict[str, Any] = {"red_flags": _red_flags(ask, con, catalogue)}
    answers.update(_about_you(ask, con))
    answers["red_flags"] += _condition_flags(ask, con, catalogue, answers["conditions"])
    answers.update(_health(ask, con, catalogue, answers["red_flags"]))
    return answers


def _red_flags(ask: Any, con: Any, catalogue: Any) -> list[str]:
    con.print("[bold]First, some safety questions.[/]")
    by_category: dict[str, list[Any]] = {}
    for flag in catalogue.red_flags.values():
        by_category.setdefault(flag.category, []).append(flag)
    later = (*ASKED_WITH_PREGNANCY, *ASKED_WITH_CONDITIONS)
    order = [c for c in FLAG_CATEGORY_TITLES if c in by_category and c not in later]
    order += [c for c in by_category if c not in FLAG_CATEGORY_TITLES]
    found: list[str] = []
    for category in order:
        flags = by_category[category]
        con.print(f"\n[bold]{FLAG_CATEGORY_TITLES.get(category, category.replace('_', ' '))}[/]")
        picked = ask.many(
            "Which of these apply to you now",
            [(f.code, f.question) for f in flags],
            empty_hint="Enter if none apply",
        )
        for flag in flags:
            if flag.code in picked and flag.urgency == "emergency":
                con.print(f"[bold red]  Important: {flag.action}[/]")
        found += picked
    if found:
        con.print(
            "\n[yellow]Thank you. Some of your answers need a clinician's check before exercise; "
            "we will say how soon at the end.[/]"
        )
    return found


def _condition_flags(ask: Any, con: Any, catalogue: Any, conditions: list[str]) -> list[str]:
    """The safety questions only some conditions need (a hot joint, a shoulder injury, a
    tendon that may have torn), asked once the conditions are known."""
    found: list[str] = []
    for category in ASKED_WITH_CONDITIONS:
        if not set(FLAG_CATEGORY_CONDITIONS[category]) & set(conditions):
            continue
        for flag in (f for f in catalogue.red_flags.values() if f.category == category):
            if ask.yes_no(flag.question, default=False):
                found.append(flag.code)
                con.print(f"[bold red]  Important: {flag.action}[/]")
    return found


def _about_you(ask: Any, con: Any) -> dict[str, Any]:
    con.print("\n[bold]About you[/]")
    out: dict[str, Any] = {"age": ask.number("Your age in years", 12, 110)}
    con.print("\nWhat brings you here?")
    conditions = ask.many("Choose all that apply", CONDITIONS, empty_hint="Enter for none")
    out["conditions"] = conditions or ["none"]
    if set(ONE_SIDED) & set(conditions):
        out["side"] = ask.one(
            "Which side is painful",
            [("left", "Left"), ("right", "Right"), ("both", "Both")],
        )
    if set(IN_SEASON) & set(conditions):
        out["in_season"] = ask.yes_no(
            "Are you still playing your sport this season?", default=False
        )
    if set(ASKS_TENDON_SITE) & set(conditions):
        out["tendon_site"] = ask.one("Where does your Achilles hurt most", TENDON_SITES)
    con.print("\nWhat would you like from exercise?")
    out["goals"] = ask.many("Choose all that apply", GOALS, empty_hint="Enter for none")
    con.print("\nHow easily is your pain stirred up?")
    out["irritability"] = ask.one("Choose one", IRRITABILITY, default="moderate")
    out["pain_now"] = ask.number(
        "Your pain right now, from 0 (none) to 10 (worst imaginable)", *SCORE
    )
    con.print("\nWhat equipment do you have?")
    gear = ask.many("Choose all that apply", EQUIPMENT, empty_hint="Enter for none")
    out["equipment"] = gear or ["none"]
    if "hypertension" in conditions or "blood_pressure" in out["goals"]:
        con.print("\n[bold]Blood pressure[/]")
        bp = ask.blood_pressure("Your resting blood pressure, seated after 5 minutes of rest")
        if bp is not None:
            out["resting_bp"] = bp
        out["bp_medicated"] = ask.yes_no("Do you take blood-pressure medicine?")
        out["bp_cleared"] = ask.yes_no(
            "Has a doctor or clinician cleared you for isometric (static) exercise?"
        )
    minutes = ask.number("Minutes you have per session", 1, 240, optional=True)
    if minutes is not None:
        out["minutes_per_session"] = minutes
    return out


def _health(ask: Any, con: Any, catalogue: Any, flags: list[str]) -> dict[str, Any]:
    """Pregnancy, medicines and how the problem began: they change what is safe (issue 10)."""
    con.print("\n[bold]A few more questions about your health[/]")
    out: dict[str, Any] = {}
    weeks_ago = ask.number("How many weeks have you had this problem", 0, 5200, optional=True)
    if weeks_ago is not None:
        out["onset_weeks"] = weeks_ago
    injury = ask.yes_no(
        "Did it start with an injury, such as a fall, knock or strain?", default=False
    )
    out["onset"] = "injury" if injury else "gradual"
    con.print("\nAre you pregnant, or have you had a baby in the past year?")
    out["pregnancy"] = ask.one("Choose one", PREGNANCY, default="no")
    if out["pregnancy"] != "no":
        what = "pregnant" if out["pregnancy"] == "pregnant" else "since the birth"
        weeks = ask.number(f"How many weeks {what}", 0, 42, optional=True)
        if weeks is not None:
            out["pregnancy_weeks"] = weeks
    if out["pregnancy"] == "pregnant":
        for flag in (f for f in catalogue.red_flags.values() if f.category in ASKED_WITH_PREGNANCY):
            if ask.yes_no(flag.question, default=False):
                flags.append(flag.code)
                con.print(f"[bold red]  Important: {flag.action}[/]")
    con.print("\nDo you take any of these medicines?")
    out["medications"] = ask.many("Choose all that apply", MEDICATIONS, empty_hint="Enter for none")
    soon = [f for f in flags if catalogue.red_flags[f].urgency != "emergency"]
    if soon and ask.yes_no(
        "Has a doctor or physiotherapist already examined you for these signs and said "
        "exercise is fine?",
        default=False,
    ):
        out["cleared_flags"] = soon
    return out
