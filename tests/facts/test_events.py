import pytest

DATELINE = "BOSTON, May 2, 2024 /PRNewswire/ -- "
PLANS = (DATELINE + "Beta Inc. plans to file an MAA for BT-901 with the EMA in 2025. The company expects "
         "topline data from BT-901 in 2H 2025. It expects an NDA filing by year-end.")


def events_of(record):
    return [(e["type"], e["agency"], e["drug"], e["date"], e["planned"]) for e in record["events"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In October 2024, Acme obtained Breakthrough Therapy Designation (BTD) from the NMPA for "
         "ACM-101 in gastric cancer.", [("breakthrough_therapy", "NMPA", "ACM-101", "2024-10", False)]),
        ("The IND application for ACM-101 has been approved by the CDE of the National Medical "
         "Products Administration (NMPA).", [("ind_clearance", "CDE", "ACM-101", None, False)]),
        ("In January 2026, the FDA granted Fast Track Designation to ACM-101, and in the same month, "
         "the European Commission granted Orphan Drug Designation.",
         [("fast_track", "FDA", "ACM-101", "2026-01", False),
          ("orphan_drug", "EC", "ACM-101", "2026-01", False)]),
        ("Acme plans to submit an NDA for ACM-101 in 2026.",
         [("marketing_submission", None, "ACM-101", "2026", True)]),
        ("The FDA did not approve ACM-101.", []),
        ("March 4, 2025 - Acme Bio today announced the closing of a $120 million Series C financing.",
         [("financing", None, None, "2025-03-04", False)]),
        ("March 4, 2025 - SEK 150 million was raised via a directed share issue by Acme Bio.",
         [("financing", None, None, "2025-03-04", False)]),
        ("March 4, 2025 - Acme Bio raised SEK 150 million from investors.",
         [("financing", None, None, "2025-03-04", False)]),
        ("The approval of ACM-101 follows a positive opinion from the CHMP in October 2024.", []),
        ("The first patient has been dosed in the Phase 1 trial of ACM-101.",
         [("first_patient_dosed", None, "ACM-101", None, False)]),
        ("Acme and Beta signed an exclusive license agreement for ACM-101 in March 2023.",
         [("partnership", None, "ACM-101", "2023-03", False)]),
        # An expectation after the news does not make the news planned.
        ("Nov 2, 2022 - The FDA accepted the BLA for ACM-101 and is expected to make a decision by May 3, "
         "2023.", [("marketing_acceptance", "FDA", "ACM-101", "2022-11-02", False)]),
        # A PDUFA date is a planned approval; the acceptance is news.
        (DATELINE + "Beta Inc. announced the FDA accepted its BLA for BT-901 in myasthenia gravis with a "
                    "PDUFA target action date of November 30, 2024.",
         [("marketing_acceptance", "FDA", "BT-901", "2024-05-02", False),
          ("approval", "FDA", "BT-901", "2024-11-30", True)]),
        # Plans and expectations are planned, with their own dates.
        (PLANS, [("marketing_submission", "EMA", "BT-901", "2025", True),
                 ("data_readout", None, "BT-901", "2025-07", True),
                 ("marketing_submission", None, "BT-901", "2024", True)]),
        # History keeps its own date, never the release date.
        (DATELINE + "BT-901 was previously granted Orphan Drug designation by the FDA in 2019. BT-901 had "
                    "earlier received Fast Track designation from the FDA.",
         [("orphan_drug", "FDA", "BT-901", "2019", False), ("fast_track", "FDA", "BT-901", None, False)]),
        # Failed outcomes are not approvals.
        (DATELINE + "The FDA issued a complete response letter for BT-701 and declined to approve it. The "
                    "EMA did not grant orphan designation to BT-701.", []),
        # The agency comes from the event's own clause.
        ("TOKYO, April 1, 2024 -- Gamma Co., Ltd. announced that the PMDA approved GM-101 for atopic "
         "dermatitis, and the FDA granted Breakthrough Therapy designation to GM-101 in February 2024.",
         [("approval", "PMDA", "GM-101", "2024-04-01", False),
          ("breakthrough_therapy", "FDA", "GM-101", "2024-02", False)]),
        # A review in progress is not dated by the release.
        (DATELINE + "BT-901 is under Priority Review by the FDA, with a target action date of December 20, "
                    "2024.",
         [("priority_review", "FDA", "BT-901", None, False),
          ("approval", "FDA", "BT-901", "2024-12-20", True)]),
        # A regulatory act needs a drug or an agency in its sentence; a readout needs neither.
        (DATELINE + "Tellvane Bio was granted Orphan Drug Designation for its gout program. Tellvane Bio "
                    "announced positive topline results from its Phase 3 trial in gout.",
         [("data_readout", None, None, "2024-05-02", False)]),
        (DATELINE + "Tellvane Bio was granted Orphan Drug Designation by the FDA for its gout program.",
         [("orphan_drug", "FDA", None, "2024-05-02", False)]),
        # Coordinated agencies: one event each; a division with its parent is one agency.
        (DATELINE + "ACM-101 received Orphan Drug Designation from the EMA and the FDA for gout.",
         [("orphan_drug", "EMA", "ACM-101", "2024-05-02", False),
          ("orphan_drug", "FDA", "ACM-101", "2024-05-02", False)]),
        (DATELINE + "The NMPA and its CDE granted Breakthrough Therapy Designation to ACM-101.",
         [("breakthrough_therapy", "CDE", "ACM-101", "2024-05-02", False)]),
        # "previously approved" as a verb reports an act; as an adjective ("previously approved
        # drugs") and "currently approved" (a status) do not.
        (DATELINE + "ACM-101 has been previously approved by the NMPA in China in 2020.",
         [("approval", "NMPA", "ACM-101", "2020", False)]),
        (DATELINE + "Unlike previously approved therapies, ACM-101 is given once a year.", []),
        (DATELINE + "ACM-101 is currently approved in the U.S. and 36 countries.", []),
        # A target or preparation is a plan.
        (DATELINE + "Acme Bio is targeting a BLA submission for ACM-101 to the FDA in 2025.",
         [("marketing_submission", "FDA", "ACM-101", "2025", True)]),
        # Approval requested is no approval.
        (DATELINE + "The FDA accepted the sNDA for ACM-101. The application requests FDA approval to "
                    "expand the indication to migraine.",
         [("marketing_acceptance", "FDA", "ACM-101", "2024-05-02", False)]),
        # An identifier's label is no act: "(acceptance number ...)" accepts nothing.
        (DATELINE + "Acme Bio received the approval notice from the CDE for the clinical trial application "
                    "of ACM-101 (acceptance number CXSL2400001).",
         [("ind_clearance", "CDE", "ACM-101", "2024-05-02", False)]),
    ],
)
def test_events_from_short_texts(extract, text, expected):
    assert events_of(extract(text)) == expected


def test_events_release_date_for_undated_news(extract):
    record = extract("May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n\n"
                     "ACM-101 is an oral small molecule.")
    assert events_of(record) == [("approval", "FDA", "ACM-101", "2024-05-02", False)]
    assert record["events"][0]["date_source"] == "release"


def test_events_undated_repeat_joins_dated_event(extract):
    record = extract("June 3, 2025 - Acme today announced results.\n\nIn March 2024, the FDA granted "
                     "Orphan Drug Designation to ACM-101. The Orphan Drug Designation was granted by "
                     "the FDA for ACM-101.")
    orphan = [e for e in record["events"] if e["type"] == "orphan_drug"]
    assert [(e["date"], e["date_source"]) for e in orphan] == [("2024-03", "explicit")]


def test_events_division_and_parent_are_one_event(extract):
    record = extract("ACM-101 Receives NMPA Approval to Enter Clinical Trials\n\nThe IND of ACM-101 has "
                     "been approved by the Center for Drug Evaluation (CDE).")
    assert events_of(record) == [("ind_clearance", "CDE", "ACM-101", None, False)]


