"""The spaCy pipeline component: `nlp.add_pipe("rxnews")`, found through the entry point."""

import json
import subprocess
import sys

import pytest
import spacy
from conftest import RELEASES, ROOT, readme_example
from spacy.tokens import Doc, DocBin
from thinc.api import ConfigValidationError

from rxnews.errors import PatternError

# Invented companies, codes and names, written for these tests.
RELEASE = ("Acmera Bio Wins FDA Approval of Zentrivo\n\n"
           "BOSTON, March 3, 2025 -- Acmera Bio, Inc. today announced that the FDA approved Zentrivo "
           "(velotumab, ACM-101), an anti-IL-23 antibody, for adults with plaque psoriasis. Acmera plans "
           "to start a Phase 3 trial of ACM-101 in psoriatic arthritis in the second half of 2025.\n")
SPANS = [
    ("COMPANY", "Acmera Bio", "Acmera Bio"),
    ("AGENCY", "FDA", "FDA"),
    ("DRUG", "Zentrivo", "ACM-101"),
    ("DATE", "March 3, 2025", "2025-03-03"),
    ("COMPANY", "Acmera Bio", "Acmera Bio"),
    ("DATE", "today", "2025-03-03"),
    ("AGENCY", "FDA", "FDA"),
    ("DRUG", "Zentrivo", "ACM-101"),
    ("DRUG", "velotumab", "ACM-101"),
    ("DRUG", "ACM-101", "ACM-101"),
    ("TARGET", "IL-23", "IL-23"),
    ("DISEASE", "plaque psoriasis", "psoriasis"),
    ("DRUG", "ACM-101", "ACM-101"),
    ("DISEASE", "psoriatic arthritis", "psoriatic arthritis"),
    ("DATE", "in the second half of 2025", "2025-07"),
]
# A drug no shipped pattern knows, for user pattern folders.
NEW_DRUG = "halvoran"
NEW_DRUG_TEXT = f"Halden Therapeutics said the FDA accepted its application for {NEW_DRUG} in migraine."
NEW_DRUG_LINE = ('{"id": "drug-inn-halvoran", "label": "DRUG", "pattern": "halvoran", '
                 '"canonical": "halvoran", "kind": "inn"}\n')


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("rxnews")
    return nlp


@pytest.fixture
def user_patterns(tmp_path):
    folder = tmp_path / "my_patterns"
    folder.mkdir()
    (folder / "drugs.jsonl").write_text(NEW_DRUG_LINE, encoding="utf-8")
    return folder


def triples(doc: Doc, key: str = "rxnews") -> list[tuple[str, str, str]]:
    return [(span.label_, span.text, span.kb_id_) for span in doc.spans[key]]


def run_python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, cwd=RELEASES)


def test_spacy_component_is_found_through_the_entry_point_without_importing_rxnews():
    # The entry point module is imported by spaCy for every pipeline: it must stay light.
    run_python("import sys, spacy\n"
               "assert not any(m.startswith('rxnews') for m in sys.modules)\n"
               "nlp = spacy.blank('en')\n"
               "assert 'rxnews.extractor' not in sys.modules\n"
               "nlp.add_pipe('rxnews')\n"
               "doc = nlp('The FDA approved ACM-101 on May 1, 2024.')\n"
               "assert doc._.rxnews['drugs'][0]['name'] == 'ACM-101', doc._.rxnews\n"
               "assert [s.label_ for s in doc.spans['rxnews']] == ['AGENCY', 'DRUG', 'DATE']\n")


def test_spacy_component_is_not_imported_by_the_command_line():
    run_python("import sys, rxnews.cli\n"
               "assert 'rxnews.spacy_component' not in sys.modules and 'spacy' not in sys.modules\n")


def test_spacy_component_spans_labels_texts_and_names(nlp):
    doc = nlp(RELEASE)
    assert triples(doc) == SPANS
    assert doc.spans["rxnews"].name == "rxnews"
    assert nlp.get_pipe("rxnews").labels == ("DRUG", "TARGET", "DISEASE", "AGENCY", "COMPANY", "DATE")


def test_spacy_component_record_is_the_json_ready_dict(nlp, extractor):
    record = nlp(RELEASE)._.rxnews
    assert isinstance(record, dict) and record["schema_version"] == "1"
    assert record == extractor.extract(RELEASE).to_dict()
    assert [(e["type"], e["drug"], e["date"]) for e in record["events"]] == [
        ("approval", "ACM-101", "2025-03-03"), ("trial_start", "ACM-101", "2025-07")]


