"""The YAML loader: values with YAML 1.1 typing, positions, and problems instead of exceptions."""

from __future__ import annotations

import codecs
import datetime

import pytest

from tuyengiao.read.document import Document, Yaml11Number, load


def problems(doc: Document) -> list[tuple[str, str, int | None, int | None]]:
    return [(p.rule, p.kind, p.line, p.column) for p in doc.problems]


def test_values_keep_yaml_typing_so_traps_can_be_named() -> None:
    doc = load(b"a: no\nb: 0123\nc: 1:30\nd: 2022-05-20\ne: '0123'\nf: ~\ng: 1.0\n")
    assert doc.data == {
        "a": False,
        "b": Yaml11Number(83, "0123"),  # octal: kept apart so no model takes it as 123
        "c": Yaml11Number(90, "1:30"),  # base 60
        "d": datetime.date(2022, 5, 20),
        "e": "0123",
        "f": None,
        "g": 1.0,
    }


def test_impossible_iso_date_stays_text_for_the_date_rule() -> None:
    assert load(b"due: 2022-02-31\n").data == {"due": "2022-02-31"}


def test_text_is_normalised_to_nfc_in_keys_and_values() -> None:
    nfd = "tiêu đề: Hội nghị".encode()
    import unicodedata

    doc = load(unicodedata.normalize("NFD", nfd.decode()).encode())
    assert doc.data == {"tiêu đề": "Hội nghị"}


def test_positions_of_values_keys_and_missing_fields() -> None:
    doc = load(b"acts:\n  - id: a\n    due: 1/2/2022\n  - {id: b, due: 3}\n")
    assert doc.position(("acts", 1, "due")) == (4, 18)
    assert doc.position(("acts", 1, "due"), key=True) == (4, 13)
    assert doc.position(("acts", 0, "nope")) == (2, 5)  # the mapping that lacks it
    assert doc.raw(("acts", 0, "due")) == "1/2/2022"


def test_duplicate_keys_name_both_places() -> None:
    doc = load(b"a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert problems(doc) == [
        ("duplicate-key", "duplicate_key", 4, 3),
        ("duplicate-key", "duplicate_key", 5, 1),
    ]
    assert [p.fields["first_line"] for p in doc.problems] == [3, 1]
    assert doc.data == {"a": 3, "b": {"c": 2}}


def test_non_standard_tags_are_refused_not_run() -> None:
    doc = load(b"a: !!python/object/apply:os.system ['true']\nb: !custom x\nc: !!str 5\n")
    assert problems(doc) == [("unsafe-tag", "tag", 1, 4), ("unsafe-tag", "tag", 2, 4)]
    assert doc.data == {"a": None, "b": None, "c": "5"}


def test_merge_keys_and_aliases_work_and_locate() -> None:
    doc = load(b"base: &b {owner: Ban TG, task: 2}\nact:\n  <<: *b\n  task: 3\n")
    assert doc.data == {
        "base": {"owner": "Ban TG", "task": 2},
        "act": {"owner": "Ban TG", "task": 3},
    }
    assert doc.position(("act", "owner")) == (1, 18)


def test_alias_bomb_is_stopped() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    doc = load("\n".join(lines).encode())
    assert [p.rule for p in doc.problems] == ["too-complex"]
    assert doc.data is None


@pytest.mark.parametrize(
    ("data", "kind", "encoding"),
    [
        ("a: Hà Nội\n".encode("utf-16"), "utf16", "UTF-16"),
        ("a: Hà Nội\n".encode("utf-16-le"), "utf16", "UTF-16LE"),
        ("a: Hà Nội\n".encode("utf-16-be"), "utf16", "UTF-16BE"),
        (codecs.BOM_UTF32_LE + "a: b\n".encode("utf-32-le"), "utf16", "UTF-32"),
        ("tên: Đoàn\n".encode("cp1258"), "legacy", "Windows-1258"),
    ],
)
def test_encodings_are_named(data: bytes, kind: str, encoding: str) -> None:
    doc = load(data)
    assert [(p.rule, p.kind) for p in doc.problems] == [("encoding", kind)]
    assert doc.problems[0].fields.get("encoding") == encoding


def test_utf8_bom_and_crlf_are_fine() -> None:
    doc = load(codecs.BOM_UTF8 + "a: Hà Nội\r\nb: 2\r\n".encode())
    assert doc.problems == []
    assert doc.data == {"a": "Hà Nội", "b": 2}
    assert doc.bom and doc.crlf


def test_binary_file() -> None:
    doc = load(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert problems(doc) == [("encoding", "binary", 3, 1)]  # where the first NUL is


@pytest.mark.parametrize(
    ("data", "kind", "line"),
    [
        (b"a:\n\tb: 1\n", "tab", 2),
        (b"a: [1, 2\n", "syntax", 2),
        (b"a: 1\n---\nb: 2\n", "syntax", 2),
        (b'a: "x\x07"\n', "control", 1),
    ],
)
def test_syntax_problems_have_positions(data: bytes, kind: str, line: int) -> None:
    doc = load(data)
    assert [(p.rule, p.kind, p.line) for p in doc.problems] == [("yaml-syntax", kind, line)]


def test_deep_nesting_is_too_complex_in_bounded_time() -> None:
    doc = load(b"[" * 10_000 + b"]" * 10_000)
    assert [p.rule for p in doc.problems] == ["too-complex"]


@pytest.mark.parametrize("data", [b"", b"# only a comment\n", b"---\n", b"\n\n"])
def test_empty_documents(data: bytes) -> None:
    doc = load(data)
    assert doc.data is None
    assert doc.problems == []


def test_pure_python_parser_gives_the_same_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyYAML wheels without libyaml fall back to the pure-Python parser: same values,
    # same positions, same problems.
    import yaml

    from tests.conftest import PLANS
    from tuyengiao.read import document as loader

    samples = [p.read_bytes() for p in sorted((PLANS / "2022").glob("*.yaml"))]
    samples += [b"a: 1\na: 2\n", b"a: [1, 2\n", b"x: !!python/name:os.system\n"]
    fast = [load(data) for data in samples]
    monkeypatch.setattr(loader, "SafeLoader", yaml.SafeLoader)
    slow = [load(data) for data in samples]
    for a, b in zip(fast, slow, strict=True):
        assert a.data == b.data
        assert [(p.rule, p.line, p.column) for p in a.problems] == [
            (p.rule, p.line, p.column) for p in b.problems
        ]
        if isinstance(a.data, dict) and "activities" in a.data:
            assert a.position(("activities", 3, "due")) == b.position(("activities", 3, "due"))


def test_pure_python_parser_deep_nesting_is_too_complex(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from tuyengiao.read import document as loader

    monkeypatch.setattr(loader, "SafeLoader", yaml.SafeLoader)
    doc = load(b"[" * 5_000 + b"]" * 5_000)
    assert [p.rule for p in doc.problems] == ["too-complex"]
