import pytest
from conftest import names
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.document import Document
from rxnews.facts.boilerplate import PROFILE, _profile_candidates
from rxnews.facts.indications import qualified_start
from rxnews.matching.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        ("ACM-101 for the treatment of recurrent or metastatic triple-negative breast cancer (TNBC).",
         "triple-negative breast cancer", "TNBC"),
        ("ACM-101 showed activity in advanced solid tumours.", None, "advanced solid tumours"),
        ("ACM-101 is in a trial in advanced malignant solid tumors.", None,
         "advanced malignant solid tumors"),
        ("ACM-101 is tested in high-risk non-muscle invasive bladder cancer.", None,
         "high-risk non-muscle invasive bladder cancer"),
        ("ACM-101 is developed for amyotrophic lateral sclerosis (ALS). ALS is fatal.",
         "amyotrophic lateral sclerosis", "ALS"),
        # A subtype after the name.
        ("ACM-101 was approved for plasminogen deficiency type 1 in adults.", "plasminogen deficiency",
         "plasminogen deficiency type 1"),
        ("ACM-101 is tested in spinal muscular atrophy type II.", None, "spinal muscular atrophy type II"),
    ],
)
def test_indications_with_qualifiers_and_abbreviations(extract, text, name, alias):
    items = extract(text)["indications"]
    assert len(items) == 1
    if name:
        assert items[0]["name"] == name
    assert alias in items[0]["aliases"]


@pytest.mark.parametrize(("text", "expected"), [
    # A disease named only as background is left out.
    ("ACM-101 is developed for gastric cancer.\n\nGlobally, breast cancer is the most common cancer.",
     ["gastric cancer"]),
    # Biology and biomarker mentions are not indications.
    ("ACM-101 inhibits growth of lung cancer cells.", []),
    ("ACM-101 was active regardless of HPV status.", []),
    # A disease named in a regulatory sentence is one.
    ("ACM-101 is an antibody.\n\nThe company filed a marketing application for a new Alzheimer's drug.",
     ["Alzheimer's disease"]),
    # A bare "cancer" is not an indication.
    ("ACM-101 is developed to treat cancer and tumors.", []),
    # The company's boilerplate is not the release; a drug's "About" section is.
    ("BOSTON, May 2, 2024 /PRNewswire/ -- Acme Bio announced that the FDA cleared the IND for AB-101 for the "
     "treatment of gout.\n\nAbout Acme Bio\nAcme Bio is a biotechnology company focused on oncology and "
     "metabolic diseases. Its pipeline includes AB-101 for psoriasis.\n\nForward-Looking Statements\nThis "
     "release has forecasts.", ["gout"]),
    ("BOSTON, May 2, 2024 -- Acme Bio dosed the first patient with AB-101.\n\nAbout AB-101\nAB-101 is an "
     "oral URAT1 inhibitor in development for the treatment of gout.", ["gout"]),
    # Diseases named by their gene.
    ("AB-101 is in development for PLA2G6-associated neurodegeneration.",
     ["PLA2G6-associated neurodegeneration"]),
    ("AB-101 is an siRNA for TTR-mediated amyloidosis.", ["TTR-mediated amyloidosis"]),
    # An organisation's name, or a drug's, names no indication.
    ("The trial of AB-101 in gout is run by the Pacific Leukaemia & Lymphoma Group.", ["gout"]),
    ("In the lymphoma group, AB-101 was well tolerated.", ["lymphoma"]),  # a cohort
    ("The FDA approved edaravone (MCI-186) for amyotrophic lateral sclerosis.",
     ["amyotrophic lateral sclerosis"]),
    ("AB-101 for gout won a grant from the Leukemia and Lymphoma Society.", ["gout"]),
    ("AB-101 for gout was funded by the National Institute of Allergy and Infectious Diseases.", ["gout"]),
    # A trial's disease is an indication, also where the sentence names the trial, not the drug.
    ("Acme develops AB-101.\n\nAcme completed the last patient visit in the Part A trial in mild cognitive "
     "impairment.", ["mild cognitive impairment"]),
    # A gene named for a disease: "Wilms Tumor 1 Positive (WT1+)" is a marker, not Wilms tumor.
    ("AB-101 is tested in Wilms Tumor 1 Positive (WT1+) ovarian cancer.", ["ovarian cancer"]),
    # A therapeutic area is a company's field, not an indication; a disease named inside one is.
    ("Acme is developing treatments for autoimmune and inflammatory diseases. Its lead candidate AB-101 is "
     "in a Phase 2 trial in psoriasis.", ["psoriasis"]),
    ("Acme develops medicines for neurological disorders and metabolic diseases.", []),
    # ... nor beside a drug: a designation's name, a company described, a preclinical finding.
    ("AB-19 won Qualified Infectious Disease Product (QIDP) designation for complicated urinary tract "
     "infections.", ["urinary tract infection"]),
    ("AB-101 is in a Phase 2 trial in IgG-mediated autoimmune diseases.",
     ["IgG-mediated autoimmune diseases"]),
])
def test_indications_names(extract, text, expected):
    assert names(extract(text)["indications"]) == expected


