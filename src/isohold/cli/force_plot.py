"""A PNG of a recording with each trial's onset, RFD windows and plateau marked."""

from __future__ import annotations

from pathlib import Path

from isohold.force.analysis import Analysis
from isohold.force.signal import Recording


def draw(rec: Recording, result: Analysis, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.5), dpi=120)
    ax.plot(rec.t, rec.f, color="#1d4ed8", linewidth=1, label="force")
    for i, trial in enumerate(result.trials, 1):
        ax.axvline(trial.onset_s, color="#b91c1c", linestyle="--", linewidth=1,
                   label="onset" if i == 1 else None)  # fmt: skip
        ax.axvspan(trial.onset_s, trial.onset_s + 0.2, color="#fde68a", alpha=0.6,
                   label="RFD/impulse 0-200 ms" if i == 1 else None)  # fmt: skip
        ax.axvspan(trial.plateau_start_s, trial.plateau_end_s, color="#bbf7d0", alpha=0.5,
                   label="plateau" if i == 1 else None)  # fmt: skip
        ax.axhline(trial.baseline, color="#6b7280", linewidth=0.8)
        where = (trial.onset_s + trial.time_to_peak_s, trial.peak_force)
        ax.annotate(f"{i}: {trial.peak_force:.0f} N", where, textcoords="offset points",
                    xytext=(4, 4), fontsize=8)  # fmt: skip
    ax.set_xlabel("time (s)")
    ax.set_ylabel("force (N)")
    ax.set_title(f"{len(result.trials)} contraction(s), {result.sample_rate_hz:.0f} Hz")
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