def test_events_evidence_slices_text(extract):
    text = "Acme announced that the first patient was dosed with ACM-101 in its Phase 2 study."
    event = extract(text)["events"][0]
    assert text[event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["text"]
    assert event["phase"] == "Phase 2"


def test_events_no_facts_in_non_drug_news(extract):
    record = extract("Brellan opened its new headquarters in Quarrowby earlier this month. The $120 "
                     "million building was approved by the township board in 2010.")
    assert record["drugs"] == [] and record["events"] == []
    assert record["targets"] == [] and record["indications"] == []


def test_events_first_participant_received(extract):
    record = extract("The first participant received ACM-101 in the Phase 1 trial today.")
    assert [e["type"] for e in record["events"]] == ["first_patient_dosed"]


def test_events_planned_dates_keep_their_precision(extract):
    assert [e["date_precision"] for e in extract(PLANS)["events"]] == ["year", "half", "year"]


def types_dates(record):
    return [(e["type"], e["agency"], e["drug"], e["date"]) for e in record["events"] if not e["planned"]]


@pytest.mark.parametrize(("text", "expected"), [
    # Coordination multiplies frames: one event per drug, one per date.
    (DATELINE + "The FDA cleared the INDs for AB-101 and AB-202.",
     [("ind_clearance", "FDA", "AB-101", "2024-05-02"), ("ind_clearance", "FDA", "AB-202", "2024-05-02")]),
    (DATELINE + "AB-101 was previously granted Breakthrough Therapy Designation by the FDA in July 2022, "
                "January 2023 and March 2024.",
     [("breakthrough_therapy", "FDA", "AB-101", "2022-07"),
      ("breakthrough_therapy", "FDA", "AB-101", "2023-01"),
      ("breakthrough_therapy", "FDA", "AB-101", "2024-03")]),
    (DATELINE + "Keytruda is approved in the EU (May 2024), Japan (June 2024) and Canada (November 2024).",
     [("approval", None, "Keytruda", "2024-05"), ("approval", None, "Keytruda", "2024-06"),
      ("approval", None, "Keytruda", "2024-11")]),
    (DATELINE + "Similar products were approved, Kadcyla in 2019 and Enhertu in 2023.",
     [("approval", None, "Kadcyla", "2019"), ("approval", None, "Enhertu", "2023")]),
    # A list of drugs whose last item opens the clause after ", and" is one list.
    (DATELINE + "Drugs for gout (AB-101 tablets), psoriasis (AB-202 cream), and acne (AB-303 gel) "
                "were approved by the FDA.",
     [("approval", "FDA", "AB-101", "2024-05-02"), ("approval", "FDA", "AB-202", "2024-05-02"),
      ("approval", "FDA", "AB-303", "2024-05-02")]),
    # A partner or comparator is not the frame's drug; a combination is one product.
    (DATELINE + "The FDA approved AB-101 in combination with pembrolizumab for melanoma.",
     [("approval", "FDA", "AB-101", "2024-05-02")]),
    (DATELINE + "In March 2024 Acme reported positive results from a Phase 2 trial comparing AB-101 to "
                "bicalutamide in prostate cancer.",
     [("data_readout", None, "AB-101", "2024-03")]),
    # The date of an aside about another act is not the event's.
    (DATELINE + "Beta, from whom Acme licensed AB-101 in 2016, was granted approval for AB-101 in "
                "the US earlier this year.",
     [("approval", None, "AB-101", "2024")]),
    # A fronted clause about an earlier act keeps its date and agency to itself.
    (DATELINE + "Following a positive opinion from the EMA in March, the European Commission granted "
                "marketing authorisation to AB-101.",
     [("approval", "EC", "AB-101", "2024-05-02")]),
    # "This year" in the release's news is the release's own date, said less precisely.
    (DATELINE + "At this year's ASCO meeting, the Phase 3 study of AB-101 was presented.",
     [("data_readout", None, "AB-101", "2024-05-02")]),
    (DATELINE + "AB-101 was granted Orphan Drug Designation by the FDA earlier this year.",
     [("orphan_drug", "FDA", "AB-101", "2024")]),
    # Today's news is not the same act as one months before it, of the same type and drug.
    (DATELINE + "The FDA cleared the IND for AB-101. In January, the FDA had cleared an IND for AB-101 "
                "in gout.",
     [("ind_clearance", "FDA", "AB-101", "2024-05-02"), ("ind_clearance", "FDA", "AB-101", "2024-01")]),
    # An undated repeat close to the release joins the dated event.
    (DATELINE + "The FDA approved AB-101 on April 30, 2024. The approval of AB-101 is a milestone.",
     [("approval", "FDA", "AB-101", "2024-04-30")]),
    # A year-less day of something done is not after the release: last year's.
    (DATELINE + "Highlights of the year:\n- The FDA granted Orphan Drug Designation to AB-101 (June 18).",
     [("orphan_drug", "FDA", "AB-101", "2023-06-18")]),
    (DATELINE + "The FDA granted Orphan Drug Designation to AB-101 on 28 April this year.",
     [("orphan_drug", "FDA", "AB-101", "2024-04-28")]),
    # A list after ":" continues the frame; each item brings its own date.
    (DATELINE + "AB-101 received Orphan Drug Designation from the EMA. AB-101 has previously received "
                "this designation for:\n\nGout in July 2022;\n\n; Psoriasis in January 2023.",
     [("orphan_drug", "EMA", "AB-101", "2024-05-02"), ("orphan_drug", "EMA", "AB-101", "2022-07"),
      ("orphan_drug", "EMA", "AB-101", "2023-01")]),
    # An agency named only in the previous sentence.
    (DATELINE + "Acme announced news from the FDA today. AB-101 was granted Fast Track Designation.",
     [("fast_track", "FDA", "AB-101", "2024-05-02")]),
    # A date opening the sentence dates each act of it that has no date of its own, even where the
    # date's own clause tells an act; a date inside the first act's clause does not.
    (DATELINE + "Acme gave a business update.\n\n“During the first quarter of 2024, the first patient was "
                "dosed with AB-101, and the FDA granted Orphan Drug Designation to AB-202.",
     [("first_patient_dosed", None, "AB-101", "2024-01"), ("orphan_drug", "FDA", "AB-202", "2024-01")]),
    (DATELINE + "Acme gave a business update.\n\nThe first patient was dosed with AB-101 in January 2024, "
                "and the FDA granted Orphan Drug "
                "Designation to AB-202.",
     [("first_patient_dosed", None, "AB-101", "2024-01"), ("orphan_drug", "FDA", "AB-202", "2024-05-02")]),
    # A drug named at the head of a pipeline bullet.
    (DATELINE + "Pipeline highlights\n- AB-101 (URAT1 inhibitor): In March 2024, the FDA granted Fast "
                "Track Designation. The first patient was dosed in the Phase 2 trial in April 2024.",
     [("fast_track", "FDA", "AB-101", "2024-03"), ("first_patient_dosed", None, "AB-101", "2024-04")]),
])
def test_events_frames(extract, text, expected):
    assert types_dates(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The NMPA granted approval to conduct a clinical trial of AB-101 in March 2024.", ["ind_clearance"]),
    ("A Phase 3 trial of AB-101 in gout was approved by the FDA in March 2024.", ["ind_clearance"]),
    ("AB-101 received a clinical trial authorisation from the MHRA in March 2024.", ["ind_clearance"]),
    # "Phase 1 approval" and "approved phase 1 clinical trial": a trial's go-ahead.
    ("Acme said its drug AB-101 received Phase 1 approval in March 2024.", ["ind_clearance"]),
    ("AB-101 won Phase 3 approval from the NMPA in March 2024.", ["ind_clearance"]),
    ("On March 5, 2024, the MFDS approved phase 1 clinical trial for AB-101.", ["ind_clearance"]),
    ("The FDA approved AB-101 in March 2024 based on the phase 3 trial.", ["approval"]),
    ("The FDA issued a complete response letter for AB-101 in March 2024.", []),
    ("The FDA placed AB-101 on clinical hold in March 2024.", []),
    ("The merger was approved by the boards of directors of Acme and Beta in March 2024.", []),
    ("Acme announced dose administration for the first patient in a Phase 1 study of AB-101 in March 2024.",
     ["first_patient_dosed"]),
    # A regulator that lets a company enroll, begin or proceed with a trial clears it.
    ("In March 2024 the FDA cleared Acme to dose patients in its Phase 1 study of AB-101.",
     ["ind_clearance"]),
    ("In March 2024 the FDA authorized Acme to begin its Phase 2 study of AB-101.", ["ind_clearance"]),
    # Not a financing or a grant that allows a company to start a trial.
    ("In March 2024 the $50 million financing will allow Acme to initiate its Phase 3 trial of AB-101.", []),
    ("Acme was granted $2 million by the NIH in March 2024 to fund IND-enabling studies of AB-101.", []),
    # Acquisitions are deals; buying back shares, or a company that acquires products, is none.
    ("Acme buys Beta Bio for $430 million in March 2024.", ["partnership"]),
    ("Acme agreed to buy Beta Bio for $430 million in March 2024.", ["partnership"]),
    ("Acme bought back 2 million of its shares in March 2024.", []),
    ("In March 2024 Acme said it cannot afford to buy AB-101 and will use proceeds to buy equipment.", []),
    ("In March 2024 Acme adopted a plan to deter a hostile takeover.", []),
    ("In March 2024 Acme began expanding access through partnerships with hospitals.", []),
    ("Acme, which acquires and develops late-stage assets, was founded in March 2004.", []),
    # An agency's feedback on a trial or a filing to come: neither is news yet.
    ("In March 2024 Acme received positive feedback from the FDA regarding the launch of a Phase 3 "
     "trial of AB-101.", []),
    ("In March 2024 Acme reached alignment with the EMA on submitting an MAA for AB-101.", []),
    ("In March 2024 the FDA cleared the IND for AB-101 and Acme started the Phase 1 trial.",
     ["ind_clearance"]),
    # An option exercised, a drug licensed from its owner, are deals; a licensed maker is none.
    ("In March 2024 Beta exercised its option to license AB-101.", ["partnership"]),
    ("In March 2024 Beta licensed AB-101 from Acme.", ["partnership"]),
    ("In March 2024 Beta licensed the global rights to AB-101 from Acme.", ["partnership"]),
    ("In March 2024 AB-101 was made by a licensed manufacturer from India.", []),
    ("In March 2024 AB-101 became the first licensed RSV vaccine from a US biotech company.", []),
    # An investor's money in a company is its financing; a company's spending is none.
    ("In March 2024 Beta Capital led a JPY1.2 billion ($8.1 million) investment in Acme Corp.",
     ["financing"]),
    ("In March 2024 Beta Pharma invested $24.5 M in Acme by purchasing common stock.", ["financing"]),
    ("In March 2024 Acme invested $10 million in R&D for AB-101.", []),
    ("In March 2024 Acme led a $5 million investment in new capacity for AB-101.", []),
    ("In 2019 Acme licensed AB-101 and AB-102 from Beta Pharma.", ["partnership", "partnership"]),
    ("In March 2024 the underwriters of AB-101's maker exercised their option to purchase 750,000 shares.",
     []),
    ("Beta has the right to exercise an option to license AB-101 in March 2024.", []),
    # Health Canada's patent linkage rules, and a Notice of Compliance still to come, approve nothing.
    ("In March 2024 Acme sued Beta under the Patented Medicines (Notice of Compliance) Regulations over "
     "AB-101.", []),
    ("In March 2024 Acme said Beta cannot sell AB-101 until it receives a Notice of Compliance.", []),
    # Results told with "announcing", a trial that "failed to achieve" its endpoint.
    ("Acme shares fell in March 2024 after announcing negative results from its Phase 2 trial of AB-101.",
     ["data_readout"]),
    ("In March 2024 the Phase 2 trial of AB-101 failed to achieve its primary endpoint.", ["data_readout"]),
    ("In March 2024 the Phase 3 trial of AB-101 did not meet its co-primary endpoint.", ["data_readout"]),
    ("In March 2024 the Phase 3 trial of AB-101 met both co-primary endpoints.", ["data_readout"]),
    ("The Phase 3 trial of AB-101, started in March 2024, is powered to achieve its primary endpoint.",
     ["trial_start"]),
    # A collaboration expanded is a deal; a capacity expanded is none.
    ("In March 2024 Acme and Beta extended their vaccine collaboration to two more programs.",
     ["partnership"]),
    ("In March 2024 Acme expanded its manufacturing capacity.", []),
    # Revenue recognised under a deal is finance, not a deal made.
    ("In March 2024 Acme booked $2 million of revenue under its license agreement with Beta.", []),
    # A company's own interim results are no trial's.
    ("Acme published its 2023 interim results in March 2024, with news on AB-101.", []),
    # Laboratory studies under way are no trial started.
    ("In March 2024 Acme had IND-enabling studies underway with AB-101 and a Phase 1 trial planned.", []),
    # Approval asked for ("requesting marketing approval", "Seeks FDA Approval") or generic.
    ("Acme filed an MAA with the EMA requesting marketing approval of AB-101 in March 2024.",
     ["marketing_submission"]),
    ("Acme Seeks FDA Marketing Approval for AB-101 in March 2024", []),
    ("Drugs with the status get seven years of exclusivity once marketing approval is obtained.", []),
    # What the act will do is no plan of it.
    ("In March 2024 Acme agreed to acquire Beta for $2 billion, in a move that will help it grow.",
     ["partnership"]),
    # "Cleared" and "clearance" approve only with a regulator, an application or a trial's go-ahead.
    ("In March 2024 the vaccine cleared amyloid plaques in mice.", []),
    ("Renal clearance of AB-101 was low in the Phase 1 study in March 2024.", []),
    ("In March 2024 Health Canada granted clearance of the Phase 2 study of AB-101.", ["ind_clearance"]),
    ("FDA CLEARED PHASE 1 TRIAL OF AB-101 IN MARCH 2024", ["ind_clearance"]),
    ("Acme received 510(k) clearance for the AB-101 system in March 2024.", ["approval"]),
    ("Health Canada cleared AB-101 for sale in March 2024.", ["approval"]),
    ("The Phase 1 trial of AB-101 was cleared to proceed in March 2024.", ["ind_clearance"]),
    # An approval from an agency for a trial is the trial's go-ahead, also when laboratory results led to it.
    ("Acme received approval from the Korean Ministry of Food and Drug Safety for its Phase 1 clinical "
     "trial, based on preclinical results of AB-101, in March 2024.", ["ind_clearance"]),
    ("Acme received approval from the FDA for AB-101 in March 2024, based on the Phase 3 clinical trial.",
     ["approval"]),
    # A data monitoring committee's go-ahead to continue, or its review, is no approval or readout.
    ("In March 2024 Acme got a DSMB go-ahead to continue the Phase 2 trial of AB-101.", []),
    ("In March 2024 a DSMB approved the continuation of the Phase 2 trial of AB-101.", []),
    ("In March 2024 the Data Monitoring Committee recommended the AB-101 trial continue unmodified.", []),
    ("In March 2024 the IDMC's review of the AB-101 trial was positive, Acme said.", []),
    ("In March 2024 Acme said the Independent Data Monitoring Committee found no safety issue in its "
     "AB-101 trial.", []),
    ("In March 2024 the FDA approved AB-101 after a data monitoring committee reviewed the Phase 3 data.",
     ["approval"]),
    ("In March 2024 Acme reported positive topline results from its Phase 3 trial of AB-101, as reviewed "
     "by the independent data monitoring committee.", ["data_readout"]),
    ("The company requested Priority Review for AB-101.", []),
    ("The designation allows a company to qualify for a priority review voucher.", []),
    ("There are no approved therapies for this disease, AB-101 may change that.", []),
    ("The EMA validated the MAA for AB-101 in March 2024.", ["marketing_acceptance"]),
    ("The NMPA granted conditional approval to AB-101 in March 2024.", ["approval"]),
    ("Acme filed AB-101 with the FDA in March 2024.", ["marketing_submission"]),
    ("AB-101 was approved for patients after failure of prior therapy in March 2024.", ["approval"]),
    ("Acme reported financial results for the quarter ended March 31, 2024.", []),
    # A company's results by period are no trial's ("two-year results" are).
    ("Acme Reports Third Quarter 2024 Results and Provides a Business Update on AB-101", []),
    ("Acme Announces Q1 2024 Results and progress of AB-101", []),
    ("Acme Reports Fourth Quarter and Full Year 2023 Results for AB-101", []),
    ("Acme reported two-year results from the Phase 3 trial of AB-101 in March 2024.", ["data_readout"]),
    # "Positive top line results from the Phase 2 trial": results a trial showed, reported or not.
    ("In March 2024 Acme stock surged on positive top line results from the Phase 2 trial of AB-101.",
     ["data_readout"]),
    ("In March 2024 Acme enrolled patients in the trial of AB-101 in HER2-positive breast cancer.", []),
    ("Acme is a joint venture between Beta and Gamma.", []),
    # An agreement selling the company's own shares is a financing, not a deal; ended, it is neither.
    ("Acme entered into a securities purchase agreement with institutional investors in a registered "
     "direct offering in March 2024.", ["financing"]),
    ("In March 2024 Acme entered into an underwriting agreement relating to a public offering of shares.",
     ["financing"]),
    ("In March 2024 Acme terminated its common stock purchase agreement with Beta Capital.", []),
    ("In March 2024 Acme entered into an exclusive license agreement with Beta Pharma for AB-101.",
     ["partnership"]),
    ("Acme has licensed out AB-101 to Beta in a deal worth $1 billion.", ["partnership"]),
    # Licensing-out contracts, rights transferred, an agreement signed by two parties.
    ("In March 2024 Acme made two licensing out contracts for AB-101 worth $900 million.", ["partnership"]),
    ("In March 2024 Acme concluded a licensing-out of AB-101 to Beta Pharma.", ["partnership"]),
    ("In March 2024 Acme agreed to transfer its global development and sales rights for AB-101 to Beta.",
     ["partnership"]),
    ("The news follows an earlier agreement signed by Acme and Beta in May 2023 for AB-101.",
     ["partnership"]),
    ("Acme transferred the listing of its shares to the Nasdaq Global Market in March 2024.", []),
    # An approval a plan is subject to, conditional or contingent on, is a condition, not news.
    ("The Phase 2 study of AB-101 in Spain is subject to the approval of local authorities.", []),
    ("The launch of AB-101 is conditional on approval by the EMA.", []),
    ("The FDA approved AB-101 in March 2024, subject to a post-marketing study.", ["approval"]),
    # What an agency usually or typically does is no act of its own.
    ("The European Commission usually issues a final decision on EU approval within three months.", []),
    ("The FDA typically grants Breakthrough Therapy Designation to drugs for serious conditions.", []),
    ("AB-101 was granted Fast Track designation, which is typically given to drugs for serious diseases.",
     ["fast_track"]),
    # Applying for a trial's approval is the application, not the approval.
    ("Acme submitted an application to the MFDS for clinical trial approval of AB-101.", ["ind_submission"]),
    ("Acme filed for clinical trial approval of AB-101 with the CDE.", ["ind_submission"]),
    ("In March 2024 Acme obtained clinical trial approval for AB-101 from the NMPA.", ["ind_clearance"]),
    # An endpoint's achievement, a positive trial announced, are results.
    ("Acme has announced the achievement of the primary endpoint in the Phase 3 study of AB-101.",
     ["data_readout"]),
    ("In September 2022, Acme announced a positive Phase 2 proof-of-concept study of AB-101.",
     ["data_readout"]),
    ("AB-101 is being tested in a HER2-positive breast cancer trial.", []),
    # Enrollment closed is enrollment complete.
    ("Acme Announces Closing of Enrollment in its Phase 2 Trial of AB-101", ["enrollment_complete"]),
    ("Acme has closed enrollment in the Phase 2 trial of AB-101.", ["enrollment_complete"]),
    # Contractions and "cannot" negate; a goal is a plan; adjectives and a page's offers are no acts.
    ("The FDA said it can't approve AB-101 without more information.", []),
    ("The FDA cannot approve AB-101 until the plant is inspected.", []),
    ("The company's goal is to receive its first market approval for AB-101 in 2025.", []),
    ("There are currently no FDA-cleared drugs for low-grade serous ovarian cancer.", []),
    ("Read more about AB-101: start your free trial today!", []),
    # An ethics committee's approval is a trial's, even a "conditional approval".
    ("Acme's proposed Phase 1 clinical trial for AB-101 was granted conditional approval by the "
     "Bellberry Ethics Committee.", ["ind_clearance"]),
    ("Protocols and ethics/regulatory approvals are in place for the AB-101 human trial.", ["ind_clearance"]),
    # An IND granted is cleared; a designation granted under an IND is the designation only.
    ("In December 2023, AB-101 was granted Investigational New Drug (IND) by the FDA for pSS.",
     ["ind_clearance"]),
    ("In December 2023, AB-101 was granted Fast Track designation by the FDA under its IND.", ["fast_track"]),
    # A decision to approve received is the approval; approved to date is no act.
    ("Acme is pleased to have received the European Commission decision to approve AB-101 for children.",
     ["approval"]),
    ("AB-101 builds on bimatoprost, the most efficacious prostaglandin analog approved to date.", []),
    # An intention is a plan.
    ("In March 2024, Acme announced its intention to begin a Phase 3 study with AB-101.", []),
    # A section heading about a designation reports none.
    ("AB-101 is in a Phase 2 trial for ALS.\n\nAbout Orphan Drug Designation\n\nThe status supports "
     "the development of drugs for rare diseases.", []),
    # A market for orphan drugs is no designation.
    ("Lymphoma is an indication with unmet medical need and orphan drug opportunities for AB-101.", []),
    ("Acme has the rights to AB-101 in Europe since May 2023.", []),
    ("Interim results from the Phase 2 trial of AB-101 showed a 40% response rate.", ["data_readout"]),
    ("The Phase 3 study of AB-101 was presented at the ASCO Annual Meeting.", ["data_readout"]),
    ("Acme will host a presentation at an investor conference.", []),
    ("The pre-approval inspection of the AB-101 plant was delayed.", []),
    # A "Study May Proceed" letter clears an IND: its "may" is no plan.
    ("In March 2024 Acme received a \u201cStudy May Proceed\u201d letter from the FDA for a Phase 1 trial of "
     "AB-101.", ["ind_clearance"]),
    ("The FDA notified Acme in March 2024 that its Phase 1 trial of AB-101 may proceed.", ["ind_clearance"]),
    ("Acme may start a Phase 1 trial of AB-101 in March 2024.", []),
    # Approval sought ("seeks EU approval"), or as a condition ("prior to approval"): no approval.
    ("Acme seeks Europe approval for AB-101.", []),
    ("Acme is seeking EU approval for AB-101 in gout.", []),
    ("The FDA did not request new trials of AB-101 prior to approval.", []),
    # An application to market (or sell) a drug is a marketing application.
    ("The EMA has accepted for review Acme's application to sell AB-101.", ["marketing_acceptance"]),
    ("Acme submitted an ANDA for AB-101 to the FDA in March 2024.", ["marketing_submission"]),
    ("In March 2024 the NMPA accepted the application for the market authorization of AB-101.",
     ["marketing_acceptance"]),
    ("AB-101 received Emergency Use Authorization from the FDA in March 2024.", ["approval"]),
    ("In March 2024 Health Canada issued a Notice of Compliance for AB-101.", ["approval"]),
    # The plan after "as we prepare" does not make the designation a plan.
    ("AB-101 received Fast Track designation in March 2024 as we prepare to submit a BLA in 2026.",
     ["fast_track"]),
    # "Green light for" a drug, with a trial named after it, is the drug's approval.
    ("Acme Wins FDA Green Light for AB-101 in Psoriasis in March 2024 on the Strength of Two Phase 3 "
     "Studies", ["approval"]),
    # "Not long ago" and "not only" negate nothing.
    ("Not long ago, Acme's AB-101 tablets obtained the marketing approval issued by the NMPA.", ["approval"]),
    ("AB-101 not only won FDA approval in March 2024 but also sold well.", ["approval"]),
    # What a designation brings, or a filing a company can make, is no event.
    ("Orphan designation grants benefits such as conditional approval of AB-101 after Phase 2.", []),
    ("Rolling Review means that a company can submit completed sections of its BLA for AB-101.", []),
    ("In March 2024 Acme completed the first human dosing of AB-101.", ["first_patient_dosed"]),
    # Headline verbs: "Doses First Patient", "Enrolls First Patient" (not "higher doses ... first patients").
    ("Acme Doses First Patient in Phase 1 Trial of AB-101", ["first_patient_dosed"]),
    ("Acme enrolls the first patients in its Phase 2 trial of AB-101.", ["first_patient_dosed"]),
    ("Dosing has begun in the Phase 1 trial of AB-101 in March 2024.", ["first_patient_dosed"]),
    ("In March 2024 patient dosing has begun in the Phase 1 trial of AB-101.", ["first_patient_dosed"]),
    ("Dosing commenced in March 2024 in the Phase 2 study of AB-101.", ["first_patient_dosed"]),
    # A trial that "is underway" or "ongoing" is a state; one that "got underway" started.
    ("A Phase 3 study of AB-101 is currently underway at 11 hospitals.", []),
    ("Phase 2 trials of AB-101 are underway in Australia.", []),
    ("The Phase 2 trial of AB-101 got underway in March 2024.", ["trial_start"]),
    ("Acme Announces Phase 3 Trial of AB-101 Is Underway in March 2024", ["trial_start"]),  # a headline
    ("For AB-101, maintenance dosing started at week 12 in March 2024.", []),
    ("Acme Announces Last Patient Enrolled in Phase 3 Trial of AB-101", ["enrollment_complete"]),
    ("Acme said the last patient has been randomized in its Phase 3 trial of AB-101.",
     ["enrollment_complete"]),
    ("Higher doses of AB-101 were studied in the first patients of the trial.", []),
    ("In March 2024 Acme commenced dosing patients in its Phase 2 trial of AB-101.", ["first_patient_dosed"]),
    ("In March 2024 Acme saw a complete response in the first patient treated with AB-101.", []),
    # Sites opened are no trial started.
    ("In March 2024 Acme initiated six more trial sites for AB-101.", []),
    # A date set for an act, or results due, are plans ("due to" is a cause).
    ("The trial of AB-101 is recruiting, with an enrollment completion date of early 2025.", []),
    ("Results from the enrollment-completed trial of AB-101 are due in mid-2025.", []),
    ("The FDA placed AB-101 on hold in March 2024, due to a safety finding.", []),
    # A trial as a condition of an approval is a plan of its own clause; the approval stays news.
    ("AB-101 was approved on the condition that Acme conducts Phase 3 clinical trials.", ["approval"]),
    ("AB-101 received approval conditional on the completion of a confirmatory trial.", ["approval"]),
    # A "clinical trial plan" (Korean and Chinese releases) is an IND; its "plan" is no plan.
    ("Acme applied for approval of the phase 3 clinical trial plan of AB-101 to the MFDS in March 2024.",
     ["ind_submission"]),
    # A step still to come, a withheld approval, a review timetable, data "as submitted": no events.
    ("The Phase 3 trial is the final stage of development of AB-101 prior to the submission of an NDA to "
     "the FDA.", []),
    ("The only reason for the FDA's withholding of approval of AB-101 was an inspection finding.", []),
    ("In March 2024, the MAA for AB-101 was granted accelerated assessment by the EMA.", []),
    ("The FDA sees potential in the data on AB-101 as submitted.", []),
    # What a designation entitles a company to is no event.
    ("Orphan designation entitles Acme to help with the review of clinical trial protocols for "
     "AB-101.", []),
    # The approval process is no approval; an agency's time to decide is a plan, its agreeing an act.
    ("This can streamline the approval process for AB-101 in Europe.", []),
    ("Now Health Canada has 45 days to either approve the CTA for AB-101 or ask questions.", []),
    ("The NMPA agreed to accept the clinical trial application of AB-101.", ["ind_acceptance"]),
    # Approval sought in a country or from an agency, or a step upon approval: no approval.
    ("Acme files for Japanese approval of AB-101.", []),
    ("Acme filed for FDA approval of AB-101.", ["marketing_submission"]),
    ("Upon approval, AB-101 will be sold by Acme in Korea.", []),
    # The ways an IND clearance is told in US releases; not the same words without an IND or a trial.
    ("Acme announced that its IND for AB-101 became effective.", ["ind_clearance"]),
    ("Acme's IND for AB-101 went into effect.", ["ind_clearance"]),
    ("Acme has obtained IND status from the FDA for AB-101.", ["ind_clearance"]),
    ("The FDA has allowed Acme to proceed with the Phase 1 trial of AB-101.", ["ind_clearance"]),
    ("The new law on AB-101 sales became effective in March.", []),
    ("The court allowed the merger of Acme and the maker of AB-101 to proceed.", []),
    # An application accepted "to file" (for review) is no plan to file.
    ("FDA Grants Acceptance To File And Priority Review For the NDA of AB-101.",
     ["priority_review", "marketing_acceptance"]),
    # A kind of trial ("investigator-initiated") starts none; a count of drugs approved is no approval.
    ("AB-101 has shown a favorable safety profile in investigator-initiated trials in 60 patients.", []),
    ("In 2023, 21 of the 48 new drugs approved by the FDA were first-in-class.", []),
    # "its orphan drug AB-101" describes the drug; it reports no designation.
    ("The NDA for its orphan drug AB-101 has been accepted by the FDA.", ["marketing_acceptance"]),
    # A possibility is no act.
    ("Acme did not rule out the possibility of a licensing agreement for AB-101 with a global player.", []),
    # A first patient described, an enrollment goal reached, an endpoint missed.
    ("Acme has dosed its first sickle cell disease patient with AB-101.", ["first_patient_dosed"]),
    ("Acme has attained its enrollment goal for the Phase 3 trial of AB-101.", ["enrollment_complete"]),
    ("The Phase 2 study of AB-101 failed to meet its primary endpoint.", ["data_readout"]),
    ("Acme announced that the primary endpoint in a Phase 2 trial of AB-101 in stroke was achieved.",
     ["data_readout"]),
    # A purpose after an act told as done does not make the act a plan.
    ("Acme has submitted an application to the TGA for AB-101 to be registered in Australia.",
     ["marketing_submission"]),
])
def test_events_type_decisions(extract, text, expected):
    assert [e["type"] for e in extract(DATELINE + text)["events"] if not e["planned"]] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme Bio said on May 2, 2024 that Beta Corp terminated its license agreement for AB-101.", []),
    ("Acme Bio said Beta Corp returned the rights to AB-101 under their license agreement.", []),
    ("A Priority Review designation means the FDA must review an application in six months.", []),
    ("Fast Track designation is granted by the FDA to expedite the development of new drugs.", []),
    ("On May 2, 2024 Velkora had received 126 formulary approvals.", []),  # masked: no regulator's act
    ("On May 2, 2024 the FDA placed a partial hold on AB-101, which suspends new trials.", []),
    ("On May 2, 2024 Velkora had a 91% hospital approval rate.", []),
    ("On May 2, 2024 Acme Bio said its FDA-approved AB-101 is sold in 30 states.", []),
    ("On May 2, 2024 Acme Bio said AB-101 trials run under Food and Drug Administration (FDA) approved "
     "protocols.", []),
    # a designation granted to a drug, "to expedite" its development: news
    ("On May 2, 2024 the FDA granted AB-101 a rare pediatric disease designation to expedite its "
     "development.", ["rare_pediatric_disease"]),
    ("Acme Bio sells AB-101 in the United States and in countries where approved.", []),
])
def test_events_ended_deals_and_definitions_are_no_events_a_purpose_is(extract, text, expected):
    assert [e["type"] for e in extract(text)["events"]] == expected


