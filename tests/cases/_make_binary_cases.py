"""Write the case files that are not plain UTF-8 text: run by hand, commit the outputs.

    python tests/cases/_make_binary_cases.py

Each file is small and rewritten exactly; the `expected.txt` beside it is written
by hand and never touched here. The symbolic links of the `unreadable` cases are
made here too, so a checkout that lost them can restore them.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

CASES = Path(__file__).resolve().parent

HEAD = 'version: 1\nguidance: "2022"\nunion: {id: cd-mau, name: Công đoàn Mẫu}\nactivities:\n'
FILL = """\
  - {id: a1, task: 1, title: Quán triệt nghị quyết, due: 2022-05-20, status: done, done: 2022-05-18}
  - {id: a2, task: 2, title: Truyền thông công đoàn, due: 2022-12-20, status: in_progress}
  - {id: a3, task: 3, title: Học tập chuyên đề, due: 2022-03-31, status: done, done: 2022-03-30}
  - {id: a4, task: 4, title: Nắm bắt dư luận, due: 2022-12-15, status: in_progress}
  - {id: a5, task: 5, title: Giải thể thao, due: 2022-04-28, status: done, done: 2022-04-23}
  - {id: a6, task: 6, title: Tập huấn cán bộ, due: 2022-08-15, status: planned}
  - {id: a7, task: 7, title: Cuộc vận động, due: 2022-11-30, status: in_progress}
  - {id: a8, task: 8, title: Treo băng rôn, due: 2022-01-28, status: done, done: 2022-01-25}
"""
#: A valid plan with one activity per task (lines 1-12), as in the text cases.
BASE = HEAD + FILL

# Windows-1258 has the base letters â ê ô ă ơ ư đ but writes the five tones as
# combining marks after them; Python's codec wants the text split the same way.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def cp1258(text: str) -> bytes:
    """`text` as a Vietnamese Windows-1258 editor saves it."""
    out = bytearray()
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += (letter + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return bytes(out)


# TCVN3 (ABC, the .VnTime fonts) keeps ASCII and puts ô đ à at these bytes.
_TCVN3 = {"ô": b"\xab", "đ": b"\xae", "à": b"\xb5"}


def tcvn3(text: str) -> bytes:
    """`text` (ASCII and the letters of `_TCVN3` only) as an ABC-font editor saves it."""
    return b"".join(_TCVN3.get(char) or char.encode("ascii") for char in text)


STATUSES = [
    ("kế hoạch", "2022-09-30", None),
    ("chưa thực hiện", "2022-09-30", None),
    ("chưa bắt đầu", "2022-09-30", None),
    ("planned", "2022-09-30", None),
    ("đang thực hiện", "2022-09-30", None),
    ("đang triển khai", "2022-09-30", None),
    ("in_progress", "2022-09-30", None),
    ("hoàn thành", "2022-05-20", "2022-05-20"),
    ("đã hoàn thành", "2022-05-20", "2022-05-20"),
    ("HOÀN THÀNH", "2022-05-20", "2022-05-20"),
    ("hoan thanh", "2022-05-20", "2022-05-20"),
    ("done", "2022-05-20", "2022-05-20"),
    ("hủy", "2022-09-30", None),
    ("huỷ", "2022-09-30", None),
    ("đã huỷ", "2022-09-30", None),
    ("không thực hiện", "2022-09-30", None),
    ("cancelled", "2022-09-30", None),
]


def status_aliases() -> bytes:
    """Every status alias, each once in NFC and once in NFD (as macOS keyboards type)."""
    lines = [HEAD]
    for form in ("NFC", "NFD"):
        for index, (status, due, done) in enumerate(STATUSES, 1):
            ident = f"{form.lower()}-{index}"
            extra = f", done: {done}" if done else ""
            word = unicodedata.normalize(form, status)
            lines.append(
                f"  - {{id: {ident}, task: 2, title: Trạng thái {word}, "
                f"due: {due}, status: {word}{extra}}}\n"
            )
    lines.append(FILL)
    return "".join(lines).encode("utf-8")


def target(title: str, task_line: str = "    task: 2\n") -> str:
    """The base plan and one more activity at lines 13-17."""
    activity = f"  - id: muc-tieu\n{task_line}    title: {title}\n"
    return BASE + activity + "    due: 2022-10-30\n    status: planned\n"


#: 2000 lists inside each other, in a note (the YAML limit is 1000 levels).
DEEP_NOTE = "    note: " + "[" * 2000 + "]" * 2000 + "\n"


def crlf(text: str) -> bytes:
    """UTF-8 with a BOM and Windows line ends."""
    return codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")


FILES: dict[str, bytes] = {
    "encoding/utf16-with-bom/plan.yaml": BASE.encode("utf-16"),
    "encoding/utf16le-without-bom/plan.yaml": BASE.encode("utf-16-le"),
    "encoding/windows-1258/plan.yaml": cp1258(BASE),
    "encoding/tcvn3/plan.yaml": tcvn3(
        'version: 1\nguidance: "2022"\nunion: {id: cd-mau, name: Công đoàn ngành}\n'
        "activities:\n  - {id: a1, task: 1, title: Công đoàn ngành, due: 2022-05-20, "
        "status: done, done: 2022-05-18}\n"
    ),
    # The first bytes of a Word 97-2003 document, saved under a plan's name.
    "encoding/binary-file/ke-hoach.yaml": bytes.fromhex("d0cf11e0a1b11ae1") + bytes(24),
    "encoding/utf8-bom-crlf/plan.yaml": crlf(BASE),
    "encoding/utf8-bom-crlf-positions/plan.yaml": crlf(
        BASE.replace('version: 1\nguidance: "2022"', 'guidance: "2023"\nversion: 1')
        + "  - id: muc-tieu\n    task: 2\n    title: Hội nghị quán triệt\n"
        + "    due: 2022-06-19\n    status: planned\n"
    ),
    "yaml-syntax/control-character/plan.yaml": target("Hội nghị\x07 quán triệt").encode(),
    "yaml-syntax/tab-indent/plan.yaml": target("Hội nghị quán triệt", "\ttask: 2\n").encode(),
    "invalid-value/status-aliases/plan.yaml": status_aliases(),
    "too-complex/deep-nesting/plan.yaml": (target("Hội nghị") + DEEP_NOTE).encode(),
}

#: Symbolic links: name → target, relative to the case folder.
LINKS = {
    "unreadable/symlink-loop/loop.yaml": "loop.yaml",
    "unreadable/broken-link/gone.yaml": "da-xoa.yaml",
    "unreadable/link-to-readable-file/plan.yaml": ".that/real.yaml",
}


def main() -> None:
    """Write every file and link, and an empty config beside each."""
    for name, data in FILES.items():
        path = CASES / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for name, link_target in LINKS.items():
        path = CASES / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        path.symlink_to(link_target)
    for folder in {(CASES / name).parent for name in [*FILES, *LINKS]}:
        config = folder / "tuyengiao.yaml"
        if not config.exists():
            config.write_text("{}\n", "utf-8")


if __name__ == "__main__":
    main()
