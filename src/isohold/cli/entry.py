"""The `isohold` console script: a repeated `isohold today` is answered from its last answer
while that still holds (cli/today_cache.py, standard library only); every other command, and
`today` whenever in doubt, runs the Typer app (cli/main.py)."""

from __future__ import annotations

import sys


def run() -> None:
    args = sys.argv[1:]
    if args[:1] == ["today"]:
        from isohold.cli import today_cache

        options = today_cache.parse(args[1:])
        answer = None if options is None else today_cache.lookup(*options)
        if answer is not None:
            sys.stdout.write(answer)
            sys.stdout.flush()
            return
    from isohold.cli.main import run as run_app

    run_app()
