import json

import pytest

from rxnews.errors import PatternError
from rxnews.patterns import (
    is_case_sensitive,
    load_patterns,
    parse_line,
    pattern_files,
    read_pattern_file,
    read_shipped_file,
    shipped_pattern_dir,
)


def line(**data):
    return json.dumps(data)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object, found list"),
        (line(label="TARGET", pattern="X", canonical="X"), "missing key 'id'"),
        (line(id="a", label="NOPE", pattern="X"), "unknown label 'NOPE'"),
        (line(id="a", label="TARGET", pattern="X", canonical="X", colour="red"), "unknown key 'colour'"),
        (line(id="a", label="TARGET", pattern="X"), "missing key 'canonical'"),
        (line(id="a", label="DRUG", pattern="x", canonical="x", kind="pill"), "'kind' must be one of"),
        (line(id="a", label="TARGET", pattern="", canonical="X"), "empty string"),
        (line(id="a", label="TARGET", pattern=[{"LOWER": "x"}], canonical="X"), "takes a phrase"),
        (line(id="a", label="CUE", pattern=[{"LOWERR": "x"}], cue="c"), "bad token pattern"),
        (line(id="a", label="CUE", pattern="x", cue="c", case="upper"), "'case' must be"),
        (line(id="", label="CUE", pattern="x", cue="c"), "'id' must be a non-empty string"),
        (line(id="a", label="TARGET", pattern="X", canonical="X", symbol=5), "'symbol' must be a string"),
    ],
)
def test_patterns_parse_line_rejects_bad_lines(raw, reason):
    with pytest.raises(PatternError) as info:
        parse_line(raw, "p.jsonl", 7)
    assert str(info.value).startswith("p.jsonl:7: ")
    assert reason in str(info.value)


def test_patterns_parse_line_accepts_phrase_and_token_patterns():
    phrase = parse_line(line(id="t", label="TARGET", pattern="PD-L1", canonical="PD-L1",
                             symbol="CD274"), "p", 1)
    assert phrase.get("symbol") == "CD274" and phrase.case_sensitive
    tokens = parse_line(line(id="c", label="CUE", pattern=[{"LOWER": "approved"}], cue="approve"), "p", 2)
    assert tokens.pattern == [{"LOWER": "approved"}]
    assert parse_line("   ", "p", 3) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("PD-L1", True), ("TrkB", True), ("NSCLC", True), ("Keytruda", False),
     ("amyotrophic lateral sclerosis", False), ("Alzheimer's disease", False)],
)
def test_patterns_case_rule(phrase, expected):
    assert is_case_sensitive(phrase) is expected


def test_patterns_case_override():
    entry = parse_line(line(id="a", label="DISEASE", pattern="Best disease", canonical="Best disease",
                            case="sensitive"), "p", 1)
    assert entry.case_sensitive


def test_patterns_duplicate_id_in_one_file(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(line(id="a", label="CUE", pattern="x", cue="c") + "\n\n"
                    + line(id="a", label="CUE", pattern="y", cue="c") + "\n")
    with pytest.raises(PatternError, match=r"x.jsonl:3: duplicate id 'a' \(first on line 1\)"):
        list(read_pattern_file(path))


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
        + line(id="my-new", label="TARGET", pattern="FOO9", canonical="FOO9", symbol=None) + "\n")
    merged = {e.id: e for e in load_patterns([tmp_path])}
    assert merged[some.id].pattern == "Our Regulator"
    assert merged["my-new"].get("canonical") == "FOO9"
    assert len(merged) == len(shipped) + 1


def test_patterns_missing_directory(tmp_path):
    with pytest.raises(PatternError, match="not a directory"):
        pattern_files(tmp_path / "absent")


def test_patterns_shipped_files_are_valid_and_large_enough():
    entries = load_patterns()
    assert pattern_files(shipped_pattern_dir())
    for path in pattern_files(shipped_pattern_dir()):
        # Every line is checked here; at run time the shipped files are read in one go.
        assert read_shipped_file(path) == list(read_pattern_file(path))
    canon = {}
    for e in entries:
        canon.setdefault(e.label, set()).add(e.get("canonical"))
    assert len(canon["TARGET"]) >= 300
    assert len(canon["DISEASE"]) >= 500
    assert len(canon["AGENCY"]) >= 30
