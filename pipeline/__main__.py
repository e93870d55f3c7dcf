"""`python -m presswatch` is the `presswatch` command."""

from presswatch.cli import cli

cli(prog_name="presswatch")