RELEASE_TEXTS = [RELEASE, NEW_DRUG_TEXT, "", "No drug news here.",
                 *(path.read_text(encoding="utf-8") for path in sorted(RELEASES.glob("*.txt")))]


@pytest.mark.parametrize("batch_size", [1, 3, 1000])
def test_spacy_component_pipe_yields_the_extractor_records(nlp, extractor, batch_size):
    docs = list(nlp.pipe(RELEASE_TEXTS, batch_size=batch_size))
    assert [doc.text for doc in docs] == RELEASE_TEXTS
    assert [doc._.rxnews for doc in docs] == [extractor.extract(t).to_dict() for t in RELEASE_TEXTS]
    assert sum(len(doc.spans["rxnews"]) for doc in docs) > 20


@pytest.mark.parametrize("path", sorted(RELEASES.glob("*.txt")), ids=lambda p: p.stem)
def test_spacy_component_every_mention_has_its_span(nlp, path):
    doc = nlp(path.read_text(encoding="utf-8"))
    labels = {"drugs": "DRUG", "targets": "TARGET", "indications": "DISEASE", "agencies": "AGENCY",
              "companies": "COMPANY"}
    spans = {(s.start_char, s.end_char, s.label_): s.kb_id_ for s in doc.spans["rxnews"]}
    expected = {(m["start"], m["end"], label): item["name"]
                for field, label in labels.items() for item in doc._.rxnews[field] for m in item["mentions"]}
    assert expected and {k: v for k, v in spans.items() if k[2] != "DATE"} == expected
    for span in doc.spans["rxnews"]:
        if span.label_ == "DATE":
            assert span.kb_id_[:4].isdigit(), span


def test_spacy_component_date_spans_come_from_the_dateline_and_event_dates(nlp):
    doc = nlp("SHANGHAI, China, July 8, 2024 -- Orvane Pharma announced that the NMPA approved ORV-7 "
              "for gastric cancer in June 2024 and expects a decision on ORV-9 in 2026.")
    dates = [(s.text, s.kb_id_) for s in doc.spans["rxnews"] if s.label_ == "DATE"]
    assert dates[0] == ("July 8, 2024", "2024-07-08")
    assert ("in June 2024", "2024-06") in dates
    written = {e["date_text"] for e in doc._.rxnews["events"] if e["date_text"]}
    assert written <= {text for text, _ in dates}


def test_spacy_component_mentions_inside_a_token_are_widened_to_it():
    nlp = spacy.blank("en")
    nlp.tokenizer = lambda text: Doc(nlp.vocab, words=text.split(" "))  # "(velotumab," is one token
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("rxnews")
    doc = nlp("The FDA approved Zentrivo (velotumab, ACM-101) for plaque psoriasis.")
    spans = {span.kb_id_ if span.label_ == "DRUG" else span.label_: span for span in doc.spans["rxnews"]}
    drugs = [(s.text, s.kb_id_) for s in doc.spans["rxnews"] if s.label_ == "DRUG"]
    assert drugs == [("Zentrivo", "ACM-101"), ("(velotumab,", "ACM-101"), ("ACM-101)", "ACM-101")]
    assert spans["DISEASE"].text == "plaque psoriasis."  # the mention ends inside "psoriasis."
    mention = doc._.rxnews["indications"][0]["mentions"][0]
    assert spans["DISEASE"].start_char <= mention["start"] and spans["DISEASE"].end_char > mention["end"]


@pytest.mark.parametrize("mention", [(10, 10), (12, 9), (-1, 2), (0, 999), (3, 4)], ids=[
    "empty", "reversed", "negative", "past-the-end", "whitespace"])
def test_spacy_component_unaligned_mentions_are_skipped(nlp, mention):
    from rxnews.spacy_component import record_spans

    doc = nlp.make_doc("The FDA approved ACM-101.")
    good = {"start": 4, "end": 7, "text": "FDA"}
    bad = {"start": mention[0], "end": mention[1], "text": "?"}
    record = {"drugs": [], "targets": [], "indications": [], "companies": [], "events": [],
              "release_date": None, "agencies": [{"name": "FDA", "mentions": [bad, good]}]}
    assert [(s.label_, s.text) for s in record_spans(doc, record)] == [("AGENCY", "FDA")]


