"""The labels a pattern file may use: the keys each allows and requires, and their defaults.

This table is the one place that says what a line of `patterns/*.jsonl` may hold;
validation, loading and `patterns/README.md` all follow it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

COMMON_KEYS = frozenset({"id", "label", "pattern", "case"})
PATTERN = object()  # a default that stands for the line's own (phrase) pattern


@dataclass(frozen=True)
class Label:
    """One label: what its lines are for and which keys they take."""

    name: str
    description: str
    keys: frozenset[str] = frozenset()  # keys allowed besides id, label, pattern and case
    required: frozenset[str] = frozenset()
    defaults: dict[str, Any] = field(default_factory=dict)  # `PATTERN`: the phrase itself
    choices: dict[str, frozenset[str]] = field(default_factory=dict)  # keys with fixed values
    phrase_only: bool = True  # False: a token pattern (a list) is allowed too
    matched: bool = True  # False: a word list the code reads, never matched in texts

    @property
    def allowed(self) -> frozenset[str]:
        """Every key a line of this label may have."""
        return COMMON_KEYS | self.keys


def _label(name: str, description: str, keys: tuple[str, ...] = (), required: tuple[str, ...] = (),
           **options: Any) -> Label:
    return Label(name, description, frozenset(keys), frozenset(required), **options)


_NAMED = {"canonical": PATTERN}  # a lexicon line names itself unless it says otherwise
LABELS: dict[str, Label] = {label.name: label for label in (
    _label("TARGET", "a molecular target; `symbol` is its HGNC symbol", ("canonical", "symbol"),
           defaults=_NAMED),
    _label("DISEASE", "a disease or condition; `doid` is its Disease Ontology ID; `scope: area` marks a "
           "therapeutic area (autoimmune diseases): matched, never reported as an indication",
           ("canonical", "doid", "scope"), defaults=_NAMED, choices={"scope": frozenset({"area"})}),
    _label("DRUG", "an INN or brand; a brand's `canonical` is its INN", ("canonical", "kind"), ("kind",),
           defaults=_NAMED, choices={"kind": frozenset({"inn", "brand", "code"})}),
    _label("AGENCY", "a regulator or one of its divisions (`parent`: the regulator it belongs to)",
           ("canonical", "full_name", "jurisdiction", "parent"), defaults=_NAMED),
    _label("MODALITY", "a kind of drug (bispecific antibody, ADC, siRNA, ...)", ("canonical",),
           defaults=_NAMED),
    _label("QUALIFIER", "a word that narrows a disease (advanced, recurrent or metastatic)"),
    _label("COMPANY_SUFFIX", "a corporate designator that ends a company name (Therapeutics, Co., Ltd.)"),
    _label("NOT_DRUG", "a code-shaped or stem-shaped word that is not a drug (COVID-19, nucleotide)"),
    _label("CUE", "a word or token pattern that event typing reads (`cue`: its name); `scope: near` marks "
           "a modifier (not, typically) that bears only on a trigger next to it", ("cue", "scope"), ("cue",),
           phrase_only=False, choices={"scope": frozenset({"near"})}),
    _label("NOT_CODE_PREFIX", "letters that start code-shaped strings which are not drug codes (ISO, HKEX)",
           matched=False),
    _label("NOT_BRAND", "a capitalised word that is never a brand, even with a (R) or before a '('",
           matched=False),
    _label("NOT_TARGET", "a short capitalised name that is never a target, even before 'inhibitor'",
           matched=False),
    _label("INN_STEM", "a WHO stem that ends INNs (-mab, -tinib): unknown words with it are drugs",
           matched=False),
    _label("EXCHANGE", "a stock exchange prefix of a ticker: '(Nasdaq: ABCD)'", matched=False),
    _label("ABBREVIATION", "an abbreviation after whose period a sentence goes on (Inc., Dr., Jan.)",
           matched=False),
)}


def is_matched(label: str) -> bool:
    """Whether the lines of a label are matched in texts (not a word list the code reads)."""
    return LABELS[label].matched
