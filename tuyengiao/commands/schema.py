"""`tuyengiao schema`: the JSON Schema of the plan file, for editors (YAML language server)."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `schema` command to `app`."""

    @app.command("schema", help=msg("schema.help"))
    def schema(
        output: Annotated[
            Path | None,
            opt.output_option(msg("schema.output"), msg),
        ] = None,
        force: Annotated[bool, opt.force_option(msg("schema.force"))] = False,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        from tuyengiao.commands.init import inputs_of, write_files
        from tuyengiao.scaffold import NewFile
        from tuyengiao.schema import plan_schema, render

        settings = opt.settings_for(
            [output.parent] if output else [],
            today=None,
            lang=lang,
            config=config,
            guidance=guidance,
            msg=msg,
        )
        # The catalogues the workspace names: a plan of each is valid in the editor.
        catalogues = settings.catalogues.in_use() or settings.catalogues.usable()
        text = render(plan_schema(catalogues, msg))
        if output is None:
            typer.echo(text, nl=False)
        else:
            # The schema carries the marker, so a later run replaces it without --force.
            write_files(
                [NewFile(output, text)],
                force=force,
                generated=True,
                msg=msg,
                inputs=inputs_of(settings),
            )
