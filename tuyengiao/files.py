"""Finding plan files and the workspace config on disk, and reading them safely."""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import re
import stat
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Larger files are refused unread: a plan is a few kilobytes, and a national
#: workspace's biggest legitimate file (a 100,000-activity export) is under 20 MiB.
MAX_FILE_BYTES = 32 * 1024 * 1024


CONFIG_NAMES = ("tuyengiao.yaml", "tuyengiao.yml")
#: A plan filled in Excel (`.xlsx`) is a plan too: read by `tuyengiao.excel`.
PLAN_SUFFIXES = (".yaml", ".yml", ".xlsx")
#: Files an office keeps beside plans, named like a union (`cd-x.docx`): named, not read.
OFFICE_SUFFIXES = (".docx", ".doc", ".xls", ".odt", ".ods", ".txt", ".pdf")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Files that live beside plans in a workspace but are not plans.
NOT_PLANS = frozenset({*CONFIG_NAMES, ".pre-commit-config.yaml", ".pre-commit-hooks.yaml"})


@dataclass(frozen=True, slots=True)
class Found:
    """The plan files under the given paths, and the paths that do not exist.

    `unread` are the files of the walked folders that look like plans under another
    extension (`cd-x.yaml.txt`, `cd-x.YAML`, `cd-x.docx`): not read, but named, so a
    union is never "missing" because Notepad hid an extension.
    """

    files: list[Path]
    missing: list[Path]
    unread: list[Path] = field(default_factory=list)


def display(path: Path) -> str:
    """How a path is shown in findings: as given (relative stays relative), `/`-separated.

    A name that is not UTF-8 (a file from an old Windows zip) shows its bad bytes as
    U+FFFD, as `ls` shows `?`: printed as they are, they would break UTF-8 output.
    """
    text = path.as_posix()
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def find_plans(
    paths: Sequence[Path],
    exclude: Iterable[str] = (),
    base: Path | None = None,
    root: Path | None = None,
    *,
    skip: Collection[str] = (),
) -> Found:
    """Every `*.yaml`/`*.yml` under `paths`, sorted, each once; folders are walked recursively.

    Hidden folders and config files are skipped; symbolic links to folders are not
    followed (a link loop cannot hang the walk), and a file reached twice (a link to a
    plan beside it) is read once; a folder the walk cannot open is returned itself, so
    that reading it reports it. A file named on the command line is taken whatever
    its name, except the workspace config. `exclude` patterns match the path relative
    to `base` (the config's folder), the path as given, or the file name; they apply to
    named files too, because pre-commit names every file it passes. A folder that is a
    link out of `root` (`plans` → `/`) is not walked: it is returned itself, and
    reading it refuses it (`escapes`). A file whose real path is in `skip` (a catalogue
    the workspace names) is no plan.
    """
    excluded = Excluder(exclude, base)
    real = RealPaths()
    files: dict[str, Path] = {}
    missing: list[Path] = []
    unread: dict[str, Path] = {}
    for path in paths:
        if root is not None and escapes(path, root):
            candidates = [path]
        elif path.is_dir():
            others: list[Path] = []
            candidates = list(_walk(path, others))
            for other in others:
                if not excluded(other):
                    unread.setdefault(real(other), other)
        elif path.exists() or path.is_symlink():
            candidates = [] if path.name in CONFIG_NAMES else [path]
        else:
            missing.append(path)
            continue
        for found in candidates:
            if not excluded(found):
                files.setdefault(real(found), found)
    kept = [path for key, path in files.items() if key not in skip] if skip else files.values()
    return Found(_sorted(kept), missing, _sorted(unread.values()))


class RealPaths:
    """`os.path.realpath` of files, each folder resolved once (`find_plans`, and
    `config.Settings.is_notes` for the notes folder).

    A file that is no link is where its folder really is: its real path is the folder's
    and its name. Resolved file by file (a `lstat` of every part of the path), 1,000
    plans took 13 ms; this way, one `lstat` each.
    """

    __slots__ = ("_folders",)

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: Path) -> str:
        folder, name = os.path.split(path)
        if name in ("", os.curdir, os.pardir) or path.is_symlink():
            return os.path.realpath(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder or os.curdir)
        return f"{real.rstrip(os.sep)}{os.sep}{name}"


