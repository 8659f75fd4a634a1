"""Scaffolds: a new workspace, and a union's plan skeleton, from templates in `data/scaffold/`.

Rendering is pure (values in, text out). Writing checks every target first and writes
only when none is refused, so a refusal leaves nothing half-done; files go through
`tuyengiao.output`, atomically.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tuyengiao import __version__
from tuyengiao.dates import format_vi
from tuyengiao.output import RefusedError, check_target, write_texts
from tuyengiao.schema import FILE_NAME as SCHEMA_FILE
from tuyengiao.yamltext import comment, yaml_scalar

if TYPE_CHECKING:
    from jinja2 import Environment

    from tuyengiao.i18n import Messages
    from tuyengiao.models import Guidance, Task

#: Where users' pre-commit configs fetch the `tuyengiao-check` hook from.
HOOK_REPO = "https://github.com/tuyengiao/tuyengiao"
#: The day of the year an example activity is due when its task sets no deadline.
DEFAULT_DUE = (12, 15)


@dataclass(frozen=True, slots=True)
class NewFile:
    """A file a scaffold will write."""

    path: Path
    text: str


@dataclass(frozen=True, slots=True)
class Example:
    """The example activity of one task in a plan skeleton."""

    task: Task
    id: str
    title: str
    start: str
    due: str
    results: str


def workspace_files(
    root: Path,
    *,
    guidance: Guidance,
    schema_text: str,
    hook_repo: str = HOOK_REPO,
    hook_rev: str = f"v{__version__}",
) -> list[NewFile]:
    """The files of a new workspace in `root`: config, schema, pre-commit and CI configs."""
    env = _environment()
    values = {
        "guidance": guidance.id,
        "version": __version__,
        "hook_repo": hook_repo,
        "hook_rev": hook_rev,
    }

    def render(template: str) -> str:
        return env.get_template(template).render(values)

    return [
        NewFile(root / "tuyengiao.yaml", render("tuyengiao.yaml.j2")),
        NewFile(root / SCHEMA_FILE, schema_text),
        NewFile(root / ".pre-commit-config.yaml", render("pre-commit-config.yaml.j2")),
        NewFile(root / ".github" / "workflows" / "tuyengiao.yml", render("github-workflow.yml.j2")),
        NewFile(root / ".gitlab-ci.yml", render("gitlab-ci.yml.j2")),
    ]


def exported_catalogue(msg: Messages) -> str:
    """The latest built-in catalogue, as it ships, under a comment saying what to change."""
    from tuyengiao.guidance import BUILTIN_PREFIX, builtin_ids
    from tuyengiao.i18n import DATA

    latest = max(builtin_ids(), key=lambda id_: (len(id_), id_))
    text = (DATA / f"{BUILTIN_PREFIX}{latest}.yaml").read_bytes().decode("utf-8")
    return msg("editor.tasks.export_header", version=__version__) + text


#: What `init` adds to `.vscode/settings.json`: the plans are checked against the schema.
VSCODE_SCHEMAS = {f"./{SCHEMA_FILE}": ["plans/**/*.yaml"]}
#: And to `.vscode/extensions.json`: the YAML language server's extension.
VSCODE_EXTENSION = "redhat.vscode-yaml"


def vscode_settings(current: str | None) -> str | None:
    """`.vscode/settings.json` with the schema mapped to the plans, or None if it already is.

    Everything else in the file is kept; a file that is not a JSON object (VS Code also
    allows comments) raises ValueError, and is then left alone.
    """
    settings = _json_object(current)
    schemas = settings.setdefault("yaml.schemas", {})
    if not isinstance(schemas, dict):
        raise ValueError("yaml.schemas is not an object")
    if all(key in schemas for key in VSCODE_SCHEMAS):
        return None
    schemas.update({k: v for k, v in VSCODE_SCHEMAS.items() if k not in schemas})
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def vscode_extensions(current: str | None) -> str | None:
    """`.vscode/extensions.json` recommending the YAML extension, or None if it already does."""
    extensions = _json_object(current)
    recommended = extensions.setdefault("recommendations", [])
    if not isinstance(recommended, list):
        raise ValueError("recommendations is not a list")
    if VSCODE_EXTENSION in recommended:
        return None
    recommended.append(VSCODE_EXTENSION)
    return json.dumps(extensions, ensure_ascii=False, indent=2) + "\n"


#: The largest `.vscode` file `init` reads to merge into (VS Code's are a few KiB).
MAX_EDITOR_BYTES = 1024 * 1024
#: The deepest nesting `init` merges into (VS Code's settings nest three or four levels).
MAX_JSON_DEPTH = 64


class InexactJSONError(ValueError):
    """JSON that Python would not write back as it was: `kind` says why (a message key)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _json_object(text: str | None) -> dict[str, Any]:
    """The JSON object in `text`, read only if it can be written back exactly.

    `json.loads` takes `NaN`, `Infinity` and `1e999` (written back as `Infinity`, which
    VS Code refuses), keeps the last of two equal keys and drops the other, rounds
    `0.1000000000000000055` and recurses to a RecursionError on deep nesting: merged and
    written, each changed the user's file behind their back. Those raise
    InexactJSONError; text that is not JSON raises ValueError; either way the file is
    left alone.
    """
    if text is None or not text.strip():
        return {}
    try:
        value = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_float=_exact_float,
        )  # a JSONDecodeError is a ValueError
    except RecursionError:
        raise InexactJSONError("depth") from None
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    _check_depth(value)
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise InexactJSONError("duplicate")
    return found