@pytest.mark.parametrize(("word", "date"), [("recently", "2024-05-02"), ("previously", None)])
def test_events_recent_news_later_in_the_release_takes_the_release_date(extract, word, date):
    text = (DATELINE + "Acme Bio reported first quarter results. " + "Revenue grew. " * 8
            + f"Acme Bio {word} dosed the first patient in its Phase 1 trial of AB-101.")
    assert [(e["type"], e["date"]) for e in extract(text)["events"]] == [("first_patient_dosed", date)]


RESULTS = (DATELINE + "Acme Bio reported first quarter results and provided a business update. "
           + "Revenue grew. " * 8 + "\n\n{heading}\n\nReceived approval from the FDA for AB-101 in gout;\n")


@pytest.mark.parametrize(("heading", "date"), [
    # The highlights of a results release are its news, wherever they are, with or without a date.
    ("First Quarter 2024 and Recent Business Highlights", "2024-05-02"),
    ("R&D HIGHLIGHTS", "2024-05-02"),
    ("Recent Developments:", "2024-05-02"),
    ("Pipeline Update", "2024-05-02"),
    # Figures and plans are no highlights of news; after them an undated act is a past one.
    ("Financial Highlights", None),
    ("Upcoming Milestones", None),
    ("Manufacturing", None),
])
def test_events_highlights_of_a_results_release_take_the_release_date(extract, heading, date):
    events = extract(RESULTS.format(heading=heading))["events"]
    assert [(e["type"], e["drug"], e["date"]) for e in events] == [("approval", "AB-101", date)]


