"""The command-line shell: options in, one core call, output and an exit code out.

Only typer and the standard library are imported at start-up; each command imports
what it needs when it runs, so `tuyengiao --version` and a one-file `check` stay quick.
Help text comes from the message catalogue of the language chosen with `--lang`
(or TUYENGIAO_LANG), read from the arguments before the app is built.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import sys
from typing import NoReturn

import typer

from tuyengiao import __version__
from tuyengiao.errors import TuyengiaoError
from tuyengiao.i18n import LANGS, Lang, Messages, messages

#: Command modules, each with `register(app, msg)`; the order is the order of `--help`.
COMMANDS = (
    "check", "status", "report", "remind", "tasks", "rules", "schema", "init", "new",
    "export", "import",
)  # fmt: skip
#: A command whose module is not named as it is (`import` is Python's keyword).
MODULES = {"import": "import_"}


def choose_lang(argv: list[str]) -> Lang:
    """The language of help and messages: `--lang X` in argv, else TUYENGIAO_LANG, else vi."""
    wanted = os.environ.get("TUYENGIAO_LANG", "vi")
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            wanted = argv[index + 1]
        elif arg.startswith("--lang="):
            wanted = arg.split("=", 1)[1]
    return wanted if wanted in LANGS else "vi"


def build_app(lang: Lang, only: str | None = None) -> typer.Typer:
    """The Typer app with help text in `lang`: every command, or only the one named.

    Typer reads every registered command's signature and options before it runs one
    (and ours call into the message catalogue for their help): registering only the
    command being run took the work of `check` on one plan after its imports from 20 ms
    to 11 ms. Its own `--help` and errors read the same; `tuyengiao --help` and
    completion build them all.
    """
    msg = messages(lang)
    from tuyengiao import clitext

    clitext.install(lang)
    app = typer.Typer(
        name="tuyengiao",
        help=msg("cli.app"),
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version_callback(value: bool) -> None:
        if value:
            typer.echo(f"tuyengiao {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        version: bool = typer.Option(
            False,
            "--version",
            "-V",
            help=msg("cli.version"),
            callback=version_callback,
            is_eager=True,
        ),
        lang: str = typer.Option("vi", "--lang", metavar="vi|en", help=msg("cli.opt.lang")),
    ) -> None:
        # Applied from the raw arguments before the app was built (`choose_lang`), so
        # `tuyengiao --lang en check` and `tuyengiao check --lang en` read the same.
        from tuyengiao.commands._options import check_lang

        check_lang(lang, msg)

    for name in (only,) if only in COMMANDS else COMMANDS:
        try:
            module = importlib.import_module(f"tuyengiao.commands.{MODULES.get(name, name)}")
        except ModuleNotFoundError as error:  # a command not built yet
            if error.name != f"tuyengiao.commands.{MODULES.get(name, name)}":
                raise
            continue
        module.register(app, msg)
    _add_examples(app, msg)
    return app


def _add_examples(app: typer.Typer, msg: Messages) -> None:
    """End each command's help with its examples (`cli.examples.<name>`, one per line).

    Click rewraps help paragraphs; one that starts with a `\\b` line is printed as is.
    """
    for info in app.registered_commands:
        example = msg.get(f"cli.examples.{info.name}")
        if info.help and example:
            lines = "\n".join(f"  {line}" for line in example.splitlines())
            info.help = f"{info.help}\n\n{msg('cli.examples.title')}\n\n\b\n{lines}"


def _command_of(args: list[str]) -> str | None:
    """The command `args` run (`check` in `tuyengiao check plans/`), if they name one."""
    values = {index + 1 for index, arg in enumerate(args) if arg == "--lang"}
    first = next(
        (arg for index, arg in enumerate(args) if not arg.startswith("-") and index not in values),
        None,
    )
    return first if first in COMMANDS else None


def _tolerate_narrow_output() -> None:
    """Let a stdout that cannot encode Vietnamese (a Windows `> out.txt` in cp1252) show
    `?` for what it cannot write, instead of failing halfway through the output."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> NoReturn:
    """The console script: run the app and exit with its code, never with a traceback."""
    args = sys.argv[1:] if argv is None else argv
    # At exit the interpreter's last collections walk every object still alive (typer's
    # app, the modules, the catalogues), where nothing is garbage: frozen, they are
    # skipped. `check` on one plan: 132 ms -> 103 ms, `--version` 54 ms -> 45 ms (wall,
    # medians of 15 and 21, against 51-58 ms for `python -c "import typer"`).
    # Registered first, it runs after every other exit handler (last-registered first).
    atexit.register(gc.freeze)
    _tolerate_narrow_output()
    if args in (["--version"], ["-V"]):
        # Answered before the app is built (every command's options and help, the
        # message catalogue), which `--version` does not need. Measured, CPU time:
        # 0.094 s → 0.077 s, against 0.071 s for `python -c "import typer"`.
        typer.echo(f"tuyengiao {__version__}")
        sys.exit(0)
    lang = choose_lang(args)
    command = None if os.environ.get("_TUYENGIAO_COMPLETE") else _command_of(args)
    # Reading plans allocates millions of short-lived objects (YAML nodes, values) that
    # reference counting frees; the cyclic collector, run every 700 allocations, finds
    # nothing among them. Running it every 50,000 took `check` on 1,000 generated plans
    # from 2.22 s to 2.06 s (as fast as with it off), at the same peak memory.
    gc.set_threshold(50_000, 20, 20)
    app = build_app(lang, command)
    try:
        app(args=args, prog_name="tuyengiao", standalone_mode=True)
    except TuyengiaoError as error:  # pragma: no cover - commands turn these into exits
        typer.echo(str(error), err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo(messages(lang)("cli.interrupted"), err=True)
        sys.exit(130)
    except Exception as error:  # the last line of defence: a bug, reported, not a traceback
        if os.environ.get("TUYENGIAO_DEBUG"):
            raise
        typer.echo(
            messages(lang)("cli.internal_error", error=f"{type(error).__name__}: {error}"), err=True
        )
        sys.exit(2)
    sys.exit(0)  # pragma: no cover - standalone mode always exits
