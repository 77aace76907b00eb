"""Drug names by shape: development codes, INN-stem words and marked or bracketed brands.

Pure searches over the character-normalised text and its tokens; `DrugNames`
holds the word lists they read (`patterns/`: NOT_CODE_PREFIX, NOT_DRUG,
NOT_BRAND, INN_STEM) and remembers per-word tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..matching.patterns import PatternEntry, words_of
from ..matching.regex import after_no
from ..matching.spans import merge_spans
from ..matching.tokens import WordMemo, tokenize
from .abbreviations import find_words
from .targets import names_a_target

# A development code: letters (one to three hyphenated segments: "HRS", "ACT-IOP", "GR-MD"),
# digits ("9813", "23E73"), then a short lower-case suffix ("ZB101sc", "DS-8201a"), a
# number ("4B02-01") or an upper-case one ("DX22-ADC").
CODE = re.compile(
    r"(?<![\w.$])(?:mRNA|\d?[A-Z][A-Za-z]{0,5})(?:-[A-Z][A-Za-z]{0,5}){0,2}-?[A-Z]{0,4}\d{1,8}"
    r"(?:[A-Z]\d{1,4}|[A-Z](?![A-Za-z]))?[a-z]{0,3}(?:-\d{1,3})?(?:-[A-Z]{2,4})?(?![\w]|-\w)"
)
MUTATION = re.compile(r"^[A-Z]\d{2,4}[A-Z]$")
# "4Q15", "H122", "6M-2018", "9M2023": a quarter, a half or some months of a year
PERIOD = re.compile(r"^(?:[1-4][QH]|[QH][1-4]|1?\d[M])-?(?:\d{2}|(?:19|20)\d{2})$")
TRIAL_NAME = re.compile(r"^[A-Z]{5,}-\d{1,3}$")  # "KEYNOTE-522", "CHART-2": a trial, not a drug
# One capital and four to seven digits ("E7080", "F901318"): a code, but not a year ("A2024").
ONE_LETTER_CODE = re.compile(r"^[A-Z](?!(?:19|20)\d\d$)\d{4,7}$")
# A short code glued by a hyphen to another code is its protocol's number ("LIPO-202-CL-31").
PROTOCOL_TAIL = re.compile(r"[A-Z]{1,3}-\d{1,3}$")
PROTOCOL_BEFORE = re.compile(r"\d-$")
# A listing's exchange before a code makes it a ticker ("(KRX: A096530)", "KOSDAQ: A123456").
TICKER_BEFORE = re.compile(r"\b[A-Z]{2,8}\s*:\s*$")
# A code before these names a trial ("the X-02 trial") or a family of compounds ("the PG500 series");
# one before "program" names a drug's.
TRIAL_AFTER = re.compile(r"\s+(?:trials?|stud(?:y|ies)|cohorts?|series)\b", re.I)
# A code right after "trial" or "study" on its line, with a study number after the drug's (two runs
# of digits), is the trial's number ("the Phase 2b clinical trial ABX464-103", "this trial
# (AB-101-302)"); "in the Phase 2 trial ZX-101 was well tolerated" names the drug.
TRIAL_BEFORE = re.compile(r"\b(?:trial|study)[^\S\n]*\(?[^\S\n]*$", re.I)
TRIAL_NUMBER = re.compile(r"\d+[A-Za-z]*-\d{2,3}$")
_LETTERS = re.compile(r"^[^\d]*")
# What ends no spaced code: more of a number or an amount ("SEK 150 million", "KRW 1,458").
SPACED_CODE_AFTER = re.compile(r"[\w.,%/-]\w|\s*(?:mg|kg|ml|mL|million|billion|bn|m\b|k\b|%)", re.I)
# A code with a single digit ("SB5", "CT-P6") is a drug only where the text says so nearby.
ONE_DIGIT_CONTEXT = re.compile(
    r"\b(?:candidates?|biosimilars?|vaccines?|therap(?:y|ies|eutics?)|antibod(?:y|ies)|drugs?|compounds?|"
    r"molecules?|inhibitors?|agonists?|antagonists?|conjugates?|ADCs?|CAR-?T|dubbed|called|code-?named|"
    r"formerly|known\s+as|dosed|injection|tablets?|investigational)\b", re.I)
ONE_DIGIT_REACH = 80  # characters each side of a one-digit code searched for its context
# A disease's word after a short code ("GM1 gangliosidosis", "CLN2 disease"), not a program's.
_DISEASE_AFTER = re.compile(
    r"[ -](?:disease|syndrome|deficiency|disorder|[a-z]{3,}(?:osis|[ae]mia|opathy|itis))\b"
    r"(?!\s+(?:program|programme|trials?|stud(?:y|ies)|patients|indication|franchise))")

# A gene's word after a short code ("NPM1-mutated AML", "IDH1 mutations", "CLDN6-positive tumors").
_GENE_AFTER = re.compile(r"[ -](?:mutat(?:ed|ions?)|mutants?|positive|negative|expressi(?:on|ng)|gene|"
                         r"amplifi(?:ed|cation)|deficient|variants?|fusions?|enzymes?(?![- ]replacement)|"
                         r"transporters?)\b", re.I)
# ... or a short code in parentheses after an enzyme's, a receptor's or a factor's name in lower case
# ("an antibody to dipeptidyl peptidase 3 (DPP3)", "insulin-like growth factor 1 (IGF1)").
_GENE_NAMED_BEFORE = re.compile(r"\b[a-z]+(?:ase|receptor|factor|protein|transporter)"
                                r"(?:[ -]\d{1,2}[A-Za-z]?)?[^\S\n]*\([^\S\n]*$"
                                # "nuclear receptor subfamily 2 group E member 3 (NR2E3)"
                                r"|\b(?:member|subunit|subfamily|family|isoform|homolog|domain|like)"
                                r"[ -]\d{1,2}[A-Za-z]?[^\S\n]*\([^\S\n]*$")
_GENE_NAME_REACH = 40  # characters before a short code where that name is looked for

# Every CODE match has its digits at the start of a run of digits right after a letter or
# hyphen, at most 22 characters after the code starts ("HKEX-ABCDEFG-HIJKLM12") and 18
# before it ends ("12E1234sc-01-ADC"). Years and amounts, after a space, are skipped.
_DIGIT_RUN = re.compile(r"(?<=[A-Za-z-])\d+")
_CODE_BEFORE_DIGITS, _CODE_AFTER_DIGITS = 23, 19
_DIGIT = re.compile(r"\d")
SECOND_WORD = re.compile(
    r"\s+([a-z]{1,40}(?:tecan|dotin|tansine|tesirine|ozogamicin|leucel|parvovec|vec|gene|"
    r"pegol|alfa|beta)\b|(?:alfa|alpha|beta|pegol)\b(?!-(?![a-z]{4}\b)|\s+cells?\b))"  # "epoetin alfa"
)
SALT = re.compile(
    r"\s+(?:acetate|hydrochloride|dihydrochloride|mesylate|maleate|tartrate|citrate|besylate|"
    r"fumarate|succinate|sulfate|phosphate|tosylate|sodium|potassium|calcium|bromide)\b"
)
# The ester or pro-drug word of a two-word INN ("baloxavir marboxil", "olmesartan medoxomil").
ESTER = re.compile(r"\s+(?:marboxil|medoxomil|axetil|pivoxil|proxetil|dipivoxil|alafenamide|disoproxil|"
                   r"etexilate|mofetil|cilexetil|etabonate|fosamil|tidoxil)\b", re.I)
BIOLOGIC_SUFFIX = re.compile(r"-[a-z]{4}\b(?!-)")
# A trade mark, or one written out ("Velesin(TM)" in older wire copy).
_MARK = r"(?:[\u2122\u00ae]|\((?:TM|R)\))"
TRADEMARK = re.compile(_MARK)
TRADEMARK_SIGNS = ("\u2122", "\u00ae", "(TM)", "(R)")  # one is in every TRADEMARK match
# Matched backwards from each mark over a short window, so that long hyphen chains cannot
# make the search quadratic.
TRADEMARK_WORD = re.compile(r"([A-Z][A-Za-z0-9]{0,30}(?:-[A-Za-z0-9]{1,20}){0,3})\s?$")
NOT_PRODUCT_AFTER = re.compile(  # after the mark; "J-Brain Cargo(R), a proprietary technology"
    r"\s*(?:,\s+(?:an?|our|its|the)\s+(?:(?:proprietary|novel|patented|unique)\s+)*)?"
    r"(?:(?:platform|technology|technologies|system|device|kit|assay|test|program"
    r"|programme|app|portal|engine|library|process|method|network|therapeutics|pharma)\b"
    # a platform's own words before it: "DermaSys(R) drug delivery technology" (not "transdermal system")
    r"|(?:(?:drug|delivery|discovery|antibody|conjugation|conjugate|formulation|encapsulation|screening|"
    r"editing|targeting|linker|nanoparticle|peptide|protein)\s+){1,2}(?:platforms?|technology|technologies|engine"
    r"|library)\b)",
    re.I
)
BRAND_BEFORE_PAREN = re.compile(
    r"([A-Z][A-Za-z0-9]{2,})(?:\s(?:Tablets?|Capsules?|Injection|Injectable|Oral Solution))?"
    r"[\u2122\u00ae]?\s*\(\s*(?:active ingredients?:\s*)?$"
)
# A dosage form between a name and its parenthesis: "Rotigotine Extended-Release Microspheres for
# Injection (LY03003)", "Iptacopan Hydrochloride Capsules (Fabhalta)".
_RELEASE = r"(?:extended|delayed|modified|prolonged|sustained|controlled)"  # ... release
FORM_TAIL = re.compile(  # (after the name's mark, if any; "DARVIAS(R) Injection 135mg (SP-02)")
    rf"{_MARK}?"
    r"(?:\s+(?:\d+(?:\.\d+)?\s?(?:mg|mcg|\u00b5g|g|ml|%)|"
    rf"{_RELEASE}-release|film-coated|orally|"
    r"disintegrating|oral|for|injection|injectable|infusion|intravenous|subcutaneous|tablets?|capsules?|"
    r"microspheres?|granules|powder|solution|suspension|emulsion|cream|gel|ointment|spray|patch|drops|eye|"
    r"nasal|concentrate|lyophili[sz]ed|hydrochloride|mesylate|maleate|sodium|potassium))+", re.I)
PAREN_OPEN = re.compile(rf"{_MARK}?\s*\(\s*(?:active ingredients?:\s*)?")
BRAND_IN_PAREN = re.compile(r"^\s*\(\s*([A-Z][A-Za-z0-9]{2,})[\u2122\u00ae]?\s*[),]")
NAMED_BRAND = re.compile(
    r"\b(?:(?:under\s+the\s+)?(?:brand|trade)\s+names?|marketed\s+(?:as|under(?:\s+the\s+name)?)|"
    r"sold\s+as)\s*:?\s*[\"']?([A-Z][A-Za-z0-9]{2,}(?:-[A-Za-z0-9]+)?)"
)
NAMED_BRAND_WORDS = ("brand", "trade", "marketed", "sold")  # one is in every NAMED_BRAND match
# A name the text says is a drug: "Ocuvex, a phentolamine eye drop", "Velkora, an investigational
# gene therapy", "the vaccine candidate Tramivax", "drug candidate AB1".
_PRODUCT_NOUNS = ("inhibitor", "antibody", "vaccine", "gene therapy", "cell therapy", "therapy",
                  "therapeutic", "candidate", "drug", "agonist", "antagonist", "modulator", "conjugate",
                  "ADC", "formulation", "injection", "tablet", "capsule", "biosimilar", "degrader", "siRNA",
                  "oligonucleotide", "eye drop", "ophthalmic solution", "oral solution", "immunotherapy",
                  "oncolytic virus", "virotherapy", "treatment")
_PRODUCT_NOUN = "(?:" + "|".join(noun.replace(" ", r"\s+") for noun in _PRODUCT_NOUNS) + ")"
# The last word of every product noun: the words a product noun is found at among the tokens.
_PRODUCT_NOUN_WORDS = frozenset(noun.split()[-1] for noun in _PRODUCT_NOUNS)
# The words between "a" and the noun: adjectives, targets, never the word of a company, nor a
# preposition or article ("Meeting, a growing recognition of the drug candidate's efficacy").
_DESCRIBING = (r"(?!(?:biotech\w*|biopharma\w*|pharma\w*|compan\w*|firm|maker|developer|group|leader|"
               r"of|the|for|in|with|to|and|by|on|at|from)\b)[\w-]+\s+")
_NAME = r"[A-Z][A-Za-z0-9]{2,20}(?:-[A-Za-z0-9]{1,10})?"
# Found from its description (", a ... drug" opens with a literal, which is fast to find),
# then the name that ends at its comma.
# (Not a company the noun describes: "Acmegen, a gene therapy company".)
_NOT_PRODUCT_AFTER = (r"(?!\s+(?:compan(?:y|ies)|firm|business|biotech\w*|developer|maker|manufacturer|"
                      r"specialist|pioneer|leader|start-?up|group|platform)\b(?!-))")
DESCRIPTION = re.compile(rf",\s+an?\s+(?:{_DESCRIBING}){{0,4}}?{_PRODUCT_NOUN}\b{_NOT_PRODUCT_AFTER}")
NAME_BEFORE_DESCRIPTION = re.compile(rf"(?<!\w)({_NAME})[\u2122\u00ae]?$")
NAME_REACH = 34  # characters of the longest name and its mark
# A name between a possessive and a product noun: "the company's AstroRx drug", "its Modi-1
# cancer vaccine", "Meditech's HyCAMP cancer therapeutic". The possessives are found among the
# words by their kind (`POSSESSIVE`), the rest matched after them. The name has a brand's shape
# (a capital or digit inside it); its part after a hyphen is a number or a capital
# ("LGR5-targeted therapy" names none); a "platform", "pipeline" or "plant" after the noun is
# no product.
# ("s" after an apostrophe: "Acme's")
_POSSESSIVE_WORDS = frozenset({"its", "their", "our", "Its", "Their", "Our", "s"})
POSSESSED_NAME = re.compile(
    r"(?=[A-Z][a-z]+[A-Z0-9]|[A-Z][a-z]*-[0-9])"  # a brand's shape, no plain word ("its European vaccine")
    rf"([A-Z][A-Za-z0-9]{{2,20}}(?:-[A-Z0-9][A-Za-z0-9]{{0,9}})?)\s+(?:{_DESCRIBING}){{0,2}}?{_PRODUCT_NOUN}s?\b"
    r"(?!\s+(?:platforms?|technolog(?:y|ies)|programs?|programmes?|portfolio|pipeline|franchise|business|unit|"
    r"development|manufacturing|plants?|sales|divisions?))")
# The name after the noun: "its cancer vaccine Prostavax", "their CAR-T therapy Velcel-2",
# "its new plasma product drug ZORGLO" (a brand of four capitals or more is taken here: a
# possessive and a product noun stand right before it). No sentence opens with the noun.
POSSESSED_NOUN_NAME = re.compile(
    rf"(?:{_DESCRIBING}){{0,3}}?{_PRODUCT_NOUN}[ \t]+"
    r"([A-Z](?:[a-z]{2,20}(?:[A-Z][a-z]{1,20})?|[A-Z]{3,11})(?:-[A-Z][A-Za-z]{1,9}|-\d{1,3})?)"
    r"(?![\w-]|['\u2019]|\s+(?:[A-Z]|&|\d|(?:patients|trials?|stud(?:y|ies)|programs?|programmes?|platforms?|"
    r"technolog(?:y|ies)|portfolio|pipeline|franchise|business|unit|development|sales|designations?|status|"
    r"approvals?|reviews?|applications?|filings?|submissions?|data|results)\b))")
# A name of a brand's strong shape right after a product noun, whoever's it is: "the stem cell
# therapy AstroCel-V", "the vaccine CERVAX" (inner capitals, or five capitals or more). Found at the
# product nouns among the words (their last word, `PRODUCT_NOUN_WORD`): the whole-text expression,
# NOUN_THEN_BRAND, costs 3% of a release's time.
# After the name: punctuation, the end, or a word that goes on a sentence about a product ("in",
# "and", "has" after capitals); a verb or a noun after it makes the name the subject or a modifier
# ("the ADC DualityBio discovered", "the antibody ImmunoGen had developed", "IgG subclass").
_STRONG_NEXT = (r"[^\w\s'\u2019-]|\s*$|\s+(?:in|for|to|with|and|or|as|at|on|from|is|was|will|which|that|by|"
                r"under|plus|versus|vs)\b")
_STRONG_SUFFIX = r"(?:-[A-Z][A-Za-z]{0,9}|-\d{1,3})?"
STRONG_NAME = re.compile(
    rf"((?:[A-Z][a-z]+[A-Z][A-Za-z]*{_STRONG_SUFFIX}(?={_STRONG_NEXT})"  # inner capitals: "AstroStem-V"
    rf"|[A-Z]{{5,12}}{_STRONG_SUFFIX}(?={_STRONG_NEXT}|\s+(?:has|have|had)\s+(?:been\s+)?\w+(?:ed|en|wn)\b)))")
NOUN_THEN_BRAND = re.compile(rf"(?<![A-Za-z]){_PRODUCT_NOUN}[ \t]+(?={STRONG_NAME.pattern})")
_NOUN_BEFORE = re.compile(rf"(?<![A-Za-z]){_PRODUCT_NOUN}[ \t]+\Z")
CANDIDATE_NAME = re.compile(after_no(r"\w", ["drug", "vaccine", "product", "therapy"]) +  # on one line
                            rf"\s+candidates?,?[^\S\n]+({_NAME})\b")

# A name before a dosage form in lower case: "Velkora tablets", "Ocuvex injection",
# "Velkora extended-release tablets" (a capitalised word opening a sentence is no name). A form
# is found by its last word, a token, with the words it needs before it ("eye drops").
_FORM_MODIFIER = (rf"(?:{_RELEASE}[- ]release\s+)?"
                  r"(?:film-coated\s+|orally\s+disintegrating\s+|oral\s+|subcutaneous\s+|intravenous\s+|"
                  r"inhalation\s+)?")
# A release form's letters are part of the brand: "Tuzistra XR extended release oral suspension".
_RELEASE_LETTERS = r"(?:\s(?:XR|ER|SR|CR|XL|LA|DR|MR|ODT))?"
_PREFILLED = r"pre-?filled\s+"
FORM_WORDS = {"tablet": "", "tablets": "", "capsule": "", "capsules": "", "injection": r"(?:for\s+)?",
              "injections": "", "injectable": "", "cream": "", "ointment": "", "inhaler": "",
              "solution": r"(?:ophthalmic|oral)\s+", "suspension": r"oral\s+", "drops": r"eye\s+",
              "spray": r"nasal\s+", "patch": r"transdermal\s+", "syringe": _PREFILLED,
              "syringes": _PREFILLED, "pen": _PREFILLED, "pens": _PREFILLED}
_NAME_BEFORE_FORM = {needs: re.compile(rf"(?<![\w-])([A-Z][a-z]{{2,}}[A-Za-z0-9]*{_RELEASE_LETTERS})"
                                       rf"[\u2122\u00ae]?\s+{_FORM_MODIFIER}{needs}$")
                     for needs in set(FORM_WORDS.values())}
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;\n\u2022]|\d\.)\s*[\"'\u201c(]?$")
FORM_REACH = 80  # characters before a form's last word searched for the name

# A name in a drug's slot: what a trial evaluates, what an application or a designation is for,
# what patients receive ("the Phase 3 trial of its Locilex", "New Drug Application (NDA) for
# Serada", "designation for its lead compound Myrcludex", "patients receiving Zorvexa"). The
# slot's words are lower case, so that a headline's title case ("Trial of Novel Therapy") is no
# slot; a name followed by another capitalised word ("Orphan Drug"), a hyphen or a possessive is
# not taken.
_SLOT = (r"\b(?:(?:trials?|stud(?:y|ies))\s{1,5}(?:of|evaluating|investigating|with)"
         r"|(?:its|the|our|their)\s{1,5}(?:(?:lead|candidate|investigational|experimental|novel)\s{1,5})?"
         r"(?:drug|compound)(?:\s{1,5}candidate)?,?"
         r"|(?:evaluating|investigating|receiving|treated\s{1,5}with|dosed\s{1,5}with)"
         r"|(?:[Aa]pplication|NDA|BLA|MAA|sNDA|sBLA|IND|ANDA|CTA)(?:\s{0,5}\([A-Za-z]{2,5}\))?"
         r"\s{1,5}(?:for|of)"
         r"|[Dd]esignations?\s{1,5}(?:to|for)|status\s{1,5}for)"
         r"\s{1,5}(?:(?:its|the|our|their)\s{1,5})?(?:(?:lead|investigational|novel|drug|product|compound|"
         r"candidate|first-in-class|experimental)\s{1,5}){0,3}")
_SLOT_FILLER = r"(?:[A-Z][a-z]{2,20}(?:[A-Z][a-z]{1,20})?)"
_NOT_AFTER_NAME = (r"\b(?![-'\u2019]|\s+(?:[A-Z]|&|(?:patients|subjects|adults|children|participants|"
                   r"volunteers|men|women|people|population|sites?|centers|centres|investigators|"
                   r"shareholders|stockholders|investors|board|clinical|trials?|stud(?:y|ies))\b))")
SLOT_NAME = re.compile(f"{_SLOT}({_SLOT_FILLER}){_NOT_AFTER_NAME}")
# The same, in two parts: the slot that ends where a name starts, and the name.
SLOT_BEFORE = re.compile(f"{_SLOT}\\Z")
SLOT_FILLER = re.compile(f"{_SLOT_FILLER}{_NOT_AFTER_NAME}")
SLOT_REACH = 200  # characters: the longest slot is shorter
# Every slot holds one of these: a window without one is not searched.
SLOT_HEADS = ("trial", "stud", "drug", "compound", "evaluating", "investigating", "receiving", "with",
              "pplication", "NDA", "BLA", "MAA", "IND", "CTA", "esignation", "status")
# The words a slot can end with: a name is looked for only after one of them.
SLOT_ENDS = frozenset("of evaluating investigating with drug compound candidate , receiving for to its the "
                      "our their lead investigational novel product class experimental".split())
_NAME_WORD = re.compile(_SLOT_FILLER)
_CODE_LETTERS = re.compile(r"[A-Z]{2,5}")
_CODE_NUMBER = re.compile(r"(?!19\d\d|20\d\d)\d{3,4}")  # no year

# The bits of `DrugNames.word_kinds`: the shapes of words and of the pairs `_pairs` finds (a word
# that can end a slot, then a name; capitals, then a number of three or four digits).
(HAS_DIGIT, INN_SHAPED, FORM_WORD, NAME_SHAPED, SLOT_END, CODE_LETTERS, CODE_NUMBER, POSSESSIVE,
 PRODUCT_NOUN_WORD) = (1, 2, 4, 8, 16, 32, 64, 128, 256)
_ALL_KINDS = 511
# The kinds that a word has by being in a word list, by word.
_WORD_LIST_BITS = {word: (word in FORM_WORDS) * FORM_WORD | (word in SLOT_ENDS) * SLOT_END
                   | (word in _POSSESSIVE_WORDS) * POSSESSIVE
                   | (word in _PRODUCT_NOUN_WORDS) * PRODUCT_NOUN_WORD
                   for word in {*FORM_WORDS, *SLOT_ENDS, *_POSSESSIVE_WORDS, *_PRODUCT_NOUN_WORDS}}


def _kind_class(bit: int) -> str:
    """A character class of the kinds characters (see `DrugNames.word_kinds`) that have `bit`."""
    return "[" + "".join(re.escape(chr(bits)) for bits in range(_ALL_KINDS + 1) if bits & bit) + "]"


@functools.cache  # a few bits and pairs of bits
def _kind_pattern(first: int, second: int = 0) -> re.Pattern[str]:
    """The words with `first` among their kinds, or with `second` right after a word with `first`."""
    if not second:
        return re.compile(_kind_class(first))
    return re.compile(f"(?<={_kind_class(first)}){_kind_class(second)}")


def _where(kinds: str, bit: int) -> list[int]:
    """The positions of the words with `bit` among their kinds."""
    return [m.start() for m in _kind_pattern(bit).finditer(kinds)]


def _pairs(kinds: str, first: int, second: int) -> list[int]:
    """The positions of the words with `second` among their kinds right after a word with `first`."""
    return [m.start() for m in _kind_pattern(first, second).finditer(kinds)]


def is_code(token: str, not_prefixes: frozenset[str]) -> bool:
    """Decide whether a code-shaped token is a drug development code.

    Letters in `not_prefixes` ("CD", "FY", "ISO") make a code-shaped word no code, unless a
    hyphen and three or more digits make it a serial number ("CD-001", "S-217622").
    """
    if MUTATION.match(token) or PERIOD.match(token) or TRIAL_NAME.match(token):
        return False
    letters = _LETTERS.match(token).group(0).rstrip("-") if not token[0].isdigit() else ""
    digits = sum(map(str.isdigit, token))
    serial = "-" in token and "-" not in letters and digits >= 3  # "CD-001", not "HKEX-GL107-20"
    if (letters.upper() in not_prefixes or letters.split("-")[0].upper() in not_prefixes) and not serial:
        return False
    if digits == 1 and sum(map(str.isalpha, letters)) < 2:  # "Q3", "H1", "T1"
        return False
    if token.startswith("mRNA"):
        return True
    if digits >= 8 and "-" not in token:  # a registry's number ("DRKS00031234"), not a code
        return False
    # Trial names are often mixed case ("AReSVi-006"); drug codes rarely are.
    if sum(1 for ch in letters if ch.islower()) >= 2:
        return False
    uppers = sum(1 for ch in token if ch.isupper())
    return uppers >= 2 or token[0].isdigit() or serial or bool(ONE_LETTER_CODE.match(token))


def code_matches(text: str, tokens: tuple[list[str], list[int]], digit_tokens: list[int]
                 ) -> list[re.Match[str]]:
    """The matches of CODE in `text`, searched only near runs of digits.

    Every digit is in a token, so the runs are searched in the tokens that hold a
    digit (`digit_tokens`, their positions; touching ones merged, so that a run is never
    cut): a regular expression over the whole text costs more than the rest of the search.
    """
    words, starts = tokens
    digits = merge_spans([(starts[i], starts[i] + len(words[i])) for i in digit_tokens])
    windows = merge_spans([(max(0, run.start() - _CODE_BEFORE_DIGITS),
                            min(len(text), run.end() + _CODE_AFTER_DIGITS))
                           for lo, hi in digits for run in _DIGIT_RUN.finditer(text, lo, hi)])
    return [m for lo, hi in windows for m in CODE.finditer(text, lo, hi)]


def extend_inn(text: str, end: int) -> int:
    """Extend an INN over a payload/second word, an ester, a salt or a biologic suffix."""
    for pattern in (BIOLOGIC_SUFFIX, SECOND_WORD, BIOLOGIC_SUFFIX, ESTER, SALT):  # "X deruxtecan-abcd"
        m = pattern.match(text, end)
        if m:
            end = m.end()
    return end


class DrugNames:
    """The shape searches for drug names, with the word lists they read."""

    def __init__(self, not_prefixes: Iterable[str] = (), not_codes: Iterable[str] = (),
                 not_brands: Iterable[str] = (), stems: Iterable[str] = ()) -> None:
        self.not_prefixes = frozenset(p.upper() for p in not_prefixes)
        self.not_codes = frozenset(not_codes)
        self.not_brands = frozenset(not_brands)
        self.stems = tuple(sorted(set(stems), key=lambda s: (-len(s), s)))
        # Four letters or more before the stem, or two in a word of eight letters or more
        # ("oxazepam", "edoxaban"): shorter words ending in a stem are mostly English ("mongrel").
        stem = f"(?:{'|'.join(map(re.escape, self.stems))})"
        self._inn_word = re.compile(
            rf"\b(?:[A-Za-z][a-z]{{3,40}}{stem}|(?=\w{{8}})[A-Za-z][a-z]{{1,40}}{stem})\b")
        self._kinds = WordMemo(self._kind_bits)

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> DrugNames:
        """Build from the NOT_CODE_PREFIX, NOT_DRUG, NOT_BRAND and INN_STEM lines."""
        return cls(words_of(entries, "NOT_CODE_PREFIX"), words_of(entries, "NOT_DRUG"),
                   words_of(entries, "NOT_BRAND"), words_of(entries, "INN_STEM"))

    def _kind_bits(self, word: str) -> str:
        return chr((_DIGIT.search(word) is not None) * HAS_DIGIT | self._is_inn_token(word) * INN_SHAPED
                   | _WORD_LIST_BITS.get(word, 0)  # form words, slot ends, possessives: one lookup
                   # (each shape's regex tried only on words that can have it: a new word costs less)
                   | (word[:1].isupper() and _NAME_WORD.fullmatch(word) is not None) * NAME_SHAPED
                   | (word.isupper() and _CODE_LETTERS.fullmatch(word) is not None) * CODE_LETTERS
                   | (word.isdecimal() and _CODE_NUMBER.fullmatch(word) is not None) * CODE_NUMBER)

    def word_kinds(self, words: list[str]) -> str:
        """Each word's kinds (HAS_DIGIT, INN_SHAPED, ...), as the character of their bits: every word
        of a text looked up once for the shape searches, which take the string as `kinds` and find
        the words of a kind, or a pair of words, with a regular expression over it."""
        return "".join(self._kinds.of(words))

    def find_codes(self, text: str, tokens: tuple[list[str], list[int]], kinds: str | None = None
                   ) -> list[tuple[int, int]]:
        """Return the offsets of development codes (the caller skips those inside other names).

        `tokens` is `matching.tokens.tokenize(text)`, `kinds` its `word_kinds`.
        """
        digits = _where(kinds if kinds is not None else self.word_kinds(tokens[0]), HAS_DIGIT)
        found = []
        short: set[str] = set()  # codes of one or two digits: a gene's symbol has that shape
        for m in code_matches(text, tokens, digits):
            code = m.group(0)
            if (code in self.not_codes or not is_code(code, self.not_prefixes)
                    or TICKER_BEFORE.search(text, max(0, m.start() - 16), m.start())
                    or PROTOCOL_TAIL.match(code)
                    and PROTOCOL_BEFORE.search(text, max(0, m.start() - 2), m.start())
                    or TRIAL_AFTER.match(text, m.end())
                    or TRIAL_NUMBER.search(code)
                    and TRIAL_BEFORE.search(text, max(0, m.start() - 12), m.start())):
                continue
            count = sum(map(str.isdigit, code))
            if count > 1 or ONE_DIGIT_CONTEXT.search(
                    text, max(0, m.start() - ONE_DIGIT_REACH), m.end() + ONE_DIGIT_REACH):
                found.append(m.span())
                if count <= 2:
                    short.add(code)
        # A short code that the text names as a target anywhere ("an LGR5-targeted CAR-T",
        # "an EP4 antagonist", "anti-DLK-1") is a gene's symbol, and one that names a disease
        # ("GM1 gangliosidosis", "CLN2 disease") is the disease's: no drug anywhere.
        # (Every short code's occurrences found in one pass: one scan per code is quadratic on a big
        # release with thousands of them.)
        occurrences = find_words(text, sorted(short)) if short else {}
        genes = {code for code, spans in occurrences.items()
                 if any(names_a_target(text, s, e) or _GENE_AFTER.match(text, e)
                        or _GENE_NAMED_BEFORE.search(text, max(0, s - _GENE_NAME_REACH), s)
                        or ("-" not in code and _DISEASE_AFTER.match(text, e)) for s, e in spans)}
        return [(s, e) for s, e in found if text[s:e] not in genes] if genes else found

    def find_spaced_codes(self, text: str, tokens: tuple[list[str], list[int]], kinds: str | None = None
                          ) -> list[tuple[int, int]]:
        """Return the offsets of codes written with a space ("XOMA 052", "ARQ 531"): two to five
        capitals, one space, three or four digits (no year), a drug's words nearby, as for a
        one-digit code (currencies, exchanges and meetings, "KRW 896", "ASCO 2020", are not)."""
        words, starts = tokens
        found = []
        for i in _pairs(kinds if kinds is not None else self.word_kinds(words), CODE_LETTERS, CODE_NUMBER):
            letters, digits, start = words[i - 1], words[i], starts[i - 1]
            if start + len(letters) + 1 != starts[i] or text[starts[i] - 1] != " ":
                continue
            end = starts[i] + len(digits)
            joined = start and (text[start - 1].isalnum() or text[start - 1] in "-.")  # "AB-CD 123"
            if letters in self.not_prefixes or joined or SPACED_CODE_AFTER.match(text, end):
                continue
            if ONE_DIGIT_CONTEXT.search(text, max(0, start - ONE_DIGIT_REACH), end + ONE_DIGIT_REACH):
                found.append((start, end))
        return found

    def is_stem_inn(self, word: str) -> bool:
        """Whether a word is shaped like an INN by its WHO stem (NOT_DRUG words are left to the caller)."""
        if not self._inn_word.fullmatch(word):
            return False
        lower = word.lower()
        if lower.endswith("peptide"):  # "tetrapeptide": a kind of molecule, not a name
            return False
        return not (lower.endswith(("cel", "gene", "stat", "cept", "tide", "vir")) and len(lower) < 9)

    def _is_inn_token(self, word: str) -> bool:
        return len(word) > 6 and word.endswith(self.stems) and self.is_stem_inn(word)  # 7+: see _inn_word

    def find_stem_inns(self, words: list[str], starts: list[int], kinds: str | None = None
                       ) -> list[tuple[int, int]]:
        """Return the offsets of words shaped like INNs by their WHO stem (e.g. -mab, -tinib).

        `words` and `starts` are `tokenize`'s: an address is one token, so no name is
        found inside "www.zanidatamab.com". `kinds` is their `word_kinds`.
        """
        found = _where(kinds if kinds is not None else self.word_kinds(words), INN_SHAPED)
        return [(starts[i], starts[i] + len(words[i])) for i in found]

    def find_trademark_brands(self, text: str) -> list[tuple[int, int]]:
        """Return the offsets of capitalised names marked with (TM)/(R) that are not platforms."""
        found: list = []
        if not any(sign in text for sign in TRADEMARK_SIGNS):  # finding a string is much faster
            return found  # than a regular expression's search for it
        for mark in TRADEMARK.finditer(text):
            m = TRADEMARK_WORD.search(text, max(0, mark.start() - 60), mark.start())
            if m is None or NOT_PRODUCT_AFTER.match(text, mark.end()):
                continue
            if m.start(1) and text[m.start(1) - 1].isalnum():  # "1stOncology(TM)": not a word of its own
                continue
            if m.group(1) in self.not_brands or len(m.group(1)) < 3:
                continue
            found.append((m.start(1), m.end(1)))
        return found

    def find_described_products(self, text: str, tokens: tuple[list[str], list[int]] | None = None,
                                kinds: str | None = None) -> list[tuple[int, int, int]]:
        """Return (start, end, end of description) of names the text describes as drugs
        ("Ocuvex, an eye drop", "drug candidate AB1", "its Ocuvex eye drop"); the description may
        name the product's INN."""
        found = []
        for m in DESCRIPTION.finditer(text):
            name = NAME_BEFORE_DESCRIPTION.search(text, max(0, m.start() - NAME_REACH), m.start())
            if name:
                found.append((name.start(1), name.end(1), m.end()))
        for m in CANDIDATE_NAME.finditer(text) if "candidate" in text else ():
            found.append((m.start(1), m.end(1), m.end()))
        # Capitals alone are an acronym's shape, unless a possessive and a product noun precede them.
        found = [(start, end, described) for start, end, described in found
                 if not text[start:end].isupper() or any(map(str.isdigit, text[start:end]))]
        found += self.find_possessed_names(text, tokens, kinds) + self.find_noun_brands(text, tokens, kinds)
        return [(start, end, described) for start, end, described in sorted(found)
                if text[start:end] not in self.not_brands]

    def find_noun_brands(self, text: str, tokens: tuple[list[str], list[int]] | None = None,
                         kinds: str | None = None) -> list[tuple[int, int, int]]:
        """Return (start, end, start) of names of a brand's strong shape right after a product noun
        (`NOUN_THEN_BRAND`: "the vaccine CERVAX"), tried only after the product nouns' last words
        among the tokens. `tokens` is `tokenize(text)`, `kinds` its `word_kinds`."""
        words, starts = tokens if tokens is not None else tokenize(text)
        found = []
        for i in _where(kinds if kinds is not None else self.word_kinds(words), PRODUCT_NOUN_WORD):
            if i + 1 == len(words) or not words[i + 1][:1].isupper():
                continue
            at = starts[i + 1]
            gap = text[starts[i] + len(words[i]):at]
            if gap.strip(" \t") or not gap:
                continue
            if (m := STRONG_NAME.match(text, at)) and _NOUN_BEFORE.search(text, max(0, at - 60), at):
                found.append((m.start(1), m.end(1), m.start(1)))
        return found

    def find_possessed_names(self, text: str, tokens: tuple[list[str], list[int]] | None = None,
                             kinds: str | None = None) -> list[tuple[int, int, int]]:
        """Return (start, end, end of description) of names between a possessive and a product
        noun (`POSSESSED_NAME`: "its Vaxa-1 cancer vaccine"), tried only after the possessive
        words among the tokens. `tokens` is `tokenize(text)`, `kinds` its `word_kinds`."""
        words, starts = tokens if tokens is not None else tokenize(text)
        found = []
        for i in _where(kinds if kinds is not None else self.word_kinds(words), POSSESSIVE):
            if i + 1 == len(words) or (words[i] == "s" and (i == 0 or words[i - 1] not in ("'", "\u2019"))):
                continue
            if not text[starts[i] + len(words[i]):starts[i + 1]].isspace():
                continue
            m = POSSESSED_NAME.match(text, starts[i + 1]) if words[i + 1][:1].isupper() else None
            if m:
                found.append((m.start(1), m.end(1), m.end()))
            elif (m := POSSESSED_NOUN_NAME.match(text, starts[i + 1])) and "\n" not in m.group():
                found.append((m.start(1), m.end(1), m.start(1)))
        return found

    def find_form_brands(self, text: str, tokens: tuple[list[str], list[int]], kinds: str | None = None
                         ) -> list[tuple[int, int]]:
        """Return the offsets of names written before a dosage form ("Velkora tablets").

        `tokens` is `matching.tokens.tokenize(text)`, `kinds` its `word_kinds`.
        """
        words, starts = tokens
        found = []
        for i in _where(kinds if kinds is not None else self.word_kinds(words), FORM_WORD):
            at = starts[i]
            m = _NAME_BEFORE_FORM[FORM_WORDS[words[i]]].search(text, max(0, at - FORM_REACH), at)
            if m is None or m.group(1) in self.not_brands:
                continue
            if _SENTENCE_OPEN.search(text, max(0, m.start(1) - 4), m.start(1)):
                continue
            found.append(m.span(1))
        return found

    def find_slot_names(self, text: str, tokens: tuple[list[str], list[int]], kinds: str | None = None
                        ) -> list[tuple[int, int]]:
        """Return the offsets of capitalised names in a drug's slot (`SLOT_NAME`): "the Phase 3
        trial of Locilex", "the NDA for Serada" (the caller drops companies and others' names).

        Tried only at the name-shaped tokens after a word a slot can end with, the slot searched
        backwards from there (`SLOT_BEFORE`): the whole-text expression costs a quarter of the
        drug search. `tokens` is `tokenize(text)`, `kinds` its `word_kinds`.
        """
        words, starts = tokens
        found = []
        for i in _pairs(kinds if kinds is not None else self.word_kinds(words), SLOT_END, NAME_SHAPED):
            if words[i] in self.not_brands:
                continue
            start = starts[i]
            lo = max(0, start - SLOT_REACH)
            window = text[lo:start]
            if not any(head in window for head in SLOT_HEADS) or not SLOT_FILLER.match(text, start):
                continue
            if SLOT_BEFORE.search(text, lo, start):
                found.append((start, start + len(words[i])))
        return found

    def paren_brand(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Return a brand written next to a drug in parentheses: "Yselty (linzagolix)", "x (Leqvio)"."""
        before = BRAND_BEFORE_PAREN.search(text, max(0, start - 60), start)
        if before and before.group(1).split()[0] not in self.not_brands and not SALT.fullmatch(
                " " + before.group(1).lower()):  # "X Hydrochloride Capsules (Y)": a salt, no brand
            return before.start(1), before.end(1)
        after = BRAND_IN_PAREN.match(text[end:end + 40])
        if after and after.group(1) not in self.not_brands:
            return end + after.start(1), end + after.end(1)
        return None
