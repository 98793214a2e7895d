"""A PNG of a recording with each trial's baseline window, onset, RFD windows and plateau."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from isohold.force.analysis import Analysis
from isohold.force.signal import Recording


def draw(rec: Recording, result: Analysis, path: Path | IO[bytes]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.5), dpi=120)
    ax.plot(rec.t, rec.f, color="#1d4ed8", linewidth=1, label="force")
    labelled: set[str] = set()

    def label(name: str) -> str | None:
        if name in labelled:
            return None
        labelled.add(name)
        return name

    for i, trial in enumerate(result.trials, 1):
        if trial.baseline_start_s is not None and trial.baseline_end_s is not None:
            ax.axvspan(trial.baseline_start_s, trial.baseline_end_s, color="#e5e7eb", alpha=0.8,
                       label=label("baseline window"))  # fmt: skip
        if trial.onset_s is not None:
            ax.axvline(trial.onset_s, color="#b91c1c", linestyle="--", linewidth=1,
                       label=label("onset"))  # fmt: skip
            ax.axvspan(trial.onset_s, trial.onset_s + 0.2, color="#fde68a", alpha=0.6,
                       label=label("RFD/impulse 0-200 ms"))  # fmt: skip
        ax.axvspan(trial.plateau_start_s, trial.plateau_end_s, color="#bbf7d0", alpha=0.5,
                   label=label("plateau"))  # fmt: skip
        ax.axhline(trial.baseline, color="#6b7280", linewidth=0.8)
        peak_s = trial.plateau_start_s  # a rep without onset: label it at its plateau
        if trial.onset_s is not None and trial.time_to_peak_s is not None:
            peak_s = trial.onset_s + trial.time_to_peak_s
        where = (peak_s, trial.peak_force)
        ax.annotate(f"{i}: {trial.peak_force:.0f} N", where, textcoords="offset points",
                    xytext=(4, 4), fontsize=8)  # fmt: skip
    ax.set_xlabel("time (s)")
    ax.set_ylabel("force (N)")
    ax.set_title(f"{len(result.trials)} contraction(s), {result.sample_rate_hz:.0f} Hz")
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)
