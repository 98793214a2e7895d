"""Parse raw catalogue tables into the frozen domain models (field-level validation only)."""

from __future__ import annotations

import re
from dataclasses import replace

from isohold.catalogue.fields import Entry
from isohold.catalogue.figure_parse import figure
from isohold.catalogue.score_parse import scoring
from isohold.domain import vocabulary as v
from isohold.domain.models import (
    Assessment,
    Criterion,
    Dose,
    DoseLimits,
    EvidenceRow,
    Exercise,
    Intensity,
    MessageText,
    Microbreaks,
    Position,
    Protocol,
    ProtocolOption,
    RedFlag,
    Source,
    StageEntry,
)

_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_GEAR = tuple(e for e in v.EQUIPMENT if e != "none")


def _id(entry: Entry, name: str) -> str:
    value = entry.text(name)
    if not _ID.match(value):
        raise entry.error(name, f"{value!r} must be lower-case words joined by '-' or '_'")
    return value


def _equipment(entry: Entry, name: str = "equipment") -> tuple[frozenset[str], ...]:
    groups = []
    for item in entry.texts(name):
        options = frozenset(item.split("|"))
        for option in options:
            if option not in _GEAR:
                raise entry.error(name, f"has unknown item {option!r}; allowed: {', '.join(_GEAR)}")
        groups.append(options)
    return tuple(groups)


#: Hosts that copy other people's documents (translation proxies, slide and document-sharing
#: sites, user uploads): never a source a person is sent to (issue 10, finding 14).
_COPY_HOSTS = (
    "ilovetranslation.com",
    "slideshare.net",
    "slideplayer.com",
    "scribd.com",
    "vdocuments.us",
    "vdocuments.net",
    "zanotowane.pl",
    "studylib.net",
    "kipdf.com",
    "paperzz.com",
    "doczz.net",
    "fdokumen.com",
    "coek.info",
    "pdfhall.com",
    "manuzoid.com",
    "dorfenfashion.com",
    "petscareinf.com",
    "atlas.org",
    "tomesphere.com",
)
_PMID = re.compile(r"^[1-9][0-9]{0,8}$")


def _host(url: str) -> str:
    rest = url.split("://", 1)[1]
    return rest.split("/", 1)[0].split("?", 1)[0].lower().rstrip(".")


def _traits(entry: Entry) -> frozenset[str]:
    return frozenset(entry.choices("traits", v.TRAITS, min_len=0, required=False))


def source(entry: Entry) -> Source:
    doi = entry.opt_text("doi")
    pmid = entry.opt_text("pmid")
    url = entry.opt_text("url")
    kind = entry.choice("kind", v.SOURCE_KINDS, default="primary")
    if doi is None and pmid is None and url is None:
        raise entry.error("doi", "or 'pmid' or 'url' is needed: every source must be traceable")
    if doi is not None and not doi.startswith("10."):
        raise entry.error("doi", f"{doi!r} must be a bare DOI starting with '10.'")
    if pmid is not None and not _PMID.match(pmid):
        raise entry.error("pmid", f"{pmid!r} must be a PubMed id (digits only)")
    if url is not None:
        if not url.startswith(("https://", "http://")):
            raise entry.error("url", f"{url!r} must start with http:// or https://")
        host = _host(url)
        if any(host == h or host.endswith("." + h) for h in _COPY_HOSTS):
            raise entry.error(
                "url", f"{host} copies other people's documents; cite the original instead"
            )
    if kind == "primary" and doi is None and pmid is None:
        raise entry.error(
            "kind",
            "'primary' needs a 'doi' or 'pmid'; a page without one is 'secondary', "
            "'practitioner' or 'guideline'",
        )
    src = Source(id=entry.key, citation=entry.text("citation"), doi=doi, url=url, pmid=pmid,
                 kind=kind)  # fmt: skip
    entry.done()
    return src


def row(entry: Entry) -> EvidenceRow:
    entry.opt_text("note")
    r = EvidenceRow(
        id=entry.key,
        topic=entry.text("topic"),
        summary=entry.text("summary"),
        status=entry.choice("status", v.EVIDENCE),
        sources=entry.texts("sources"),
    )
    entry.done()
    return r