@pytest.mark.parametrize("joint", [" and ", ", ", "/", " or ", " and  "])
def test_indications_coordinated_names(extract, joint):
    record = extract(f"ACM-101 is in Phase 2 trials to treat ovarian{joint}endometrial cancer.")
    assert sorted(names(record["indications"])) == ["endometrial cancer", "ovarian cancer"]


def test_indications_qualified_start():
    text = "with relapsed or refractory multiple myeloma"
    start = text.index("multiple")
    quals = {text.index(w) + len(w): text.index(w) for w in ("relapsed", "refractory")}
    assert text[qualified_start(text, start, quals):] == "relapsed or refractory multiple myeloma"


def test_indications_every_conjunct_of_a_coordinated_list(extract):
    record = extract("AB-101 is tested in epithelial ovarian, fallopian tube or primary peritoneal cancer.")
    found = {i["name"]: i["aliases"] for i in record["indications"]}
    assert set(found) == {"ovarian cancer", "fallopian tube cancer", "primary peritoneal cancer"}
    assert "epithelial ovarian cancer" in found["ovarian cancer"]


def test_indications_receptor_status_is_a_qualifier(extract):
    record = extract("AB-101 is approved for HR+/HER2- breast cancer and EGFR-mutant NSCLC.")
    aliases = {i["name"]: i["aliases"] for i in record["indications"]}
    assert "HR+/HER2- breast cancer" in aliases["breast cancer"]
    assert any(a.startswith("EGFR-mutant") for a in aliases["non-small cell lung cancer"])


def test_indications_a_broader_name_folds_into_the_one_specific_disease(extract):
    record = extract("AB-101 is approved for non-small cell lung cancer. AB-101 treats patients with "
                     "lung cancer and small-cell lung cancer.")
    found = {i["name"]: i["aliases"] for i in record["indications"]}
    # "lung cancer" ends two names here: it is kept on its own, and "small-cell" is no "non-small cell".
    assert set(found) == {"non-small cell lung cancer", "lung cancer", "small cell lung cancer"}
    single = extract("AB-101 is approved for non-small cell lung cancer, a common lung cancer.")
    assert [(i["name"], i["aliases"]) for i in single["indications"]] == [
        ("non-small cell lung cancer", ["lung cancer"])]


PROFILE_PARTS = st.sampled_from([
    "Acme", "is a", "company", "Company", "COMPANY", "biotech", "focused on", "FOCUSING ON", "dedicated to",
    "committed to", "specialising in", "therapeutic areas", "areas of high unmet", "whose mission",
    ". ", "; ", "\n", " ", "cancer", "\u0131", "\u017f", "\u0130", "\u212a", "x",
])
PROFILE_TEXTS = st.lists(st.one_of(PROFILE_PARTS, PROFILE_PARTS, st.text(max_size=3)),
                         max_size=30).map(" ".join)


@SETTINGS
@given(PROFILE_TEXTS)
def test_indications_profile_sentences_are_all_among_the_searched_ones(text):
    """Searching only the sentences with a profile word finds every sentence the profile
    expression finds, in any case and whatever the letters."""
    doc = Document(text, text, split_sentences(text), [])
    every = {k for k, (start, end) in enumerate(doc.sentences) if PROFILE.search(text, start, end)}
    assert every <= set(_profile_candidates(doc))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ACM-101 is developed for psoriasis without psoriatic arthritis.", ["psoriasis"]),
     ("ACM-101 is developed for psoriasis, excluding psoriatic arthritis.", ["psoriasis"]),
     ("ACM-101 is developed for psoriasis and psoriatic arthritis.", ["psoriasis", "psoriatic arthritis"]),
     # A pandemic is the setting, not what a drug treats; the disease a vaccine is for is.
     ("The ACM-101 psoriasis trial was delayed by the COVID-19 pandemic.", ["psoriasis"]),
     ("ACM-101 is a vaccine against COVID-19 developed during the pandemic.", ["COVID-19"]),
     ("ACM-101 is in a Phase 2 trial to tackle the obesity epidemic.", ["obesity"])],
)
def test_indications_a_disease_after_without_is_excluded_not_treated(extract, text, expected):
    assert [i["name"] for i in extract(text)["indications"]] == expected


def test_indications_an_abbreviation_inside_a_disease_name_is_passed_over(extract):
    record = extract("ACM-101 is developed for gastric or gastroesophageal junction (GEJ) cancer.")
    assert [(i["name"], i["aliases"]) for i in record["indications"]] == [
        ("gastric cancer", ["gastric"]),
        ("gastroesophageal junction cancer", ["gastroesophageal junction (GEJ) cancer"])]


@pytest.mark.parametrize(("text", "expected"), [
    # The lead profiles the company, then tells the news: the news's disease is an indication,
    # the company's field is not.
    ("BOSTON, May 2, 2024 /PRNewswire/ -- Acme Bio, a company focused on Alzheimer's disease, announced "
     "that the first patient was dosed with AB-101 for retinitis pigmentosa.", ["retinitis pigmentosa"]),
    # A profile with no drug after it stays boilerplate.
    ("Acme Bio, a company focused on Alzheimer's disease, announced a new chief executive. AB-101 is in "
     "a trial.", []),
])
def test_indications_a_lead_that_profiles_the_company_still_tells_the_news(extract, text, expected):
    assert [i["name"] for i in extract(text)["indications"]] == expected
