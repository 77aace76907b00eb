import json
import re
from pathlib import Path

import pytest

from rxnews.errors import PatternError, Problem
from rxnews.matching.labels import LABELS
from rxnews.matching.patterns import (
    check_line,
    is_case_sensitive,
    load_patterns,
    make_entry,
    pattern_files,
    read_directories,
    read_pattern_file,
    read_shipped_file,
    shipped_pattern_dir,
)


def line(**data):
    return json.dumps(data)


def read_one(tmp_path, *lines):
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(lines) + "\n")
    problems = []
    entries = read_pattern_file(path, problems)
    return entries, [(p.line, p.reason) for p in problems]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([1, 2], "expected a JSON object, found list"),
        ({"label": "TARGET", "pattern": "X"}, "missing key 'id'"),
        ({"id": "a", "label": "NOPE", "pattern": "X"}, "unknown label 'NOPE'"),
        ({"id": "a", "label": "TARGET", "pattern": "X", "colour": "red"}, "unknown key 'colour'"),
        ({"id": "a", "label": "DRUG", "pattern": "x"}, "missing key 'kind' for label DRUG"),
        ({"id": "a", "label": "CUE", "pattern": "x"}, "missing key 'cue' for label CUE"),
        ({"id": "a", "label": "DRUG", "pattern": "x", "kind": "pill"}, "'kind' must be one of"),
        ({"id": "a", "label": "TARGET", "pattern": ""}, "empty string"),
        ({"id": "a", "label": "TARGET", "pattern": [{"LOWER": "x"}]}, "takes a phrase"),
        ({"id": "a", "label": "CUE", "pattern": [{"LOWERR": "x"}], "cue": "c"}, "bad token pattern"),
        ({"id": "a", "label": "CUE", "pattern": "x", "cue": "c", "case": "upper"}, "'case' must be"),
        ({"id": "", "label": "CUE", "pattern": "x", "cue": "c"}, "'id' must be a non-empty string"),
        ({"id": "a", "label": "TARGET", "pattern": "X", "symbol": 5}, "'symbol' must be a string"),
    ],
)
def test_patterns_check_line_rejects_bad_lines(data, reason):
    assert reason in check_line(data)


def test_patterns_check_line_accepts_phrase_and_token_patterns():
    assert check_line({"id": "t", "label": "TARGET", "pattern": "PD-L1", "symbol": "CD274"}) is None
    tokens = {"id": "c", "label": "CUE", "pattern": [{"LOWER": "approved"}], "cue": "approve"}
    assert check_line(tokens) is None


def test_patterns_canonical_defaults_to_the_phrase():
    entry = make_entry({"id": "t", "label": "TARGET", "pattern": "FOO9", "symbol": None})
    assert entry.get("canonical") == "FOO9"
    brand = make_entry({"id": "b", "label": "DRUG", "pattern": "Zorvexa", "canonical": "lazertinib",
                        "kind": "brand"})
    assert brand.get("canonical") == "lazertinib"
    assert "canonical" not in make_entry({"id": "q", "label": "QUALIFIER", "pattern": "advanced"}).attrs


def test_patterns_every_bad_line_is_reported_with_its_line(tmp_path):
    entries, problems = read_one(
        tmp_path,
        line(id="a", label="TARGET", pattern="X"),
        "{not json",
        "",
        line(id="b", label="NOPE", pattern="X"),
        line(id="a", label="CUE", pattern="y", cue="c"),
        line(id="c", label="QUALIFIER", pattern="advanced"),
    )
    assert [e.id for e in entries] == ["a", "c"]
    assert [number for number, _ in problems] == [2, 4, 5]
    assert problems[0][1].startswith("invalid JSON")
    assert problems[2][1] == "duplicate id 'a' (first on line 1)"


def test_patterns_every_bad_file_of_every_directory_in_one_error(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "a.jsonl").write_text(line(id="x", label="TARGET", pattern="") + "\n")
    (second / "b.jsonl").write_text("\n" + line(id="y", label="NOPE", pattern="x") + "\n")
    with pytest.raises(PatternError) as info:
        load_patterns([first, second, tmp_path / "absent"])
    assert [(p.path.rsplit("/", 2)[-2:], p.line) for p in info.value.problems] == [
        (["one", "a.jsonl"], 1), (["two", "b.jsonl"], 2), ([tmp_path.name, "absent"], None)]
    assert str(info.value).splitlines()[0] == f"{first / 'a.jsonl'}:1: 'pattern' is an empty string"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("PD-L1", True), ("TrkB", True), ("NSCLC", True), ("Keytruda", False),
     ("amyotrophic lateral sclerosis", False), ("Alzheimer's disease", False)],
)
def test_patterns_case_rule(phrase, expected):
    assert is_case_sensitive(phrase) is expected


