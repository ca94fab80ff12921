"""CLI commands that live in their own modules; snaug/cli.py registers them on the `snaug` group."""
