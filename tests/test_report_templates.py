"""Finding the templates: built in (checkout or installed, even zipped), or the workspace's."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from jinja2 import Environment
from jinja2.exceptions import TemplateNotFound

import tuyengiao
from tests.conftest import PLANS, REPO, SAMPLE_TODAY, Run
from tuyengiao.report.folders import builtin_templates, workspace_templates
from tuyengiao.report.templates import ENTRY, ResourceLoader


def test_builtin_templates_installed_or_from_the_checkout() -> None:
    root = builtin_templates()
    installed = Path(tuyengiao.__file__).parent / "templates"
    assert root == (installed if installed.is_dir() else REPO / "templates")
    for name in ENTRY.values():
        assert root.joinpath(name).is_file()


def test_resource_loader_reads_from_a_zip(tmp_path: Path) -> None:
    """An installed package may live in a zip: templates are read through importlib's API."""
    archive = tmp_path / "pkg.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("tuyengiao/templates/report.md.j2", "{% include 'partials/x.j2' %}!")
        bundle.writestr("tuyengiao/templates/partials/x.j2", "Xin chào")
    with zipfile.ZipFile(archive) as bundle:
        root = zipfile.Path(bundle, "tuyengiao/templates/")
        env = Environment(loader=ResourceLoader(root), autoescape=False)
        assert env.get_template("report.md.j2").render() == "Xin chào!"
        with pytest.raises(TemplateNotFound):
            env.get_template("missing.j2")


@pytest.mark.parametrize("name", ["../pyproject.toml", "partials/../../README.md"])
def test_resource_loader_stays_inside_its_folder(name: str) -> None:
    env = Environment(loader=ResourceLoader(builtin_templates()))
    with pytest.raises(TemplateNotFound):
        env.get_template(name)


def test_workspace_templates_are_beside_the_config(tmp_path: Path) -> None:
    (tmp_path / "plans" / "templates").mkdir(parents=True)
    config = tmp_path / "plans" / "tuyengiao.yaml"
    assert workspace_templates(config, tmp_path) == tmp_path / "plans" / "templates"
    assert workspace_templates(None, tmp_path) is None  # no config: ./templates, absent here
    (tmp_path / "templates").mkdir()
    assert workspace_templates(None, tmp_path) == tmp_path / "templates"


def test_templates_option_replaces_the_workspace_folder(run: Run, workspace: Path) -> None:
    shutil.copytree(PLANS, workspace / "plans")
    own = workspace / "plans" / "templates"
    own.mkdir()
    (own / "report.md.j2").write_text("của không gian làm việc\n", encoding="utf-8")
    other = workspace / "khac"
    other.mkdir()
    (other / "report.md.j2").write_text("{{ report.period.label }} từ --templates\n", "utf-8")
    args = ("report", "--today", SAMPLE_TODAY, "--period", "2022-Q2")
    assert run(*args, cwd=workspace).stdout == "của không gian làm việc\n"
    assert run(*args, "--templates", "khac", cwd=workspace).stdout == (
        "Quý II năm 2022 từ --templates\n"
    )


def test_never_writes_over_the_catalogue_or_a_builtin_template(run: Run, workspace: Path) -> None:
    shutil.copytree(PLANS, workspace / "plans")
    catalogue = workspace / "huong-dan.yaml"
    shutil.copyfile(REPO / "tuyengiao" / "data" / "guidance-2022.yaml", catalogue)
    before = catalogue.read_bytes()
    args = ("report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--force")
    outcome = run(*args, "--guidance", "huong-dan.yaml", "-o", "huong-dan.yaml", cwd=workspace)
    assert outcome.exit_code == 2
    assert catalogue.read_bytes() == before
    builtin = REPO / "templates" / "report.md.j2"
    original = builtin.read_bytes()
    try:
        outcome = run(*args, "-o", str(builtin), cwd=workspace)
        assert outcome.exit_code == 2
    finally:  # never leave the repository's template damaged, whatever happened
        if builtin.read_bytes() != original:
            builtin.write_bytes(original)
    assert builtin.read_bytes() == original


def test_attributes_allowed_by_name_are_what_the_sandbox_allows() -> None:
    """ReportSandbox's short way for its data and for `loop` answers as Jinja's sandbox."""
    from jinja2 import StrictUndefined, Undefined
    from jinja2.runtime import LoopContext
    from jinja2.sandbox import SandboxedEnvironment

    from tuyengiao.report.budget import Meter, default_budget
    from tuyengiao.report.document import Block
    from tuyengiao.report.templates import NAME_ONLY, ReportSandbox

    ours = ReportSandbox(meter=Meter(default_budget()), undefined=StrictUndefined)
    theirs = SandboxedEnvironment(undefined=StrictUndefined)
    loop = LoopContext(iter(["a", "b", "c"]), StrictUndefined)
    next(iter(loop))  # a loop on its first item, as templates see it
    assert {Block, LoopContext} <= NAME_ONLY
    for obj in (loop, Block("text", "Đoạn văn", lead="Công đoàn:")):
        names = [*dir(obj), "missing", "_private", "__class__", "__init__"]
        for name in names:
            got, expected = ours.getattr(obj, name), theirs.getattr(obj, name)
            if isinstance(expected, Undefined):
                assert isinstance(got, Undefined), name
            else:
                assert got == expected, name


def test_a_template_changed_on_disk_is_compiled_again(tmp_path: Path) -> None:
    """Compiled templates are kept for the process by name, file and text: a changed
    file is compiled anew, never served from what was compiled before."""
    from tuyengiao.i18n import messages
    from tuyengiao.report.templates import COMPILED, environment, from_text

    (tmp_path / "report.md.j2").write_text("một {{ 1 + 1 }}", encoding="utf-8")
    first = environment("md", [tmp_path], messages("vi")).get_template("report.md.j2")
    assert first.render() == "một 2"
    (tmp_path / "report.md.j2").write_text("hai {{ 2 + 2 }}", encoding="utf-8")
    again = environment("md", [tmp_path], messages("vi")).get_template("report.md.j2")
    assert again.render() == "hai 4"
    html = environment("html", (), messages("vi"))
    assert from_text(html, "<b>{{ x }}</b>").render(x="<i>") == "<b>&lt;i&gt;</b>"
    assert from_text(html, "<b>{{ x }}</b>").render(x="&") == "<b>&amp;</b>"
    assert "<b>{{ x }}</b>" in COMPILED["html"].texts