def _no_constant(name: str) -> float:
    raise InexactJSONError("number")


def _exact_float(text: str) -> float:
    import decimal
    import math

    value = float(text)
    if not math.isfinite(value) or decimal.Decimal(repr(value)) != decimal.Decimal(text):
        raise InexactJSONError("number")
    return value


def _check_depth(value: object) -> None:
    level: list[object] = [value]
    for _ in range(MAX_JSON_DEPTH):
        level = [
            child
            for node in level
            if isinstance(node, (dict, list))
            for child in (node.values() if isinstance(node, dict) else node)
        ]
        if not level:
            return
    raise InexactJSONError("depth")


def plan_path(root: Path, union_id: str, year: int) -> Path:
    """Where a union's plan for `year` lives in a workspace: `plans/<year>/<union-id>.yaml`."""
    return root / "plans" / str(year) / f"{union_id}.yaml"


def plan_text(
    *,
    union_id: str,
    union_name: str,
    guidance: Guidance,
    schema_path: str,
    report_period: str | None = None,
) -> str:
    """A plan skeleton for `guidance` (its id, its year), one example activity per task,
    and an empty (draft) report entry for `report_period`; valid as written."""
    year = guidance.year
    return (
        _environment()
        .get_template("plan.yaml.j2")
        .render(
            {
                "schema_path": schema_path,
                "year": year,
                "guidance": guidance.id,
                "union_id": union_id,
                "union_name": union_name,
                "examples": [_example(task, year) for task in guidance.tasks],
                "report_period": report_period,
            }
        )
    )


def _example(task: Task, year: int) -> Example:
    # The task's own deadline where the guidance sets one in this year, so the example
    # never starts life as an after-deadline warning.
    if task.deadline is not None and task.deadline.year == year:
        due = task.deadline
    else:
        due = date(year, *DEFAULT_DUE)
    results = ", ".join(f"{metric}: 0" for metric in task.metrics)
    return Example(
        task=task,
        id=f"nhiem-vu-{task.number}",
        title=task.title,
        start=format_vi(date(year, 1, 1)),
        due=format_vi(due),
        results=f"{{{results}}}" if results else "",
    )


def schema_reference(plan: Path, root: Path) -> str:
    """The modeline's path from the plan's folder to the workspace's schema file."""
    target = (root / SCHEMA_FILE).resolve()
    return Path(os.path.relpath(target, plan.parent.resolve())).as_posix()


def refusals(
    files: Iterable[NewFile], *, force: bool, generated: bool, protected: Sequence[Path] = ()
) -> list[RefusedError]:
    """Every target that may not be written, found before anything is written."""
    found = []
    for new in files:
        try:
            check_target(new.path, force=force, protected=protected, generated=generated)
        except RefusedError as error:
            found.append(error)
    return found


def write_all(files: Sequence[NewFile], folders: Sequence[Path] = ()) -> None:
    """Write every file and make every folder, all or nothing; call `refusals` first."""
    write_texts([(new.path, new.text) for new in files], folders)


def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("tuyengiao.data", "scaffold"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # YAML, not HTML: values are quoted by the `yaml` filter
    )
    env.filters["yaml"] = lambda value: yaml_scalar(str(value))
    env.filters["comment"] = comment
    return env
