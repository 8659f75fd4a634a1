"""Write the corpus files that are not plain UTF-8 text: run by hand, commit the outputs.

    python tests/hostile/_make_corpus.py

The legacy Vietnamese encodings are written byte by byte from their code tables
(no codec does it: Python has none for TCVN3, VNI or VISCII), for the words of one
short plan; `tests/test_hostile.py` checks that the committed files are exactly
what this script writes. Everything else in the corpus is a text file written by hand.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = (HERE / "valid-plan.yaml").read_text("utf-8")

# One short plan, its Vietnamese words left as {slots} to fill from a code table.
LEGACY_PLAN = """\
version: 1
guidance: "2022"
union: {{id: cd-bo-tu-phap, name: {cong} {doan} {bo} {tu} {phap}}}
activities:
  - {{id: a1, task: 1, title: {hoi} {nghi} {quan} {triet} {nghi} {quyet}, due: 20/5/2022, \
status: {hoan} {thanh}, done: 18/5/2022}}
"""

#: The words of LEGACY_PLAN in each code page, written from its table by hand:
#: TCVN3 (ABC): ô AB, đ AE, ư AD, à B5, á B8, ị DE, ế D5, ệ D6, ộ E9 (one byte a letter);
#: VNI Windows: the ASCII vowel, then its marks as one byte: circumflex E2, circumflex
#:   and acute E1, circumflex and dot below E4, grave F8, acute F9; đ F1, ư F6, ị F2;
#: Windows-1258: ô F4, ê EA, đ F0, ư FD, à E0, á E1 precomposed; the other tones are
#:   combining bytes after the letter: dot below F2, acute EC;
#: VISCII: ô F4, đ F0, à E0, á E1 (as Latin-1); ộ B5, ư DF, ị B8, ệ AE, ế AA.
WORDS: dict[str, dict[str, bytes]] = {
    "tcvn3": {
        "cong": b"C\xabng",
        "doan": b"\xaeo\xb5n",
        "bo": b"B\xe9",
        "tu": b"T\xad",
        "phap": b"ph\xb8p",
        "hoi": b"H\xe9i",
        "nghi": b"ngh\xde",
        "quan": b"qu\xb8n",
        "triet": b"tri\xd6t",
        "quyet": b"quy\xd5t",
        "hoan": b"ho\xb5n",
        "thanh": b"th\xb5nh",
    },
    "vni": {
        "cong": b"Co\xe2ng",
        "doan": b"\xf1oa\xf8n",
        "bo": b"Bo\xe4",
        "tu": b"T\xf6",
        "phap": b"pha\xf9p",
        "hoi": b"Ho\xe4i",
        "nghi": b"ngh\xf2",
        "quan": b"qua\xf9n",
        "triet": b"trie\xe4t",
        "quyet": b"quye\xe1t",
        "hoan": b"hoa\xf8n",
        "thanh": b"tha\xf8nh",
    },
    "windows-1258": {
        "cong": b"C\xf4ng",
        "doan": b"\xf0o\xe0n",
        "bo": b"B\xf4\xf2",
        "tu": b"T\xfd",
        "phap": b"ph\xe1p",
        "hoi": b"H\xf4\xf2i",
        "nghi": b"nghi\xf2",
        "quan": b"qu\xe1n",
        "triet": b"tri\xea\xf2t",
        "quyet": b"quy\xea\xect",
        "hoan": b"ho\xe0n",
        "thanh": b"th\xe0nh",
    },
    "viscii": {
        "cong": b"C\xf4ng",
        "doan": b"\xf0o\xe0n",
        "bo": b"B\xb5",
        "tu": b"T\xdf",
        "phap": b"ph\xe1p",
        "hoi": b"H\xb5i",
        "nghi": b"ngh\xb8",
        "quan": b"qu\xe1n",
        "triet": b"tri\xaet",
        "quyet": b"quy\xaat",
        "hoan": b"ho\xe0n",
        "thanh": b"th\xe0nh",
    },
}


def legacy(encoding: str) -> bytes:
    """LEGACY_PLAN with its words in `encoding`'s bytes."""
    words = {slot: word.decode("latin-1") for slot, word in WORDS[encoding].items()}
    return LEGACY_PLAN.format(**words).encode("latin-1")


