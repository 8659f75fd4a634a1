"""Nothing outside the workspace is read without being asked (issue 24, item 5).

Links under the workspace that lead out of it (a plan, a `reports/` file, a `plans`
folder linking to `/`), and catalogue paths in the config that leave its folder, are
refused unread with a located finding; `--allow-outside` follows them. A config found
by searching stops at the repository's root and is refused when another user owns it.
The "secret" file stands for /etc/shadow: its lines must never reach any output.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_TODAY, Run
from tests.test_hostile import plan_of, workspace_with

SECRET = b"root:$6$secret-hash:20228:0:99999:7:::\nbin:x:1:\n"


def secret(tmp_path: Path) -> Path:
    """A file outside the workspace, shaped like /etc/shadow (lines ending in `:`)."""
    path = tmp_path / "outside" / "shadow"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SECRET)
    return path


def workspace(tmp_path: Path, config: str = "{}\n") -> Path:
    folder = workspace_with(tmp_path / "ws", {"plans/a.yaml": plan_of("cd-a")})
    (folder / ".git").mkdir()
    (folder / "tuyengiao.yaml").write_text(config, encoding="utf-8")
    return folder


def check(run: Run, folder: Path, *args: str) -> tuple[int, str, str]:
    outcome = run("check", *args, "--today", SAMPLE_TODAY, "--format", "json", cwd=folder)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def assert_secret_unseen(*texts: str) -> None:
    for text in texts:
        assert "secret-hash" not in text and "root:" not in text, text
        assert "Lỗi nội bộ" not in text and "Traceback" not in text, text


def rules_of(stdout: str) -> list[tuple[str, str, int | None]]:
    document = json.loads(stdout)
    return [(d["file"], d["rule"], d["line"]) for d in document["diagnostics"]]


@pytest.mark.parametrize("fmt", ["json", "github", "text"])
def test_a_plan_linking_out_is_refused_unread(run: Run, tmp_path: Path, fmt: str) -> None:
    folder = workspace(tmp_path)
    (folder / "plans" / "evil.yaml").symlink_to(secret(tmp_path))
    outcome = run("check", "--today", SAMPLE_TODAY, "--format", fmt, cwd=folder)
    assert outcome.exit_code == 2
    assert_secret_unseen(outcome.stdout, outcome.stderr)
    assert "evil.yaml" in outcome.stdout


def test_allow_outside_follows_the_link(run: Run, tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    outside = tmp_path / "outside" / "b.yaml"
    outside.parent.mkdir(parents=True)
    outside.write_bytes(plan_of("cd-b"))
    (folder / "plans" / "b.yaml").symlink_to(outside)
    code, stdout, _ = check(run, folder)
    assert code == 2
    assert ("plans/b.yaml", "unreadable", None) in rules_of(stdout)
    code, stdout, _ = check(run, folder, "--allow-outside")
    assert code in (0, 1)
    assert all(rule != "unreadable" for _, rule, _ in rules_of(stdout))


def test_a_link_inside_the_workspace_is_followed(run: Run, tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    (folder / "other").mkdir()
    (folder / "other" / "b.yaml").write_bytes(plan_of("cd-b"))
    (folder / "plans" / "b.yaml").symlink_to(folder / "other" / "b.yaml")
    code, stdout, _ = check(run, folder)
    assert code in (0, 1)
    assert all(rule != "unreadable" for _, rule, _ in rules_of(stdout))


def test_a_plans_folder_linking_to_root_is_not_walked(run: Run, tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    (folder / "plans" / "a.yaml").unlink()
    (folder / "plans").rmdir()
    (folder / "plans").symlink_to("/")
    code, stdout, stderr = check(run, folder)
    assert code == 2
    assert rules_of(stdout) == [("plans", "unreadable", None)]
    assert_secret_unseen(stdout, stderr)


def test_a_notes_file_linking_out_is_refused(run: Run, tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    (folder / "reports").mkdir()
    (folder / "reports" / "2022-Q2.yaml").symlink_to(secret(tmp_path))
    code, stdout, stderr = check(run, folder, ".")
    assert code == 2
    assert ("reports/2022-Q2.yaml", "unreadable", None) in rules_of(stdout)
    assert_secret_unseen(stdout, stderr)
    outcome = run("report", "-p", "2022-Q2", "--today", "2022-07-05", cwd=folder)
    assert outcome.exit_code == 2
    assert "reports/2022-Q2.yaml" in outcome.stderr
    assert_secret_unseen(outcome.stdout, outcome.stderr)


def test_a_reports_folder_linking_out_is_refused_by_report(run: Run, tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    outside = secret(tmp_path).parent
    (outside / "2022-Q2.yaml").write_bytes(b"situation: " + SECRET.splitlines()[0] + b"\n")
    (folder / "reports").symlink_to(outside)
    outcome = run("report", "-p", "2022-Q2", "--today", "2022-07-05", cwd=folder)
    assert outcome.exit_code == 2
    assert_secret_unseen(outcome.stdout, outcome.stderr)


@pytest.mark.parametrize("style", ["absolute", "relative", "link", "list"])
def test_a_catalogue_path_out_of_the_workspace_is_a_finding_at_its_line(
    run: Run, tmp_path: Path, style: str
) -> None:
    shadow = secret(tmp_path)
    if style == "absolute":
        config, line = f"guidance: {shadow}\n", 1
    elif style == "relative":
        config, line = "# catalogues\nguidance: ../outside/shadow\n", 2
    elif style == "link":
        config, line = "guidance: guidance/2023.yaml\n", 1
    else:
        config, line = f"guidance:\n  - '2022'\n  - {shadow}\n", 3
    folder = workspace(tmp_path, config)
    if style == "link":
        (folder / "guidance").mkdir()
        (folder / "guidance" / "2023.yaml").symlink_to(shadow)
    code, stdout, stderr = check(run, folder)
    assert code in (1, 2)
    assert ("tuyengiao.yaml", "unreadable", line) in rules_of(stdout)
    assert_secret_unseen(stdout, stderr)
    for command in (["status"], ["report", "-p", "2022-Q2"]):
        outcome = run(*command, "--today", "2022-07-05", cwd=folder)
        assert_secret_unseen(outcome.stdout, outcome.stderr)


def test_guidance_on_the_command_line_is_asked_for(run: Run, tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    shadow = secret(tmp_path)
    outcome = run("check", "--guidance", str(shadow), "--today", SAMPLE_TODAY, cwd=folder)
    # Named by the user on the command line: asked for, so read (and found invalid).
    assert outcome.exit_code == 1
    assert "unreadable" not in outcome.stdout


def test_config_search_stops_at_the_repository_root(run: Run, tmp_path: Path) -> None:
    (tmp_path / "tuyengiao.yaml").write_text("guidance: nowhere-to-be-found\n", "utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "plans").mkdir()
    (repo / "plans" / "a.yaml").write_bytes(plan_of("cd-a"))
    code, _, stderr = check(run, repo)
    assert code in (0, 1), stderr  # the parent's config (a missing catalogue) unused


def test_a_config_of_another_user_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = workspace(tmp_path)
    mine = (folder / "tuyengiao.yaml").stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: mine + 4242)
    if mine == 0:  # root's files are trusted as the system's: give the config an owner
        os.chown(folder / "tuyengiao.yaml", 4243, -1)
        monkeypatch.setattr(os, "geteuid", lambda: 0)
    code, _, stderr = check(run, folder)
    assert code == 2
    assert "tuyengiao.yaml" in stderr and "TUYENGIAO_SAFE_DIRECTORY=" in stderr
    allowed = run(
        "check",
        "--today",
        SAMPLE_TODAY,
        cwd=folder,
        env={"TUYENGIAO_SAFE_DIRECTORY": str(folder)},
    )
    assert allowed.exit_code in (0, 1), allowed.stderr
    # Named with --config, it is asked for.
    named = run("check", "--config", "tuyengiao.yaml", "--today", SAMPLE_TODAY, cwd=folder)
    assert named.exit_code in (0, 1), named.stderr


def test_a_config_linking_out_is_refused(run: Run, tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    (folder / "tuyengiao.yaml").unlink()
    (folder / "tuyengiao.yaml").symlink_to(secret(tmp_path))
    code, stdout, stderr = check(run, folder)
    assert code == 2
    assert "tuyengiao.yaml" in stderr
    assert_secret_unseen(stdout, stderr)
    code, stdout, stderr = check(run, folder, "--allow-outside")
    assert code == 1  # asked for: read, and its keys are unknown