def _sorted(paths: Iterable[Path]) -> list[Path]:
    return sorted(paths, key=lambda p: p.as_posix())


def plan_like(name: str) -> str | None:
    """The plan file name `name` stands for, when it looks like a plan under another extension.

    `cd-x.yaml.txt` → `cd-x.yaml` (Notepad with hidden extensions), `cd-x.YAML` →
    `cd-x.yaml`, `cd-x.yml.bak` → `cd-x.yml`, `cd-x.docx` → `cd-x.yaml` (a union's
    plan kept in Word or Excel); None for a plan (`*.yaml`, `*.yml`) and anything else.
    """
    if name.startswith(".") or name.endswith(PLAN_SUFFIXES):
        return None
    lowered = name.lower()
    for suffix in PLAN_SUFFIXES:
        if lowered.endswith(suffix):  # `.YAML`, `.Yml`
            return name[: -len(suffix)] + suffix
        at = lowered.find(suffix + ".")
        if at > 0:  # `.yaml.txt`, `.yml.bak`
            return name[:at] + suffix
    stem, dot, suffix = name.partition(".")
    if dot and "." + suffix.lower() in OFFICE_SUFFIXES and _SLUG.fullmatch(stem):
        return stem + ".yaml"
    return None


def _walk(root: Path, others: list[Path] | None = None) -> Iterable[Path]:
    # A folder the walk cannot open is yielded itself: reading it then reports it as
    # unreadable, where its plans would otherwise go unchecked without a word.
    unopened: list[OSError] = []
    for folder, dirs, names in os.walk(root, onerror=unopened.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            # `~$ke-hoach.xlsx` is the lock file Excel keeps beside a workbook it has open.
            if (
                name.endswith(PLAN_SUFFIXES)
                and name not in NOT_PLANS
                and not name.startswith((".", "~$"))
            ):
                yield Path(folder, name)
            elif others is not None and plan_like(name) is not None:
                others.append(Path(folder, name))
    yield from (Path(error.filename) for error in unopened if error.filename)


class Excluder:
    """The config's `exclude` patterns, compiled once into one matcher.

    Matched file by pattern, 20,000 plans and 10,000 patterns took 255 s. Patterns are
    grouped by their literal start (`archive/2021/` of `archive/2021/*`), each group
    one regular expression; a name is tried only against the groups whose start it
    begins with, so the work per file no longer grows with the number of patterns.
    Each pattern means what `fnmatch.fnmatch` makes of it.
    """

    __slots__ = ("_base", "_groups", "_lengths")

    def __init__(self, patterns: Iterable[str], base: Path | None = None) -> None:
        groups: dict[str, list[str]] = {}
        for pattern in dict.fromkeys(os.path.normcase(p) for p in patterns):
            wild = [at for at in map(pattern.find, "*?[") if at >= 0]
            groups.setdefault(pattern[: min(wild, default=len(pattern))], []).append(pattern)
        self._groups = {
            start: re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in members))
            for start, members in groups.items()
        }
        self._lengths = sorted({len(start) for start in groups})
        self._base = base.resolve() if base is not None and groups else None

    def matches(self, name: str) -> bool:
        """Whether some pattern matches `name` (as `fnmatch.fnmatch` would)."""
        name = os.path.normcase(name)
        for length in self._lengths:
            if length > len(name):
                break
            found = self._groups.get(name[:length])
            if found is not None and found.match(name):
                return True
        return False

    def __call__(self, path: Path) -> bool:
        """Whether `path` is excluded: as given, its name, or relative to the base."""
        if not self._groups:
            return False
        if self.matches(path.as_posix()) or self.matches(path.name):
            return True
        if self._base is not None:
            with contextlib.suppress(ValueError):  # outside the workspace: the other forms
                return self.matches(path.resolve().relative_to(self._base).as_posix())
        return False


