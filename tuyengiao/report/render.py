"""One report context out as Markdown, HTML (Jinja templates) or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateNotFound

from tuyengiao.errors import TuyengiaoError
from tuyengiao.i18n import Messages
from tuyengiao.report.budget import Budget, BudgetExceeded, bounded
from tuyengiao.report.model import ReportContext
from tuyengiao.report.templates import ENTRY, TemplateRefusedError, environment


class TemplateRenderError(TuyengiaoError):
    """A template that does not render (syntax, unknown name, sandbox refusal): exit 2."""


def render_report(
    context: ReportContext,
    fmt: str,
    msg: Messages,
    overrides: Sequence[Path] = (),
    budget: Budget | None = None,
) -> str:
    """The report in `fmt` (md, html or json); template problems raise TemplateRenderError."""
    if fmt == "json":
        return json.dumps(context.to_json(), ensure_ascii=False, indent=2) + "\n"
    return "".join(render_chunks(context, fmt, msg, overrides, budget))


#: Characters per chunk `render_chunks` yields.
CHUNK = 1 << 16


def render_chunks(
    context: ReportContext,
    fmt: str,
    msg: Messages,
    overrides: Sequence[Path] = (),
    budget: Budget | None = None,
) -> Iterator[str]:
    """The md or html report as it is rendered, in pieces of about CHUNK characters.

    `report -o` writes them as they come (`tuyengiao.output.write_text`): Jinja's
    `render` keeps every one of the template's small outputs until it joins them, which
    on 10,000 plans was 150 MB more at the peak than the report itself. Templates render
    under `budget` (`tuyengiao.report.budget`): past it, out of memory, or on any
    template problem, the iteration raises TemplateRenderError, and nothing is written.
    """
    env = environment(fmt, overrides, msg, budget)
    batch: list[str] = []
    size = 0
    try:
        with bounded(env.meter):
            template = env.get_template(ENTRY[fmt])
            for piece in env.meter.chunks(template.generate(report=context), CHUNK):
                batch.append(piece)
                size += len(piece)
                if size >= CHUNK:
                    yield "".join(batch)
                    batch.clear()
                    size = 0
    except BudgetExceeded as error:
        raise TemplateRenderError(over_budget(error, msg)) from None
    except MemoryError:
        raise TemplateRenderError(msg("safety.template.memory")) from None
    except TemplateRefusedError as error:
        raise TemplateRenderError(refusal(error, msg)) from None
    except (TemplateError, *_TEMPLATE_BUGS) as error:
        raise TemplateRenderError(_explain(error, msg)) from None
    yield "".join(batch)


def refusal(error: TemplateRefusedError, msg: Messages) -> str:
    """Why a template file was not read (outside its folder, not a regular file…)."""
    return msg(
        f"safety.template.refused.{error.kind}",
        name=error.name,
        folder=error.folder,
        target=error.target,
        limit=f"{error.limit / 1048576:g} MiB",
    )


def over_budget(error: BudgetExceeded, msg: Messages, name: str | None = None) -> str:
    """Which limit the template went past, and what the limit is.

    `name` is the template file when it has no lines of its own to point at (a Word
    template); a `.j2` template is named with the line it stopped at.
    """
    limit = error.limit
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    if isinstance(limit, int):
        limit = f"{limit:,}".replace(",", "." if msg.lang == "vi" else ",")
    detail = msg(f"safety.template.budget.{error.kind}", limit=limit)
    if name is not None:
        return msg("safety.template.over_budget_file", name=name, detail=detail)
    found, line = _position(error)
    shown = _shown(found) if found else "?"
    return msg("safety.template.over_budget", name=shown, line=line or "?", detail=detail)


# What a mistaken expression in a template raises (`{{ 1/0 }}`, `{{ x[99] }}`, a macro
# calling itself): the template's fault, so reported like a Jinja error, not as a crash.
_TEMPLATE_BUGS = (ArithmeticError, LookupError, TypeError, ValueError, RecursionError)


def _explain(error: Exception, msg: Messages) -> str:
    """A one-paragraph message: which template, which line, what went wrong, and a hint."""
    if isinstance(error, TemplateNotFound):
        return msg("report.template.not_found", name=error.name)
    if isinstance(error, TemplateError):
        detail = error.message or type(error).__name__
    else:
        detail = f"{type(error).__name__}: {error}"
    name, line = _position(error)
    shown = _shown(name) if name else "?"
    text = msg("report.template.failed", name=shown, line=line or "?", detail=detail)
    if isinstance(error, SecurityError):
        text += "\n" + msg("report.template.sandbox")
    return text


def _shown(filename: str) -> str:
    """A template's file as the user knows it: relative to the current folder when inside it."""
    path = Path(filename)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return filename


def _position(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line: from a syntax error, else from the deepest template frame."""
    if isinstance(error, TemplateSyntaxError):
        return error.filename or error.name, error.lineno
    found: tuple[str | None, int | None] = (None, None)
    trace: TracebackType | None = error.__traceback__
    while trace is not None:  # Jinja rewrites frames to the template's own file and line
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            # A BudgetExceeded is not rewritten: its frames run the compiled template, whose
            # lines the template maps back to its own.
            template = trace.tb_frame.f_globals.get("__jinja_template__")
            line = trace.tb_lineno
            if template is not None:
                line = template.get_corresponding_lineno(line)
            found = (filename, line)
        trace = trace.tb_next
    return found


def render_file(
    context: ReportContext, fmt: str, msg: Messages, overrides: Sequence[Path] = ()
) -> str | bytes:
    """The report as `report -o` writes it: text, or for `docx` the bytes of a Word file."""
    if fmt == "docx":
        from tuyengiao.report.docx import render_docx

        return render_docx(context, msg, overrides)
    return render_report(context, fmt, msg, overrides)
