"""Where the report templates are: built in, and a workspace's override folder.

Apart from `tuyengiao.report.templates` and without Jinja: `report` finds the folders
before its worker processes start, and imports Jinja while they check the plans.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def builtin_templates() -> Traversable:
    """The built-in templates: installed with the package, or the checkout's `templates/`."""
    installed = resources.files("tuyengiao").joinpath("templates")
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "templates"


def workspace_templates(config_path: Path | None, cwd: Path) -> Path | None:
    """The workspace's override folder: `templates/` beside the config (or in `cwd`)."""
    folder = (config_path.parent if config_path is not None else cwd) / "templates"
    return folder if folder.is_dir() else None
