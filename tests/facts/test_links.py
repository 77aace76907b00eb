from conftest import names

DATELINE = "BOSTON, May 2, 2024 /PRNewswire/ -- "



def test_links_drug_links_target_modality_indication_company(extract):
    record = extract(DATELINE + "Acme Therapeutics, Inc. announced that the FDA cleared the IND for "
                     "AC-202, a bispecific antibody targeting PD-L1 and 4-1BB, for solid tumors.")
    drug = record["drugs"][0]
    assert (drug["name"], drug["modality"], drug["targets"], drug["company"]) == (
        "AC-202", "bispecific antibody", ["PD-L1", "4-1BB"], "Acme Therapeutics")
    assert names(record["indications"]) == ["solid tumor"]
    assert record["events"][0]["indication"] == "solid tumor"