def exercise(entry: Entry) -> Exercise:
    kind = entry.choice("kind", v.EXERCISE_KINDS)
    positions = tuple(
        Position(name=p.text("name"), context=p.choice("context", v.CONTEXTS))
        for p in entry.tables("positions")
    )
    ex = Exercise(
        id=_id(entry, "id"),
        name=entry.text("name"),
        kind=kind,
        summary=entry.text("summary"),
        regions=entry.choices("regions", v.REGIONS),
        muscles=entry.texts("muscles", min_len=1),
        positions=positions,
        equipment=_equipment(entry),
        steps=entry.texts("steps", min_len=2),
        cues=entry.texts("cues", min_len=1),
        mistakes=entry.texts("mistakes", min_len=1),
        muscle_length=entry.choice("muscle_length", v.MUSCLE_LENGTHS),
        intents=entry.choices("intents", v.INTENTS),
        unilateral=entry.flag("unilateral"),
        joint_angle_deg=entry.opt_number("joint_angle_deg", hi=180),
        progressions=entry.texts("progressions", required=False),
        regressions=entry.texts("regressions", required=False),
        safety=entry.texts("safety", min_len=1),
        sources=entry.texts("sources", min_len=1),
        evidence=entry.choice("evidence", v.EVIDENCE),
        traits=_traits(entry),
    )
    ex = replace(ex, figure=figure(entry, ex.joint_angle_deg, ex.unilateral))
    entry.done()
    if kind == "isometric" and not any("breathe normally" in c.lower() for c in ex.cues):
        raise entry.error("cues", "must include a 'breathe normally' cue (no breath-holding)")
    if kind in v.MOVING and not any("never hold your breath" in c.lower() for c in ex.cues):
        raise entry.error("cues", "must include a 'never hold your breath' cue")
    return ex


def _intensity(entry: Entry) -> Intensity:
    table = entry.table("intensity")
    assert table is not None
    kind = table.choice("kind", v.INTENSITY_KINDS)
    if kind == "bodyweight":
        value = table.opt_number("value")
        if value is not None:
            raise table.error("value", "must be left out for bodyweight intensity")
    else:
        value = table.number("value", hi=10 if kind == "effort" else 100)
    table.done()
    return Intensity(kind=kind, value=value)


def _range(entry: Entry, name: str, start: float) -> tuple[float, float, float]:
    """Read `[min, max, step]`; a missing range pins the variable at its starting value."""
    raw = entry.raw.get(name)
    if raw is None:
        return start, start, 0.0
    if (
        not isinstance(raw, list)
        or len(raw) != 3
        or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in raw)
    ):
        raise entry.error(name, "must be [min, max, step]")
    lo, hi, step = (float(x) for x in raw)
    if not (lo <= start <= hi) or step < 0:
        raise entry.error(name, f"range [{lo}, {hi}] must hold the starting value {start}")
    return lo, hi, step


def option(entry: Entry) -> ProtocolOption:
    intensity = _intensity(entry)
    dose = Dose(
        sets=entry.integer("sets", lo=1, hi=20),
        reps=entry.integer("reps", lo=1, hi=50),
        hold_s=entry.number("hold_s", lo=1, hi=1800),
        rest_between_reps_s=entry.number("rest_between_reps_s", hi=600),
        rest_s=entry.number("rest_s", hi=900),
        intensity=intensity,
        intent=entry.choice("intent", v.INTENTS),
        side=entry.choice("side", v.BLOCK_SIDES),
        joint_angle_deg=entry.opt_number("joint_angle_deg", hi=180),
    )
    limits_entry = entry.table("limits", required=False) or Entry(entry.where, entry.key, {})
    hold = _range(limits_entry, "hold_s", dose.hold_s)
    reps = _range(limits_entry, "reps", dose.reps)
    value = intensity.value
    if intensity.kind == "bodyweight":
        if "intensity" in limits_entry.raw:
            raise limits_entry.error("intensity", "cannot be set for bodyweight intensity")
        ints: tuple[float | None, float | None, float] = (None, None, 0.0)
    else:
        assert value is not None
        ints = _range(limits_entry, "intensity", value)
    for name in limits_entry.raw:
        if name not in ("hold_s", "reps", "intensity"):
            raise limits_entry.error(name, "is not a known field")
    limits = DoseLimits(
        hold_s_min=hold[0],
        hold_s_max=hold[1],
        hold_s_step=hold[2],
        reps_min=int(reps[0]),
        reps_max=int(reps[1]),
        reps_step=int(reps[2]),
        intensity_min=ints[0],
        intensity_max=ints[1],
        intensity_step=ints[2],
    )
    opt = ProtocolOption(
        slot=_id(entry, "slot"),
        exercise=entry.text("exercise"),
        dose=dose,
        limits=limits,
        rows=entry.texts("rows", min_len=1),
        sources=entry.texts("sources", min_len=1),
        evidence=entry.choice("evidence", v.EVIDENCE),
        note=entry.text("note", required=False),
        fallback_intensity=entry.opt_number("fallback_intensity", hi=100),
    )
    entry.done()
    fallback = opt.fallback_intensity
    if fallback is not None and not (
        limits.intensity_min is not None
        and limits.intensity_min <= fallback <= (limits.intensity_max or 0)
    ):
        raise entry.error("fallback_intensity", "must lie within the intensity limits")
    return opt