def test_events_a_colon_list_of_dated_items_is_one_event_per_date(extract):
    """The corpus convention: each dated item of a colon-introduced list is its own event."""
    text = (DATELINE + "AB-101 received Breakthrough Therapy Designation for gout. Before this, AB-101 "
            "had received three Breakthrough Therapy Designations for: adults with previously treated "
            "psoriasis (in April 2023), children with severe, chronic eczema (September 2023), and lupus "
            "(January 2024).")
    events = extract(text)["events"]
    assert [(e["type"], e["date"]) for e in events] == [
        ("breakthrough_therapy", "2024-05-02"), ("breakthrough_therapy", "2023-04"),
        ("breakthrough_therapy", "2023-09"), ("breakthrough_therapy", "2024-01")]


def test_events_highlights_end_at_the_next_section(extract):
    text = (RESULTS.format(heading="Recent Highlights") + "\nFirst Quarter 2024 Financial Results\n\n"
            + "Cash was $10 million. " * 3 + "\nAcme Bio received Fast Track designation for AB-202.\n")
    events = extract(text)["events"]
    assert [(e["type"], e["date"]) for e in events] == [("approval", "2024-05-02"), ("fast_track", None)]


def test_events_agencies_of_a_list_of_designations_stay_with_their_own(extract):
    record = extract(DATELINE + "ACM-101 has received Orphan Designation from EMA and FDA, and PRIME "
                                "eligibility from EMA.")
    assert [(e["type"], e["agency"]) for e in record["events"] if e["type"] == "prime"] == [("prime", "EMA")]


