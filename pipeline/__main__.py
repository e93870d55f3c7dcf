"""`python -m pipeline` is the `presswatch` command."""

from pipeline.cli import cli

cli(prog_name="presswatch")
