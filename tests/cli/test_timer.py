"""The coach's timer: phases end at absolute times (fake clock), and one real short hold."""

from __future__ import annotations

import time

import pytest

from isohold.cli.coach.timer import PhaseTimer
from isohold.domain.plan import Block
from isohold.domain.schedule import GET_READY_S, phases, total_s


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_phases_end_at_absolute_times() -> None:
    clock = Clock()
    timer = PhaseTimer([5, 10, 3], clock=clock)
    timer.start()
    assert [timer.end_of(i) for i in range(3)] == [105, 115, 118]
    clock.t = 104.9
    assert timer.index() == 0 and timer.remaining_s(0) == pytest.approx(0.1)
    clock.t = 117.0  # a late wake-up does not push later phases back
    assert timer.index() == 2 and timer.end_of(2) == 118
    clock.t = 118.0
    assert timer.done()


def test_pause_shifts_the_rest_and_skip_ends_the_phase_now() -> None:
    clock = Clock()
    timer = PhaseTimer([10, 10], clock=clock)
    timer.start()
    clock.t = 103
    timer.pause()
    clock.t = 150
    assert timer.index() == 0 and timer.remaining_s(0) == pytest.approx(7)
    timer.resume()
    assert timer.end_of(0) == pytest.approx(157) and timer.end_of(1) == pytest.approx(167)
    clock.t = 152
    timer.skip()
    assert timer.index() == 1 and timer.end_of(1) == pytest.approx(162)
    assert timer.elapsed_s(0) == pytest.approx(52)  # includes the pause


def test_scale_shortens_for_tests() -> None:
    clock = Clock()
    timer = PhaseTimer([10], clock=clock, scale=0.01)
    timer.start()
    assert timer.end_of(0) == pytest.approx(100.1)
    clock.t = 100.05
    assert timer.remaining_s(0) == pytest.approx(5)


def test_one_real_short_hold_ends_at_its_end_not_before() -> None:
    """On the real clock the hold is done only once its end has come (how late a busy machine
    wakes the loop is measured in bench/timer.py, not asserted here)."""
    timer = PhaseTimer([0.3])
    timer.start()
    target = timer.end_of(0)
    while not timer.done():
        assert time.monotonic() < target + 60  # a hang, not a speed target
        time.sleep(min(0.05, max(0.0, timer.end_of(0) - time.monotonic())))
    assert time.monotonic() >= target


def _block(side: str = "each", sets: int = 2, reps: int = 3) -> Block:
    return Block(
        exercise="side-plank", protocol="spinal-stability", sets=sets, reps=reps, hold_s=10,
        rest_between_reps_s=5, rest_s=30, side=side, intensity_kind="bodyweight",
        intensity_value=None, intent="sustained", joint_angle_deg=None, muscle_length="mid",
        sources=("x",), evidence="secondary",
    )  # fmt: skip


def test_schedule_order_and_set_ends() -> None:
    seq = phases(_block())
    kinds = [(p.kind, p.set_number, p.side) for p in seq]
    assert kinds[:7] == [
        ("ready", 1, "left"), ("hold", 1, "left"), ("rest", 1, "left"), ("hold", 1, "left"),
        ("rest", 1, "left"), ("hold", 1, "left"), ("ready", 1, "right"),
    ]  # fmt: skip
    ends = [(p.set_number, p.side) for p in seq if p.ends_set]
    assert ends == [(1, "left"), (1, "right"), (2, "left"), (2, "right")]
    holds = sum(1 for p in seq if p.kind == "hold")
    assert holds == 2 * 2 * 3
    assert total_s(_block()) == 4 * GET_READY_S + 12 * 10 + 8 * 5 + 30