@pytest.mark.parametrize("text", [
    "ACM-101 holds Fast Track designation from the FDA, orphan designation from the EMA, and two patents.",
    "ACM-101 has been granted Fast Track designation by the FDA for gout and orphan drug designation by "
    "the EMA for gout.",
])
def test_events_each_designation_of_a_clause_by_the_agency_named_after_it(extract, text):
    record = extract(DATELINE + text)
    assert sorted((e["type"], e["agency"]) for e in record["events"]) == [("fast_track", "FDA"),
                                                                         ("orphan_drug", "EMA")]


def test_events_partners_listed_after_a_partner_word_are_partners(extract):
    text = ("The FDA granted breakthrough therapy designation to Zorvexa (ACM-101) given together "
            "with AB-202 and AB-303, or AB-404 and AB-303, in adults with gout.")
    record = extract(DATELINE + text)
    assert [(e["type"], e["drug"]) for e in record["events"]] == [("breakthrough_therapy", "ACM-101")]


def test_events_an_aside_that_tells_the_event_dates_it(extract):
    """"AB-101, a medication ... that won FDA approval in 2022": the aside is where the approval is
    told, though the clause has a cue before it ("to monetize")."""
    text = ("Acme highlighted the ability of Beta to monetize on commercial rights for AB-101, a medication "
            "used to treat gout that snagged FDA approval in 2022.")
    approvals = [e for e in extract(text)["events"] if e["type"] == "approval"]
    assert [(e["agency"], e["drug"], e["date"]) for e in approvals] == [("FDA", "AB-101", "2022")]


@pytest.mark.parametrize(("text", "expected"), [
    # A drug's origin and a company's history date nothing the sentence reports.
    ("Acme started a Phase 1 trial of AB-101 licensed from Beta Bio in 2009.", [("trial_start", None)]),
    ("Acme, founded in 2006, said in March 2024 that the first patient was dosed with AB-101.",
     [("first_patient_dosed", "2024-03")]),
    ("Acme listed on the Tokyo Stock Exchange in 2013 and said that the first patient was dosed with "
     "AB-101.", [("first_patient_dosed", None)]),
    # News of this release does not join a past act of its kind told as past, however recent.
    (DATELINE + "Acme announced that the FDA has granted Breakthrough Therapy Designation to AB-101 for "
     "gout. The FDA had previously granted AB-101 Breakthrough Therapy Designation for psoriasis in April "
     "2024.", [("breakthrough_therapy", "2024-05-02"), ("breakthrough_therapy", "2024-04")]),
    # Told as this release's act, with its day, it is the same news.
    (DATELINE + "FDA grants Breakthrough Therapy Designation to AB-101. On April 28, 2024, the FDA "
     "granted Breakthrough Therapy Designation to AB-101 for gout.",
     [("breakthrough_therapy", "2024-04-28")]),
])
def test_events_dates_of_asides_and_of_past_acts(extract, text, expected):
    assert [(e["type"], e["date"]) for e in extract(text)["events"]] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Approved in many countries: a drug's history, undated, not this release's news.
    (DATELINE + "AB-101, which has been approved in 32 countries, is now filed in Japan by Acme.",
     [("approval", None)]),
    (DATELINE + "AB-101 has been approved in more than 30 markets.", [("approval", None)]),
    (DATELINE + "AB-101 has been approved in Japan.", [("approval", "2024-05-02")]),
    # What a company has "already" done is told as past.
    (DATELINE + "Acme has already begun its Phase 2 trial of AB-101 in Israel.", [("trial_start", None)]),
])
def test_events_approved_in_many_countries_is_history(extract, text, expected):
    assert [(e["type"], e["date"]) for e in extract(text)["events"]] == expected


