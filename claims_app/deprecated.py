"""Old command names kept working: a hidden alias that prints a one-line note, then runs the
new command with the same arguments, so scripts written for the old name do not break."""

from __future__ import annotations

from typing import Any

import click


def old_name(command: click.Command, old: str, new: str) -> click.Command:
    """A hidden command ``old`` taking ``command``'s arguments and options, noting ``new``."""

    @click.pass_context
    def run(ctx: click.Context, /, **kwargs: Any) -> Any:
        click.echo(f"note: `claims-app {old}` is now `claims-app {new}`; the old name will go.",
                   err=True)
        return ctx.invoke(command, **kwargs)

    return click.Command(old, params=list(command.params), callback=run, hidden=True,
                         help=f"Old name of `{new}`.")
