"""Run a click group as a console script: an expected error is one line and exit status 2, never a traceback.

Both commands use it, ``snaug`` and ``trainer``. The trainer may import this module and ``snaug.io.schema``, and
nothing else of snaug, so it imports click and nothing of snaug.
"""
from __future__ import annotations

import os
import sys

import click


def stdout_closed() -> None:
    """The reader of stdout has gone (``snaug inspect DIR | head``): send the rest of the output nowhere, so the
    command still ends with its own exit status (inspect's verdict) and Python's exit flush does not fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def run_command(group: click.Group, expected: tuple[type[Exception], ...]) -> None:
    """Run ``group`` with the process's arguments; errors of the ``expected`` types, click's own, and OSError (disk
    full, permissions, a file system gone: the file and the reason) are one line on stderr."""
    try:
        status = group.main(standalone_mode=False)
        if isinstance(status, int) and status:
            sys.exit(status)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except expected as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: {f'{exc.filename}: ' if exc.filename else ''}{exc.strerror or exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