def test_events_a_clause_without_a_drug_takes_the_drug_of_the_sentence_before(extract):
    """Not the release's main drug: the product the text was just about."""
    text = (DATELINE + "Acme Bio develops AB-101 for gout; AB-101 is in Phase 2 and AB-101 is licensed.\n\n"
            "In March 2024, AB-202 received an acceptance notice issued by the NMPA.\n\nThis meant that "
            "the product's marketing authorization application had been accepted.")
    events = [(e["type"], e["drug"]) for e in extract(text)["events"] if e["type"] == "marketing_acceptance"]
    assert events == [("marketing_acceptance", "AB-202")]


def test_events_the_main_drug_is_not_a_partner_named_more_often(extract):
    """An act told without its drug takes the release's main drug: the one named most, not
    counting the mentions of a partner ("in combination with Keytruda")."""
    text = (DATELINE + "Acme received a second Fast Track designation from the FDA for its lead candidate. "
            "The FDA granted Fast Track designation to AB-101 in combination with Keytruda in lung cancer. "
            "The trial evaluates AB-101 in combination with Keytruda. Patients who progressed on Keytruda "
            "are eligible.")
    events = extract(text)["events"]
    assert [(e["type"], e["drug"]) for e in events] == [("fast_track", "AB-101")]


@pytest.mark.parametrize(("text", "expected"), [
    # What will be paid under a deal tells of a deal made: the deal is news, not a plan.
    ("Acme Inc. said it has teamed with Beta. Under the terms of the agreement, Acme will receive an "
     "upfront payment of $40 million from Beta for AB-101.", [("partnership", "2024-05-02", False)]),
    # A deal still to be made stays a plan.
    ("Acme Inc. plans to sign a license agreement with Beta for AB-101 in 2025.",
     [("partnership", "2025", True)]),
])
def test_events_the_terms_of_a_deal_are_no_plan(extract, text, expected):
    events = extract(DATELINE + text)["events"]
    assert [(e["type"], e["date"], e["planned"]) for e in events] == expected


def test_events_main_drug_is_not_a_partner_listed_after_another(extractor):
    """A partner named in lists ("with AB-202, AB-303, and ZX-500") counts as a partner in each
    mention, however often it is named: the release's main drug is the lead drug."""
    from rxnews.facts.date_values import DateNormalizer
    from rxnews.facts.events import EventFinder

    text = (DATELINE + "AB-101 is studied with AB-202, AB-303, and ZX-500. It is dosed with AB-404, "
            "AB-505, and ZX-500. Patients take it with AB-606, AB-707, or ZX-500, or with AB-808, "
            "AB-909, and ZX-500. AB-101 is given weekly.")
    record, doc = extractor.extract_document(text)
    assert EventFinder(doc, record, {}, DateNormalizer()).main_drug == "AB-101"


@pytest.mark.parametrize(("text", "expected"), [
    # A release announcing the approval tells the application's earlier steps as past (undated).
    ("The FDA approved AB-101 for gout. The sNDA was granted Priority Review and accepted under the "
     "RTOR program.",
     [("approval", "2024-05-02"), ("priority_review", None), ("marketing_acceptance", None)]),
    ("The FDA cleared the IND for AB-101. The IND application was submitted by Acme.",
     [("ind_clearance", "2024-05-02"), ("ind_submission", None)]),
    # Without a decision, the steps are the release's news.
    ("The FDA accepted the NDA for AB-101 and granted Priority Review.",
     [("priority_review", "2024-05-02"), ("marketing_acceptance", "2024-05-02")]),
    # Another drug's steps keep the release's date.
    ("The FDA approved AB-101 for gout. The FDA also accepted the NDA for AB-202.",
     [("approval", "2024-05-02"), ("marketing_acceptance", "2024-05-02")]),
])
def test_events_steps_before_a_decision_reported_as_news_are_past(extract, text, expected):
    assert [(e["type"], e["date"]) for e in extract(DATELINE + text)["events"]] == expected


@pytest.mark.parametrize("text", [
    "The FDA granted Priority Review to the NDA for AB-101 and set February 27, 2025 as the review goal "
    "date.",
    "The FDA granted Priority Review to the NDA for AB-101 with a PDUFA goal date of February 27, 2025.",
])
def test_events_a_goal_date_before_or_after_its_words_dates_the_planned_decision(extract, text):
    events = extract(DATELINE + text)["events"]
    assert [(e["type"], e["date"], e["planned"]) for e in events] == [
        ("priority_review", "2024-05-02", False), ("approval", "2025-02-27", True)]


@pytest.mark.parametrize(("text", "expected"), [
    # The date nearest the act's own words dates it, not the one nearest a reporting verb.
    ("BOSTON, May 3, 2024 /PRNewswire/ -- Shares of Acme fell today after it revealed late Thursday that "
     "top-line data from its Phase 2 trial of AB-101 failed to meet the primary endpoint.",
     [("data_readout", "2024-05-02")]),
    # An application "seeking the therapy's approval" is a filing, not an approval.
    ("TOKYO, Feb. 23, 2018 -- Acme submitted an application to the MHLW in October 2017 seeking the "
     "therapy's approval.", [("marketing_submission", "2017-10")]),
])
def test_events_dated_by_their_own_words(extract, text, expected):
    assert [(e["type"], e["date"]) for e in extract(text)["events"]] == expected


def test_events_a_filing_is_dated_by_its_own_date_not_the_report_of_it(extract):
    text = ("25 May 2024 - Acme is pleased to announce today that it has received notice from the FDA "
            "that its new drug application submitted on March 26, 2024 for the use of AB-101 to treat gout "
            "patients has no filing issues.")
    events = extract(text)["events"]
    assert [(e["type"], e["date"]) for e in events] == [("marketing_submission", "2024-03-26")]


def test_events_a_filing_date_in_a_clause_of_a_later_step_dates_the_filing(extract):
    """"The BLA submitted on June 29, 2023 has been accepted": the date is the submission's; the
    acceptance is the release's news."""
    text = (DATELINE + "The FDA has completed its initial review of the BLA for AB-101 submitted on June 29, "
            "2023 and has accepted it for filing.")
    events = extract(text)["events"]
    assert [(e["type"], e["date"]) for e in events] == [
        ("marketing_submission", "2023-06-29"), ("marketing_acceptance", "2024-05-02")]


def test_events_exclusivity_after_approval_is_no_approval(extract):
    """What a designation brings "after approval" is no approval (an undated release, where no
    release-dated news absorbs it)."""
    text = ("(Wire) - Acme Inc. Thursday said that the FDA has granted orphan drug designation for "
            "AB-101.\n\nThe orphan drug designation provides certain benefits including tax credits for "
            "qualified clinical trials, exemption from user fees, and seven years of market exclusivity "
            "after approval.")
    assert [e["type"] for e in extract(text)["events"]] == ["orphan_drug"]


@pytest.mark.parametrize(("text", "expected"), [
    # A plan's year-less month that the release's year puts before the release is next year's.
    ("Acme expects to report topline data for AB-101 at the end of March.", [("data_readout", "2025-03")]),
    ("Acme plans to start a Phase 3 trial of AB-101 in early September.", [("trial_start", "2024-09")]),
    # The date of what was done, said with the plan, is not moved.
    ("As announced March 27, Acme will start a Phase 3 trial of AB-101.", [("trial_start", "2024-03-27")]),
])
def test_events_a_plans_year_less_month_is_not_before_the_release(extract, text, expected):
    events = extract(DATELINE + text)["events"]
    assert [(e["type"], e["date"]) for e in events] == expected
    assert all(e["planned"] for e in events)