def crlf(text: str) -> bytes:
    """`text` with Windows line ends."""
    return text.replace("\n", "\r\n").encode("utf-8")


def replaced(old: str, new: str, comment: str) -> str:
    """BASE with one change and its first line saying what the case is."""
    assert old in BASE, old
    lines = BASE.replace(old, new, 1).split("\n")
    return "\n".join([f"# {comment}", *lines[1:]])


A1 = "due: 20/5/2022, status: hoàn thành, done: 18/5/2022"
TITLE1 = "title: Hội nghị quán triệt nghị quyết"

FILES: dict[str, bytes] = {
    # Not UTF-8.
    "invalid-utf8.yaml": replaced(
        TITLE1, "title: H\udce1\udcbbi nghị", "Chữ “ộ” mất byte cuối: tệp không còn là UTF-8"
    ).encode("utf-8", "surrogateescape"),
    "utf16-bom.yaml": codecs.BOM_UTF16_LE + BASE.encode("utf-16-le"),
    "utf16le-no-bom.yaml": BASE.encode("utf-16-le"),
    "utf16be-bom.yaml": codecs.BOM_UTF16_BE + BASE.encode("utf-16-be"),
    "utf16be-no-bom.yaml": BASE.encode("utf-16-be"),
    "utf32-bom.yaml": codecs.BOM_UTF32_LE + BASE.encode("utf-32-le"),
    "tcvn3.yaml": legacy("tcvn3"),
    "vni.yaml": legacy("vni"),
    "windows-1258.yaml": legacy("windows-1258"),
    "viscii.yaml": legacy("viscii"),
    # Binary files named .yaml: a PNG image, a Word .docx (a ZIP), NUL in text.
    "png.yaml": bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"),
    "docx.yaml": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
    "nul-in-text.yaml": replaced(
        TITLE1, "title: Hội nghị\x00 quán triệt", "Byte NUL giữa tên hoạt động"
    ).encode(),
    # UTF-8 as Windows and old Macs save it: valid, and positions unchanged.
    "utf8-bom-crlf.yaml": codecs.BOM_UTF8 + crlf(BASE),
    "utf8-bom-crlf-error.yaml": codecs.BOM_UTF8
    + crlf(replaced(A1, "due: 20/5/2022, status: no", "BOM, CRLF (Windows), status: no ở dòng 8")),
    "mac-cr.yaml": replaced(
        A1, "due: 20/5/2022, status: no", "Xuống dòng CR (Mac cũ), status: no ở dòng 8"
    )
    .replace("\n", "\r")
    .encode(),
    "mac-cr-unclosed.yaml": BASE.replace("\n", "\r").encode()
    + b'  - {id: a9, task: 1, title: "Ch\xc6\xb0a \xc4\x91\xc3\xb3ng ngo\xe1\xba\xb7c',
    "only-bom.yaml": codecs.BOM_UTF8,
    # Characters YAML refuses, or counts as line breaks where editors do not.
    "control-bel.yaml": replaced(
        TITLE1, "title: Hội nghị\x07 quán triệt", "Ký tự BEL dán lẫn vào tên"
    ).encode(),
    "line-separator.yaml": replaced(
        TITLE1, "title: Hội nghị\u2028quán triệt", "U+2028 (LS) trong tên, dán từ Word"
    ).encode(),
    "next-line.yaml": replaced(
        TITLE1, "title: Hội nghị\x85quán triệt", "U+0085 (NEL) trong tên"
    ).encode(),
    "bom-in-the-middle.yaml": replaced(
        "activities:", "\ufeffactivities:", "BOM giữa tệp (hai tệp ghép lại)"
    ).encode(),
}


def main() -> None:
    """Write every file of FILES beside this script."""
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
