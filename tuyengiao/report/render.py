"""One report context out as Markdown, HTML (Jinja templates) or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from jinja2 import TemplateError
from jinja2.exceptions import SecurityError, TemplateNotFound

from tuyengiao.errors import TuyengiaoError
from tuyengiao.i18n import Messages
from tuyengiao.report.budget import (
    CHUNK,
    Budget,
    BudgetExceeded,
    bounded,
    over_budget,
    position,
    shown_file,
)
from tuyengiao.report.figures import ReportContext
from tuyengiao.report.templates import ENTRY, TemplateRefusedError, environment, refusal


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
    try:
        with bounded(env.meter):
            template = env.get_template(ENTRY[fmt])
            yield from env.meter.chunks(template.generate(report=context), CHUNK)
    except BudgetExceeded as error:
        raise TemplateRenderError(over_budget(error, msg)) from None
    except MemoryError as error:  # named by its template, as a Word template is
        name, _ = position(error)
        if name is None:
            raise TemplateRenderError(msg("safety.template.memory")) from None
        text = msg("safety.template.memory_file", name=shown_file(name))
        raise TemplateRenderError(text) from None
    except TemplateRefusedError as error:
        raise TemplateRenderError(refusal(error, msg)) from None
    except (TemplateError, *_TEMPLATE_BUGS) as error:
        raise TemplateRenderError(_explain(error, msg)) from None


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
    name, line = position(error)
    shown = shown_file(name) if name else "?"
    text = msg("report.template.failed", name=shown, line=line or "?", detail=detail)
    if isinstance(error, SecurityError):
        text += "\n" + msg("report.template.sandbox")
    return text


def render_file(
    context: ReportContext, fmt: str, msg: Messages, overrides: Sequence[Path] = ()
) -> str | bytes:
    """The report as `report -o` writes it: text, or for `docx` the bytes of a Word file."""
    if fmt == "docx":
        from tuyengiao.report.docx import render_docx

        return render_docx(context, msg, overrides)
    if fmt == "xlsx":  # the annex tables, for the department's own Excel work
        from tuyengiao.excel.report import annex_workbook

        assert context.document is not None  # `build_context` always sets it
        return annex_workbook(context.document, context.dated)
    return render_report(context, fmt, msg, overrides)