# Constructions after a dateline, one block per error class of the seventh round; each `expected`
# was read against its text.
AFTER_DATELINE = [
    # -- results filings permissions boards and periods
    # A company's results for a period are financial results, not a trial's.
    ("Acme Bio reported its results for the third quarter of 2024. Revenue was $10.1 million.", []),
    ("Acme Bio today reported results for the first six months of 2024.", []),
    ("Acme Bio announced topline results for the Phase 3 trial of AB-101.",
     [("data_readout", None, "AB-101", "2024-05-02", False)]),
    # A stock-exchange filing is where the news was told, not an application.
    ("Acme said in a regulatory filing that it received approval from the NMPA for AB-101.",
     [("approval", "NMPA", "AB-101", "2024-05-02", False)]),
    ("According to a stock exchange filing, Acme received approval from the NMPA for AB-101.",
     [("approval", "NMPA", "AB-101", "2024-05-02", False)]),
    ("The company met the DCGI on Monday to discuss AB-101, it said in a regulatory filing.", []),
    ("Acme submitted a regulatory filing to the FDA for AB-101.",
     [("marketing_submission", "FDA", "AB-101", "2024-05-02", False)]),
    # Permission to start a trial is a trial's go-ahead.
    ("Acme has received permission from the DCGI to initiate a phase 1 clinical trial of AB-101.",
     [("ind_clearance", "DCGI", "AB-101", "2024-05-02", False)]),
    ("Acme obtained regulatory permission to conduct a clinical trial of AB-101 in Korea.",
     [("ind_clearance", None, "AB-101", "2024-05-02", False)]),
    # A board's approval of a deal is no regulator's.
    ("The merger was unanimously approved by the boards of both companies.", []),
    ("Acme will acquire Beta Bio, the developer of BB-101. The acquisition of BB-101 was unanimously "
     "approved by the boards of both companies.", [("partnership", None, "BB-101", "2024-05-02", False)]),
    ("The license of BB-101 to Acme was approved by both boards.", []),
    # A company investing in its own plant raises no money.
    ("Acme also invested $550 million in August to build a drug substance facility.", []),
    ("Gamma Ventures invested $20 million in Acme Bio in August.",
     [("financing", None, None, "2023-08", False)]),
    # A date that opens a period dates no act.
    ("Since its listing in 2000, Acme has entered into licensing agreements with three companies.",
     [("partnership", None, None, "2024-05-02", False)]),
    ("Under the license agreement, Beta has marketed AB-101 in Japan since its launch in December 2010.",
     [("partnership", None, "AB-101", "2024-05-02", False)]),
    # A state since a date starts then: the date is the act's.
    ("AB-101 has been approved in the European Union since March 2021 for psoriasis.",
     [("approval", None, "AB-101", "2021-03", False)]),
    ("In 2015, Acme entered into a licensing agreement with Beta for AB-101.",
     [("partnership", None, "AB-101", "2015", False)]),
    ("Since its FDA approval in 2019, AB-101 has been used by 5,000 patients.",
     [("approval", "FDA", "AB-101", "2019", False)]),
    # -- applied to an agency
    # Applying to an agency is a filing; for a clinical trial plan, an IND's.
    ("Acme said that it applied to the Ministry of Food and Drug Safety for a phase 2 clinical trial plan "
     "for AB-101.", [("ind_submission", "MFDS", "AB-101", "2024-05-02", False)]),
    ("The approach can be applied to the treatment of gout with AB-101.", []),
    # ... also to an agency by its acronym; an application to an agency for a trial is an IND's.
    ("Acme said it applied to the NMPA for approval of AB-101 in gout.",
     [("marketing_submission", "NMPA", "AB-101", "2024-05-02", False)]),
    ("Acme applied to the CDE for a clinical trial of AB-101.",
     [("ind_submission", "CDE", "AB-101", "2024-05-02", False)]),
    ("Acme submitted an application to the FDA to conduct a Phase 1 clinical trial of AB-101.",
     [("ind_submission", "FDA", "AB-101", "2024-05-02", False)]),
    ("Acme submitted the data from the Phase 2 trial of AB-101 to the FDA.", []),
    ("The same method is applied to the PCR test of AB-101.", []),
    # -- placings and listings are financings
    # A UK placing, gross proceeds, a company going public: financings.
    ("Acme plc announces a proposed placing of up to 8,333,333 new ordinary shares to raise gross "
     "proceeds of up to 15.0 million pounds.", [("financing", None, None, "2024-05-02", False)]),
    ("Acme plc has completed a placing and open offer.", [("financing", None, None, "2024-05-02", False)]),
    ("Acme Bio, which went public in June, has 40 employees.", [("financing", None, None, "2023-06", False)]),
    # Placing as a verb is none.
    ("AB-101 avoids placing patients at risk of infection.", []),
    # -- applications for approval and likened designations
    # An application "for the approval of" an indication is a filing.
    ("Chugai said it filed an application with the MHLW for the approval of an additional indication of "
     "ovarian cancer for AB-101.", [("marketing_submission", "MHLW", "AB-101", "2024-05-02", False)]),
    # A designation likened to another names no grant of the other.
    ("AB-101 received PRIME status from the EMA. The European PRIME scheme has analogies with the FDA's "
     "Breakthrough Therapy Designation.", [("prime", "EMA", "AB-101", "2024-05-02", False)]),
    # -- approval counts and operating results
    # Counts of approvals are statistics, not an approval of the drug named with them.
    ("The MFDS said the number of medical products approved in 2023 totaled 1,823, including AB-101.", []),
    ("The PMDA approved 39 new active ingredients in the fiscal year, among them AB-101.", []),
    ("The PMDA approved AB-101 for gout in March 2016.", [("approval", "PMDA", "AB-101", "2016-03", False)]),
    # A count beside the news masks only its own words.
    ("With today's approval of AB-101 by the FDA, the number of approved indications for AB-101 rises to "
     "five.", [("approval", "FDA", "AB-101", "2024-05-02", False)]),
    ("The NMPA approved 3 indications of AB-101 on April 30, 2024.",
     [("approval", "NMPA", "AB-101", "2024-04-30", False)]),
    # Results of operations are financial results.
    ("Acme today announced its results of operations for the fourth quarter and year end 2023.", []),
    # -- license contracts and acquired licenses
    # License contracts (Korean releases' word) and a license acquired are deals.
    ("Acme signed a license contract for AB-205 with Beta Bio on Jan. 4.",
     [("partnership", None, "AB-205", "2024-01-04", False)]),
    ("Acme acquired a license for AB-101 from Beta AG for US$14 million in September.",
     [("partnership", None, "AB-101", "2023-09", False)]),
    ("Acme obtained a license from the MFDS for its new plant.", []),
    # -- review cases
    # Cases a review of this round's rules found; each rule keeps its own ground.
    ("The results of the Phase 3 trial served as the basis for the approval of AB-101 by the FDA in March "
     "2024.", [("approval", "FDA", "AB-101", "2024-03", False)]),
    ("Lupara Pharma has received final approval from the U.S. FDA for its Abbreviated New Drug Application "
     "for Lenalidomide Capsules, a generic equivalent of Revlimid Capsules.",
     [("approval", "FDA", "lenalidomide", "2024-05-02", False)]),
    ("Acme received permission from the Nasdaq Hearings Panel to continue its listing; AB-101 remains in "
     "Phase 2.", []),
    ("In a regulatory filing with the NMPA in April 2024, Acme sought approval of AB-101 for psoriasis.",
     [("marketing_submission", "NMPA", "AB-101", "2024-04", False)]),
    ("Gamma Ventures invested $40 million in May, bringing total funding for the AB-101 program to $120 "
     "million.", [("financing", None, None, "2024-05", False)]),
    ("Acme announced positive results for the first year of the open-label extension of the Phase 3 trial "
     "of AB-101.", [("data_readout", None, "AB-101", "2024-05-02", False)]),
    # A financing is the company's: one event, whatever drug it funds.
    ("Acme closed its public offering. Acme received gross proceeds of $50 million, which it intends to use "
     "to advance AB-101.", [("financing", None, None, "2024-05-02", False)]),
    # -- granted designations and nearing approvals
    # A designation granted to an NDA is the designation's grant, not an approval.
    ("The CDE has granted Priority Review status to the NDA for AB-101.",
     [("priority_review", "CDE", "AB-101", "2024-05-02", False)]),
    ("The NMPA has granted marketing authorization to AB-101.",
     [("approval", "NMPA", "AB-101", "2024-05-02", False)]),
    # An approval a drug nears is still to come; a goal "one step closer" makes no news a plan.
    ("AB-101 nears approval by the MFDS.", [("approval", "MFDS", "AB-101", None, True)]),
    ("Acme today announced that the FDA has approved AB-101 for gout, bringing Acme one step closer to its "
     "goal of serving every patient with gout.", [("approval", "FDA", "AB-101", "2024-05-02", False)]),
    # -- trial approvals and awaited approvals
    # Approval to conduct a trial, its words split by hyphens and commas; a trial that was approved.
    ("Acme announced receiving approval from the US FDA to conduct a single-arm, multi-center Phase II "
     "study of AB-101.", [("ind_clearance", "FDA", "AB-101", "2024-05-02", False)]),
    ("Acme said the Phase 1 trial of AB-101 in Korea has been approved by the MFDS.",
     [("ind_clearance", "MFDS", "AB-101", "2024-05-02", False)]),
    ("Acme has 13 Phase III trials underway for 4 products, 3 drugs are approved.", []),
    # An approval awaited is none yet; an approved drug awaiting its launch is approved.
    ("Filings for 116 ANDAs, among them AB-101, are awaiting US FDA approval.", []),
    ("Acme said its partner Beta received NMPA approval for AB-101, awaiting launch in the second half.",
     [("approval", "NMPA", "AB-101", "2024-05-02", False)]),
    # -- approved as an adjective
    # "approved" as an adjective before a plural class of products names no approval.
    ("The dropout rate of 4.4% is below rates seen with other FDA approved chronic pain medicines for "
     "AB-101.", []),
    ("The FDA approved two new drugs from Acme, AB-101 and AB-202.",
     [("approval", "FDA", "AB-101", "2024-05-02", False),
      ("approval", "FDA", "AB-202", "2024-05-02", False)]),
    # -- as expected plans nothing
    # "As expected" and "than expected" describe news, they plan nothing.
    ("As expected, the Phase 2 trial of AB-101 met its primary endpoint.",
     [("data_readout", None, "AB-101", "2024-05-02", False)]),
    ("Phase 1 data reported in November 2023 showed that AB-101 is safe at the anticipated therapeutic "
     "doses.", [("data_readout", None, "AB-101", "2023-11", False)]),
    ("Acme expects to report topline data from the Phase 2 trial of AB-101 in 2025.",
     [("data_readout", None, "AB-101", "2025", True)]),
    # -- positive data are a readout
    # Positive data from a trial are its readout.
    ("Positive Phase 2b data from the FRONTIER 1 study with AB-101 established it as first in class.",
     [("data_readout", None, "AB-101", "2024-05-02", False)]),
    ("The trial of AB-101 enrolled patients with HER2-positive breast cancer.", []),
]


