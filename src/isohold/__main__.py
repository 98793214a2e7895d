"""`python -m isohold` runs the command line."""

from isohold.cli.entry import run

run()