def inside(path: Path | str, root: Path | str) -> bool:
    """Whether `path`, every link followed, is `root` (links followed too) or under it."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def escapes(path: Path, root: Path) -> bool:
    """Whether `path` is a link that leads out of `root` (the workspace's folder).

    Only links count: a path the user typed is asked for, wherever it is; a link
    under `plans/` to `/etc/shadow`, or a `plans` folder that links to `/`, is not.
    """
    return path.is_symlink() and not inside(path, root)


def _upwards(start: Path) -> Iterable[Path]:
    """`start` and its parents, up to the repository's root (the folder with `.git`).

    A config above the repository (in `/tmp`, in a shared home) belongs to no one's
    workspace: the walk stops where git's does.
    """
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        yield candidate
        if (candidate / ".git").exists():
            return


def find_config(paths: Sequence[Path], cwd: Path) -> Path | None:
    """The nearest `tuyengiao.yaml` walking up from each checked path, then from `cwd`.

    The walk stops at the repository's root (`_upwards`).
    """
    starts = [p if p.is_dir() else p.parent for p in paths] + [cwd]
    for start in starts:
        for candidate_dir in _upwards(start):
            for name in CONFIG_NAMES:
                candidate = candidate_dir / name
                if os.path.lexists(candidate):  # a FIFO or a loop is named when read, not skipped
                    return _relative(candidate)
    return None


def find_workspace(cwd: Path) -> Path | None:
    """The workspace `cwd` is in: the nearest folder upwards holding `tuyengiao.yaml`.

    Returned as `cwd` would name it (`.`, `../..`), so findings show paths the user can
    open from where they are; None outside any workspace. The walk stops at the
    repository's root (`_upwards`).
    """
    folder = cwd.resolve()
    for candidate in _upwards(folder):
        if any(os.path.lexists(candidate / name) for name in CONFIG_NAMES):
            return Path(os.path.relpath(candidate, folder))
    return None


#: Folders (`:`-separated, or `*`) whose files may belong to another user: git's
#: `safe.directory`, for a workspace checked out by someone else (a CI container).
SAFE_DIRECTORY_VARIABLE = "TUYENGIAO_SAFE_DIRECTORY"


def foreign_owner(path: Path) -> str | None:
    """The name of the user owning `path`, when that is neither this user nor root.

    None for a file of ours (or root's), one that does not exist, a system without
    owners (Windows), or a folder `TUYENGIAO_SAFE_DIRECTORY` names (or `*`).
    """
    if not hasattr(os, "geteuid"):
        return None
    try:
        owner = path.stat().st_uid
    except OSError:
        return None
    if owner in (os.geteuid(), 0):
        return None
    allowed = os.environ.get(SAFE_DIRECTORY_VARIABLE, "")
    folder = path if path.is_dir() else path.parent
    for entry in filter(None, allowed.split(os.pathsep)):
        if entry == "*" or os.path.realpath(entry) == os.path.realpath(folder):
            return None
    try:
        import pwd

        return pwd.getpwuid(owner).pw_name
    except (ImportError, KeyError):
        return str(owner)


def _relative(path: Path) -> Path:
    """Relative to the process's folder where possible (shorter in findings, still opens)."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


class ReadError(Exception):
    """A file that cannot be read; `kind` names the catalogue message."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing folders, special files and files over `limit` unread."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            with os.scandir(path):  # a folder the walk could not open: say why
                raise ReadError("directory")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise ReadError("special")
        if info.st_size > limit:
            raise ReadError("too_large", f"{info.st_size / 1048576:.1f}")
        with path.open("rb") as stream:
            # What the stat said, and a byte more to see the file grew since (then on up
            # to the limit, as before): asking for `limit + 1` bytes at once allocated
            # 5 MiB a file, 1,000 plans 24 ms against 9 ms (in-process, CPU).
            data = stream.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += stream.read(limit - info.st_size)
            return data
    except PermissionError:
        raise ReadError("permission") from None
    except FileNotFoundError:
        raise ReadError("not_found") from None
    except OSError as error:
        if error.errno == errno.ELOOP:  # a link that points at itself
            raise ReadError("link_loop") from None
        raise ReadError("os", error.strerror or str(error)) from None