@pytest.mark.parametrize(("text", "expected"), AFTER_DATELINE)
def test_events_after_a_dateline(extract, text, expected):
    assert events_of(extract(DATELINE + text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Agencies and dates named in turn: each agency with its own date, the clauses after ", and from"
    # included.
    ("Velkora received approval from the FDA in December 2021, from the TGA in Australia in November "
     "2021, and from Health Canada in October 2022.",
     [("approval", "FDA", "2021-12"), ("approval", "TGA", "2021-11"),
      ("approval", "Health Canada", "2022-10")]),
    ("AB-101 was approved in June 2019 by the EMA and in May 2020 by the FDA.",
     [("approval", "EMA", "2019-06"), ("approval", "FDA", "2020-05")]),
    # Not in turn: every agency with every date, as before.
    ("AB-101 received approval from the FDA and the EMA in 2021.",
     [("approval", "FDA", "2021"), ("approval", "EMA", "2021")]),
])
def test_events_agencies_named_in_turn_with_their_dates(extract, text, expected):
    assert [(e["type"], e["agency"], e["date"]) for e in extract(DATELINE + text)["events"]] == expected


@pytest.mark.parametrize("stamp", [" date 2016-08-11 ", "Posted: August 11, 2016 | "])
def test_events_a_pages_stamp_dates_no_event(extract, stamp):
    """A site's stamp on the headline's line is the page's date; the dateline's date is the news'."""
    text = (stamp + "Swissmedic Accepts for Review Acme's Marketing Authorization Application for Velkora\n\n"
            "Liestal, Switzerland, November 8, "
            "2016 - Acme AG announces that Swissmedic has accepted for review its Marketing Authorization "
            "Application for Velkora.")
    record = extract(text)
    assert record["release_date"] == "2016-11-08"
    assert [(e["type"], e["date"]) for e in record["events"]] == [("marketing_acceptance", "2016-11-08")]


def test_events_agencies_in_turn_are_not_paired_across_types(extract):
    """Two designations, each with its own agency: each keeps its agency, none takes the other's.
    (Which date each takes is left to the date rules; pairing agencies with dates is for one type.)"""
    text = (DATELINE + "AB-101 received Orphan Drug Designation from the FDA in 2020 and PRIME designation "
            "from the EMA in 2021.")
    assert sorted((e["type"], e["agency"]) for e in extract(text)["events"]) == [
        ("orphan_drug", "FDA"), ("prime", "EMA")]


def test_events_a_digests_items_take_their_own_date_lines(extract):
    """A page of dated items: an undated event under "December 23, 2022" is that day's news."""
    text = ("Drug approvals in Japan\n\nDecember 28, 2022\n\nAcme's AB-101 is approved in Japan for gout.\n\n"
            "Acme announced that AB-101 was approved in Japan. The approval was based on a Phase 3 trial. "
            "AB-101 showed lower urate levels. AB-101 is dosed once a day. It is a tablet. It has few side "
            "effects.\n\nDecember 23, 2022\n\nZX-202 was approved for lupus.\n\nThe MHLW approved ZX-202 for "
            "lupus patients.\n")
    events = [(e["type"], e["agency"], e["drug"], e["date"]) for e in extract(text)["events"]]
    assert ("approval", "MHLW", "ZX-202", "2022-12-23") in events
    assert ("approval", None, "AB-101", "2022-12-28") in events


def test_events_one_date_line_makes_no_digest(extract):
    text = ("Acme news\n\nDecember 28, 2022\n\nAcme's AB-101 is approved in Japan for gout. It is a tablet. "
            "It is taken once a day. It has few side effects. It was tested in 300 patients. Patients liked "
            "it. Doctors liked it.\n\nThe MHLW had approved ZX-202 for lupus patients.\n")
    events = [(e["type"], e["drug"], e["date"]) for e in extract(text)["events"]]
    assert ("approval", "ZX-202", None) in events


def test_events_a_page_date_line_dates_no_background_far_below_it(extract):
    """Two lines that hold a date alone make a digest, but an About section far below the second is no
    item's news: its undated facts stay undated."""
    text = ("Acme news\n\nMarch 5, 2024\n\nAcme Bio grew. Revenue grew. Costs fell. Cash rose. "
            "Staff grew. Sales rose. Margins rose. Debt fell. Orders grew.\n\nDecember 31, 2023\n\nCash was "
            "$10 million. Debt was $2 million. Equity rose. Assets rose. Liabilities fell. Shares rose. "
            "Staff grew. Sites grew.\n\nAbout Acme\n\nAB-101 is approved by the FDA for gout.")
    assert [(e["type"], e["date"]) for e in extract(text)["events"] if e["type"] == "approval"] == [
        ("approval", None)]


def test_events_a_start_a_clearance_allows_is_still_to_come(extract):
    text = (DATELINE + "Acme announced that the FDA cleared the IND for AB-101. This allows Acme to launch "
            "its first clinical study in the US.")
    assert [(e["type"], e["planned"]) for e in extract(text)["events"] if not e["planned"]] == [
        ("ind_clearance", False)]


@pytest.mark.parametrize("text", [
    "Acme said that a phase 3 trial evaluating AB-101 in gout met both its primary and secondary endpoints.",
    "The Phase 2 trial of AB-101 met all of its primary and key secondary endpoints.",
])
def test_events_coordinated_endpoints_met_are_a_readout(extract, text):
    assert events_of(extract(DATELINE + text)) == [("data_readout", None, "AB-101", "2024-05-02", False)]


def test_events_a_rounds_first_close_is_a_financing(extract):
    text = DATELINE + "The July 2023 first close included Beta Ventures and Gamma Capital, Acme said."
    assert events_of(extract(text)) == [("financing", None, None, "2023-07", False)]


def test_events_the_terms_of_a_deal_told_before_are_no_second_deal(extract):
    text = (DATELINE + "On December 30, 2023, Acme entered into agreements to license certain intellectual "
            "property to Beta Pharma. Under the agreements, Beta agrees to pay Acme an upfront payment of "
            "$14.5 million for AB-101.")
    assert [(e["type"], e["date"]) for e in extract(text)["events"]] == [("partnership", "2023-12-30")]


def test_events_a_deal_is_dated_where_it_was_signed_not_by_the_revenue_years(extract):
    text = (DATELINE + "Revenues from licensing agreements refer, both in 2022 and in 2023, to the licensing "
            "agreement signed with Beta Pharma in 2021 for AB-101.")
    assert [(e["type"], e["date"]) for e in extract(text)["events"]] == [("partnership", "2021")]


@pytest.mark.parametrize(("text", "expected"), [
    # A balance's date is no financing's; an agreement effective as of a date is dated by it.
    ("Liquid funds as of March 31, 2024 include SEK 220 million from the rights issue.",
     [("financing", "2024-05-02")]),
    ("Under a license agreement with Beta, effective as of January 2004, Acme markets AB-101 in Japan.",
     [("partnership", "2004-01")]),
])
def test_events_a_state_as_of_a_date_is_not_dated_by_it(extract, text, expected):
    assert [(e["type"], e["date"]) for e in extract(DATELINE + text)["events"]] == expected


# Sentences where a rule of the eighth round first misfired (a review against the round's start):
# each rule keeps to its own construction.
@pytest.mark.parametrize(("text", "expected"), [
    # Agreements and rights that are no licence.
    ("The loan agreement signed with Hercules Capital in March 2024 provides $50 million for AB-101.", []),
    ("The employment agreement signed with Dr. Jane Lee, the new medical chief, runs until 2027.", []),
    ("Following the transfer, Acme Bio holds all rights to AB-101.", []),
    ("The licensing-out strategy remains focused on AB-101.", []),
    # A negation or a habitual word in a clause of its own leaves the act alone.
    ("The FDA approved AB-101 for psoriasis, an option for patients who cannot tolerate methotrexate.",
     ["approval"]),
    ("\u201cWe can\u2019t wait to bring AB-101 to patients,\u201d said the CEO, after the FDA approved "
     "AB-101 for psoriasis on May 1, 2024.", ["approval"]),
    ("Health Canada approved AB-101 for patients who don't respond to methotrexate.", ["approval"]),
    ("The FDA approved AB-101 for psoriasis, a chronic disease that typically begins in early adulthood.",
     ["approval"]),
    ("The FDA didn't approve AB-101 for psoriasis.", []),
    # An agency acting on an application for a trial's approval.
    ("The MFDS granted Acme Bio's application for clinical trial approval of AB-101 in March 2024.",
     ["ind_clearance"]),
    ("The NMPA has accepted Acme Bio's application for clinical trial approval of AB-101.",
     ["ind_acceptance"]),
    # An endpoint's achievement as a payment's condition; a steroid-free trial.
    ("Milestone payments are tied to the achievement of the primary endpoint in the trial of AB-101.", []),
    ("Acme Bio began a steroid-free trial of AB-101 in kidney transplant recipients in March 2024.",
     ["trial_start"]),
    # An ethics committee beside a regulator's marketing authorisation.
    ("The European Commission granted marketing authorisation for AB-101 in March 2024, based on a pivotal "
     "trial conducted with ethics committee approval in 12 countries.", ["approval"]),
])
def test_events_rules_keep_to_their_construction(extract, text, expected):
    assert [e["type"] for e in extract(DATELINE + text)["events"] if not e["planned"]] == expected


def test_events_only_modifiers_marked_near_are_scoped(extract):
    # "complete response letter" negates its whole clause; only "not", "can't", "typically" ...
    # (`scope: near` in their patterns) wait for a trigger next to them.
    text = (DATELINE + "The FDA did not identify any safety issues with AB-101, but wrote in a complete "
            "response letter that it was unable to approve the application.")
    assert extract(text)["events"] == []
