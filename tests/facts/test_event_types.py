"""The event-type table is the one place a type is defined: everything else follows it."""

from rxnews.facts.event_types import (
    CUE_NAMES,
    EVENT_TABLE,
    EVENT_TYPES,
    RELEVANCE_CUES,
    TRIGGERS,
)
from rxnews.matching.patterns import load_patterns
from rxnews.record import json_schema


def cue_names_in_patterns() -> set[str]:
    return {e.get("cue") for e in load_patterns() if e.label == "CUE"}


def test_event_types_schema_enum_is_the_table():
    schema = json_schema()["properties"]["events"]["items"]["properties"]["type"]
    assert schema["enum"] == list(EVENT_TYPES) == [t.name for t in EVENT_TABLE]


def test_event_types_every_cue_of_the_table_is_in_the_pattern_files():
    assert TRIGGERS | RELEVANCE_CUES <= cue_names_in_patterns()


def test_event_types_every_cue_of_the_pattern_files_is_known():
    """A cue name only in `patterns/events.jsonl` would be read by nothing."""
    assert cue_names_in_patterns() <= CUE_NAMES


def test_event_types_every_type_can_be_triggered():
    assert [t.name for t in EVENT_TABLE if not t.triggers] == []


def test_event_types_names_are_unique():
    assert len(set(EVENT_TYPES)) == len(EVENT_TYPES)
