"""`python -m isohold` runs the command line."""

from isohold.cli.main import run

run()
