"""Behaviour that must hold on any release: aliases, plans, history, agencies per clause."""

from conftest import names

DATELINE = "BOSTON, May 2, 2024 /PRNewswire/ -- "


def events(record: dict) -> list[tuple]:
    return [(e["type"], e["agency"], e["drug"], e["date"], e["planned"]) for e in record["events"]]


def test_quality_also_known_as_and_formerly_link_one_product(extract):
    record = extract(DATELINE + "Acme Therapeutics, Inc. said AC-101 (formerly ACM-2207), a KRAS G12C "
                     "inhibitor, received Fast Track designation. AC-101, also known as acmetinib, is oral.")
    assert [(d["name"], d["aliases"]) for d in record["drugs"]] == [("AC-101", ["ACM-2207", "acmetinib"])]


def test_quality_pdufa_date_is_a_planned_approval_and_the_acceptance_is_news(extract):
    record = extract(DATELINE + "Beta Inc. announced the FDA accepted its BLA for BT-901 in myasthenia "
                     "gravis with a PDUFA target action date of November 30, 2024.")
    assert events(record) == [("marketing_acceptance", "FDA", "BT-901", "2024-05-02", False),
                              ("approval", "FDA", "BT-901", "2024-11-30", True)]


def test_quality_plans_and_expectations_are_planned_with_their_own_dates(extract):
    record = extract(DATELINE + "Beta Inc. plans to file an MAA for BT-901 with the EMA in 2025. The "
                     "company expects topline data from BT-901 in 2H 2025. It expects an NDA filing "
                     "by year-end.")
    assert events(record) == [("marketing_submission", "EMA", "BT-901", "2025", True),
                              ("data_readout", None, "BT-901", "2025-07", True),
                              ("marketing_submission", None, "BT-901", "2024", True)]
    assert [e["date_precision"] for e in record["events"]] == ["year", "half", "year"]


def test_quality_history_keeps_its_own_date_never_the_release_date(extract):
    record = extract(DATELINE + "BT-901 was previously granted Orphan Drug designation by the FDA in 2019. "
                     "BT-901 had earlier received Fast Track designation from the FDA.")
    assert events(record) == [("orphan_drug", "FDA", "BT-901", "2019", False),
                              ("fast_track", "FDA", "BT-901", None, False)]


def test_quality_failed_outcomes_are_not_approvals(extract):
    record = extract(DATELINE + "The FDA issued a complete response letter for BT-701 and declined to "
                     "approve it. The EMA did not grant orphan designation to BT-701.")
    assert [e["type"] for e in record["events"]] == []


def test_quality_agency_comes_from_the_events_own_clause(extract):
    record = extract("TOKYO, April 1, 2024 -- Gamma Co., Ltd. announced that the PMDA approved GM-101 for "
                     "atopic dermatitis, and the FDA granted Breakthrough Therapy designation to GM-101 "
                     "in February 2024.")
    assert events(record) == [("approval", "PMDA", "GM-101", "2024-04-01", False),
                              ("breakthrough_therapy", "FDA", "GM-101", "2024-02", False)]


def test_quality_release_without_drug_facts_is_empty(extract):
    record = extract("NEW YORK, June 1, 2024 -- Delta Holdings announced the appointment of Jane Doe as "
                     "Chief Financial Officer, effective July 1, 2024. Ms. Doe previously served at a "
                     "pharmaceutical company focused on cancer, diabetes and PD-1 antibodies.")
    assert (record["drugs"], record["targets"], record["indications"], record["events"]) == ([], [], [], [])


def test_quality_drug_links_target_modality_indication_company(extract):
    record = extract(DATELINE + "Acme Therapeutics, Inc. announced that the FDA cleared the IND for "
                     "AC-202, a bispecific antibody targeting PD-L1 and 4-1BB, for solid tumors.")
    drug = record["drugs"][0]
    assert (drug["name"], drug["modality"], drug["targets"], drug["company"]) == (
        "AC-202", "bispecific antibody", ["PD-L1", "4-1BB"], "Acme Therapeutics")
    assert names(record["indications"]) == ["solid tumor"]
    assert record["events"][0]["indication"] == "solid tumor"


def test_quality_a_review_in_progress_is_not_dated_by_the_release(extract):
    record = extract(DATELINE + "BT-901 is under Priority Review by the FDA, with a target action date of "
                     "December 20, 2024.")
    assert events(record) == [("priority_review", "FDA", "BT-901", None, False),
                              ("approval", "FDA", "BT-901", "2024-12-20", True)]
