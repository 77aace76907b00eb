import pytest

from rxnews.facts.agencies import most_specific


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("approved by the U.S. Food and Drug Administration", [("FDA", "US")]),
        # India's drug controller by its own abbreviation, as the corpus names a division (CDE).
        ("approval from the Drug Controller General of India (DCGI)", [("DCGI", "IN")]),
        ("approved by the Central Drugs Standard Control Organisation", [("CDSCO", "IN")]),
        # The MHRA's predecessor, in releases before 2003.
        ("cleared by the U.K. Medicines Control Agency", [("MCA", "GB")]),
        # The Philippines' FDA is not the US one; Cuba's regulator.
        ("the Philippines FDA has accepted the NDA", [("Philippine FDA", "PH")]),
        ("The Food and Drug Administration-Philippines (PFDA) accepted it", [("Philippine FDA", "PH")]),
        ("the Center for State Control of Medicines, Equipment, and Medical Devices (CECMED) granted it",
         [("CECMED", "CU")]),
        # A division named with its parent names the parent too (as the corpus's gold does).
        ("China's National Medical Products Administration's Drug Evaluation Center accepted it",
         [("CDE", "CN"), ("NMPA", "CN")]),
        ("the Center for Drug Evaluation of China's National Medical Products Administration granted it",
         [("CDE", "CN"), ("NMPA", "CN")]),
        ("the CDE of NMPA accepted it; the Center for Drug Evaluation and Research of the FDA",
         [("CDE", "CN"), ("NMPA", "CN"), ("CDER", "US"), ("FDA", "US")]),
        ("the Center for Drug Evaluation accepted it", [("CDE", "CN")]),
        ("the Center for Drug Evaluation (CDE) of the National Medical Products Administration (NMPA)",
         [("CDE", "CN"), ("NMPA", "CN")]),
        ("Japan's Pharmaceuticals and Medical Devices Agency and Health Canada", [("PMDA", "JP"),
                                                                                 ("Health Canada", "CA")]),
        ("the European Commission granted it; the CHMP opinion", [("EC", "EU"), ("CHMP", "EU")]),
        ("listed on the Hong Kong Stock Exchange (HKEX)", []),
        # A country's "FDA" is its own regulator, not the US one.
        ("Acme gains approval from Chinese FDA for its hepatitis C drug", [("CFDA", "CN")]),
        ("cleared by the Korean FDA in 2010", [("MFDS", "KR")]),
        ("the EMA's Committee for Advanced Therapies and its Paediatric Committee",
         [("EMA", "EU"), ("CAT", "EU"), ("PDCO", "EU")]),
    ],
)
def test_agencies_spellings(extract, text, expected):
    assert [(a["name"], a["jurisdiction"]) for a in extract(text)["agencies"]] == expected


def test_agencies_most_specific():
    parents = {"CDE": "NMPA", "NMPA": None, "FDA": None}
    assert most_specific(["NMPA", "CDE"], parents) == "CDE"
    assert most_specific(["FDA"], parents) == "FDA"
    assert most_specific([], parents) is None


def test_agencies_inside_a_drug_code_are_none(extract):
    record = extract("In March 2024 EC-18 and FDA-302 won Fast Track designation from the FDA.")
    assert [d["name"] for d in record["drugs"]] == ["EC-18", "FDA-302"]
    assert [(a["name"], [m["text"] for m in a["mentions"]]) for a in record["agencies"]] == [("FDA", ["FDA"])]
    assert {e["agency"] for e in record["events"]} == {"FDA"}