def test_patterns_case_override():
    entry = make_entry({"id": "a", "label": "DISEASE", "pattern": "Best disease", "case": "sensitive"})
    assert entry.case_sensitive


def test_patterns_duplicate_id_across_files_of_one_directory(tmp_path):
    (tmp_path / "a.jsonl").write_text(line(id="dup", label="CUE", pattern="x", cue="c") + "\n")
    (tmp_path / "b.jsonl").write_text("\n" + line(id="dup", label="CUE", pattern="y", cue="c") + "\n")
    with pytest.raises(PatternError, match=r"b.jsonl:2: duplicate id 'dup' \(first in a.jsonl:1\)"):
        load_patterns([tmp_path])


def test_patterns_user_directory_extends_and_overrides(tmp_path):
    shipped = load_patterns()
    some = next(e for e in shipped if e.label == "AGENCY")
    (tmp_path / "mine.jsonl").write_text(
        line(id=some.id, label="AGENCY", pattern="Our Regulator", canonical="OR") + "\n"
        + line(id="my-new", label="TARGET", pattern="FOO9", symbol=None) + "\n")
    merged = {e.id: e for e in load_patterns([tmp_path])}
    assert merged[some.id].pattern == "Our Regulator"
    assert merged["my-new"].get("canonical") == "FOO9"
    assert len(merged) == len(shipped) + 1


def test_patterns_missing_directory(tmp_path):
    with pytest.raises(PatternError, match="not a directory") as info:
        pattern_files(tmp_path / "absent")
    assert info.value.problems == [Problem(str(tmp_path / "absent"), None, "not a directory")]


def test_patterns_shipped_files_are_valid_and_large_enough():
    entries = load_patterns()
    assert read_directories([], check_shipped=True)  # every shipped line checked: no error
    for path in pattern_files(shipped_pattern_dir()):
        # Every line is checked here; at run time the shipped files are read in one go.
        problems = []
        assert read_shipped_file(path) == read_pattern_file(path, problems)
        assert problems == []
    canon = {}
    for e in entries:
        canon.setdefault(e.label, set()).add(e.get("canonical"))
    assert len(canon["TARGET"]) >= 300
    assert len(canon["DISEASE"]) >= 500
    assert len(canon["AGENCY"]) >= 30


def test_patterns_shipped_token_pattern_words_are_one_token_each():
    """A word of a token pattern that the tokenizer splits ("co-primary" is "co", "-", "primary")
    can never match the one token it stands for."""
    from rxnews.matching.tokens import tokenize

    split = []
    for e in load_patterns():
        for token in e.pattern if isinstance(e.pattern, list) else ():
            for key in ("ORTH", "TEXT", "LOWER"):
                value = token.get(key)
                words = [value] if isinstance(value, str) else [
                    *value.get("IN", []), *value.get("NOT_IN", [])] if isinstance(value, dict) else []
                split += [(e.get("id"), w) for w in words if len(tokenize(w)[0]) != 1]
    assert split == []


def test_patterns_every_label_is_used_by_a_shipped_file_and_documented():
    used = {e.label for e in load_patterns()}
    assert used == set(LABELS)
    readme = (shipped_pattern_dir() / "README.md").read_text(encoding="utf-8")
    rows = {row.split("|")[1].strip(" `"): row.split("|") for row in readme.splitlines()
            if row.startswith("| `") and row.count("|") == 7}
    assert set(rows) == set(LABELS)
    for label in LABELS.values():
        keys, required = rows[label.name][3], rows[label.name][4]
        assert all(f"`{key}`" in keys for key in label.keys), label.name
        assert all(f"`{key}`" in required for key in label.required), label.name


def test_patterns_readme_counts_match_the_files():
    """The file table of patterns/README.md states each file's line count; keep it true."""
    folder = Path(__file__).resolve().parents[2] / "patterns"
    rows = re.findall(r"^\| `([\w.]+\.jsonl)` \| [^|]+ \| ([\d,]+) \|", (folder / "README.md").read_text(),
                      re.M)
    assert {name for name, _ in rows} == {p.name for p in folder.glob("*.jsonl")}
    for name, lines in rows:
        assert int(lines.replace(",", "")) == len((folder / name).read_text().splitlines()), name