def test_spacy_component_user_pattern_folder_adds_a_drug(nlp, user_patterns):
    assert nlp(NEW_DRUG_TEXT)._.rxnews["drugs"] == []
    custom = spacy.blank("en")
    custom.add_pipe("rxnews", config={"patterns": [str(user_patterns)], "spans_key": "rx"})
    doc = custom(NEW_DRUG_TEXT)
    assert [d["name"] for d in doc._.rxnews["drugs"]] == [NEW_DRUG]
    assert ("DRUG", NEW_DRUG, NEW_DRUG) in triples(doc, "rx") and "rxnews" not in doc.spans


@pytest.mark.parametrize(("config", "error", "message"), [
    ({"patterns": ["{missing}"]}, PatternError, "missing: not a directory"),
    ({"patterns": ["{bad}"]}, PatternError, r"drugs.jsonl:1: .*"),
    ({"patterns": "{bad}"}, ConfigValidationError, "patterns"),
    ({"spans_key": 3}, ConfigValidationError, "spans_key"),
])
def test_spacy_component_bad_config_fails_at_add_pipe(tmp_path, config, error, message):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "drugs.jsonl").write_text('{"id": "x", "label": "DRUG"}\n', encoding="utf-8")
    where = {"missing": tmp_path / "missing", "bad": tmp_path / "bad"}
    config = {k: [p.format(**where) for p in v] if isinstance(v, list) else
              v.format(**where) if isinstance(v, str) else v for k, v in config.items()}
    nlp = spacy.blank("en")
    with pytest.raises(error, match=message):
        nlp.add_pipe("rxnews", config=config)
    assert nlp.pipe_names == []


def test_spacy_component_one_folder_as_a_string_is_refused_in_python():
    from rxnews.spacy_component import RxnewsComponent

    with pytest.raises(TypeError, match="a list of folders"):
        RxnewsComponent(patterns="my_patterns")


def test_spacy_component_docs_serialise_with_record_and_spans(nlp):
    doc = nlp(RELEASE)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.rxnews == doc._.rxnews and triples(again) == SPANS
    box = DocBin(store_user_data=True)
    box.add(doc)
    (loaded,) = DocBin().from_bytes(box.to_bytes()).get_docs(spacy.blank("en").vocab)
    # DocBin's msgpack reads lists back as tuples: the same JSON.
    assert json.dumps(loaded._.rxnews) == json.dumps(doc._.rxnews) and triples(loaded) == SPANS


def test_spacy_component_pipeline_round_trips_through_disk(tmp_path, user_patterns):
    nlp = spacy.blank("en")
    nlp.add_pipe("rxnews", config={"patterns": [str(user_patterns)], "spans_key": "rx"})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["rxnews"]
    assert loaded.get_pipe("rxnews").patterns == [str(user_patterns)]
    for text in (RELEASE, NEW_DRUG_TEXT):
        doc, again = nlp(text), loaded(text)
        assert again._.rxnews == doc._.rxnews and triples(again, "rx") == triples(doc, "rx")
    assert loaded.from_bytes(nlp.to_bytes()).pipe_names == ["rxnews"]


def test_spacy_component_extension_registration_is_idempotent_and_reclaims_a_getter(nlp):
    from rxnews.spacy_component import register_extension

    register_extension()
    register_extension()
    assert Doc.get_extension("rxnews") == (None, None, None, None)
    Doc.set_extension("rxnews", getter=lambda doc: "someone else's", force=True)
    try:
        register_extension()
        assert nlp("The FDA approved ACM-101.")._.rxnews["drugs"][0]["name"] == "ACM-101"
    finally:
        Doc.set_extension("rxnews", default=None, force=True)


def test_spacy_component_errors_go_to_the_error_handler(monkeypatch):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("rxnews")
    real = component.extractor.extract_document

    def fail_on_b(text, **kwargs):
        if text == "B":
            raise RuntimeError("boom")
        return real(text, **kwargs)

    monkeypatch.setattr(component.extractor, "extract_document", fail_on_b)
    with pytest.raises(RuntimeError, match="boom"):
        list(nlp.pipe(["A", "B"]))
    failed = []
    nlp.set_error_handler(lambda name, proc, docs, err: failed.append((name, docs[0].text, str(err))))
    assert [doc.text for doc in nlp.pipe(["A", "B", "The FDA approved ACM-101."])] == [
        "A", "The FDA approved ACM-101."]
    assert failed == [("rxnews", "B", "boom")]


def test_spacy_component_readme_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(readme_example("#### spaCy component"), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "ACM-101 approval"
    assert lines[1].startswith("[('AGENCY', 'FDA', 'FDA'), ('DRUG', 'velotumab', 'ACM-101'), ")
    assert "('DATE', 'on May 2, 2024', '2024-05-02')" in lines[1]
