"""Benchmark: drift of the browser coach's phase changes over a real 60-second hold.

Loads the real timer module (static/js/timer.js) in headless Debian chromium on the live app,
runs get-ready 5 s, hold 60 s, rest 5 s on the performance.now() clock, and prints how late
each phase change fired against its absolute schedule. Target: < 20 ms. Prints figures only.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.servers import LiveServer

RUN = """
async () => {
  const { PhaseTimer } = await import("/static/js/timer.js");
  return await new Promise((resolve) => {
    const t = new PhaseTimer([5000, 60000, 5000], {
      onPhase: (i) => { if (i >= 3) resolve(t.log); },
    });
    t.start();
  });
}
"""


def main() -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        LiveServer(Path(tmp) / "t.db") as live,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.goto(live.url + "/exercises")
        log = page.evaluate(RUN)
        browser.close()
    late = [entry["actual"] - entry["scheduled"] for entry in log]
    names = ("get-ready -> hold", "hold (60 s) -> rest", "rest -> done")
    for name, ms in zip(names, late, strict=True):
        print(f"phase change {name}: {ms:.1f} ms after its scheduled time")
    print(f"worst drift over a real 60-s hold: {max(late):.1f} ms; target < 20 ms")


if __name__ == "__main__":
    main()