def protocol(entry: Entry) -> Protocol:
    mb_entry = entry.table("microbreaks", required=False)
    microbreaks = None
    if mb_entry is not None:
        microbreaks = Microbreaks(
            interval_min=mb_entry.number("interval_min", lo=1, hi=480),
            duration_s=mb_entry.number("duration_s", lo=5, hi=3600),
            exercises=mb_entry.texts("exercises", min_len=1),
        )
        mb_entry.done()
    proto = Protocol(
        id=_id(entry, "id"),
        name=entry.text("name"),
        family=_id(entry, "family"),
        purpose=entry.text("purpose"),
        conditions=entry.choices("conditions", v.CONDITIONS, min_len=0),
        goals=entry.choices("goals", v.GOALS, min_len=0),
        sessions_per_week=entry.integer("sessions_per_week", lo=1, hi=14),
        max_sessions_per_week=entry.opt_integer("max_sessions_per_week", lo=1, hi=14),
        weeks=entry.integer("weeks", lo=1, hi=104),
        options=tuple(option(o) for o in entry.tables("option")),
        tests=entry.texts("tests", required=False),
        caveats=entry.texts("caveats", required=False),
        monitoring=entry.text("monitoring"),
        sources=entry.texts("sources", min_len=1),
        rows=entry.texts("rows", min_len=1),
        evidence=entry.choice("evidence", v.EVIDENCE),
        blood_pressure=entry.flag("blood_pressure"),
        affected_side=entry.flag("affected_side"),
        irritability=(
            entry.choices("irritability", v.IRRITABILITY)
            if "irritability" in entry.raw
            else v.IRRITABILITY
        ),
        preference=entry.integer("preference", lo=1, hi=99, default=1),
        core=entry.flag("core", default=True),
        goal_alone=entry.flag("goal_alone"),
        microbreaks=microbreaks,
        stage=entry.choice("stage", ("", *v.STAGES), default=""),
        next_stage=entry.opt_text("next_stage"),
        entry=_stage_entry(entry),
        clinician=entry.text("clinician", required=False),
    )
    entry.done()
    if (proto.next_stage or proto.entry) and not proto.stage:
        raise entry.error("stage", "is needed with 'next_stage' or '[entry]'")
    return proto


def _stage_entry(entry: Entry) -> StageEntry | None:
    """`[entry]`: what moving into this stage needs (see StageEntry)."""
    table = entry.table("entry", required=False)
    if table is None:
        return None
    tests = []
    for t in table.tables("tests", min_len=0):
        criterion = Criterion(
            test=t.text("test"),
            at_least=t.opt_number("at_least", hi=1000),
            at_most=t.opt_number("at_most", hi=1000),
            symmetry_pct=t.opt_number("symmetry_pct", lo=1, hi=100),
        )
        t.done()
        bounds = (criterion.at_least, criterion.at_most, criterion.symmetry_pct)
        if sum(b is not None for b in bounds) != 1:
            raise t.error("at_least", "or 'at_most' or 'symmetry_pct': exactly one is needed")
        tests.append(criterion)
    found = StageEntry(
        max_pain_during=table.integer("max_pain_during", lo=0, hi=10),
        text=table.text("text"),
        rows=table.texts("rows", min_len=1),
        tests=tuple(tests),
    )
    table.done()
    return found


def assessment(entry: Entry) -> Assessment:
    test = Assessment(
        id=_id(entry, "id"),
        name=entry.text("name"),
        purpose=entry.text("purpose"),
        procedure=entry.texts("procedure", min_len=1),
        interpretation=entry.texts("interpretation", min_len=1),
        equipment=_equipment(entry),
        licence=entry.text("licence"),
        rows=entry.texts("rows", min_len=1),
        sources=entry.texts("sources", min_len=1),
        evidence=entry.choice("evidence", v.EVIDENCE),
        traits=_traits(entry),
        scoring=scoring(entry),
    )
    entry.done()
    return test


def red_flag(entry: Entry) -> RedFlag:
    flag = RedFlag(
        code=_id(entry, "code"),
        question=entry.text("question"),
        meaning=entry.text("meaning"),
        category=entry.text("category"),
        urgency=entry.choice("urgency", v.URGENCIES),
        action=entry.text("action"),
        rows=entry.texts("rows", min_len=1),
        sources=entry.texts("sources", min_len=1),
        evidence=entry.choice("evidence", v.EVIDENCE),
    )
    entry.done()
    return flag


def message(entry: Entry) -> MessageText:
    msg = MessageText(
        code=entry.key,
        level=entry.choice("level", v.MESSAGE_LEVELS),
        text=entry.text("text"),
        rows=entry.texts("rows", required=False),
    )
    entry.done()
    return msg
