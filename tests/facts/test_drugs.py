import pytest
from conftest import names

from rxnews.facts.drug_names import DrugNames, is_code
from rxnews.facts.drugs import DrugMention, link_mentions
from rxnews.matching.tokens import tokenize

DATELINE = "BOSTON, May 2, 2024 /PRNewswire/ -- "



@pytest.mark.parametrize(
    "code",
    ["4B02-01", "LBL-024", "BT02", "SHR-A1811", "HMPL\u2011453", "mRNA-1273", "ABBV-400", "9MW3911",
     "JMT203", "CX-904", "DS-8201a", "HS-20093", "HM12525A", "ACM-101B", "MP1234"],
)
def test_drugs_codes_are_matched_whole(extract, code):
    record = extract(f"The company said {code} was well tolerated in the trial.")
    assert [d["name"] for d in record["drugs"]] == [code]
    assert record["drugs"][0]["kind"] == "code"
    mention = record["drugs"][0]["mentions"][0]
    assert mention["text"] == code


@pytest.mark.parametrize(("text", "mentions"), [
    # A brand found by its shape is the same brand in other capitals, written with a capital first.
    ("FDA CLEARS ACME'S ZORVEX\u00ae\n\nThe FDA cleared Zorvex. Zorvex is a gel.",
     ["ZORVEX", "Zorvex", "Zorvex"]),
    ("Acme said Zorvex\u00ae was approved. ZORVEX is sold in Japan.", ["Zorvex", "ZORVEX"]),
    ("Acme said Lumina\u00ae was approved; its lumina index rose.", ["Lumina"]),
])
def test_drugs_a_brand_in_other_capitals_is_the_same_brand(extract, text, mentions):
    drugs = extract(text)["drugs"]
    assert len(drugs) == 1
    assert [m["text"] for m in drugs[0]["mentions"]] == mentions


def test_drugs_a_code_before_a_glued_em_dash(extract):
    record = extract("Acme will develop and market ZX40021\u2014a dual-action inhibitor\u2014in Europe.")
    assert [d["name"] for d in record["drugs"]] == ["ZX40021"]


@pytest.mark.parametrize(("text", "expected"), [
    # A program named by a code is the drug's program; a trial or cohort named by one is no drug.
    ("We saw immune engagement in our XQ0310 program and plan a study.", ["XQ0310"]),
    ("The ZT-401 programme moved to the clinic.", ["ZT-401"]),
    ("Enrolment in the X-02 trial and the ZT-04 cohort is complete.", []),
    # A code right after "trial" is its number; one before "series" a family of compounds.
    ("The Phase 2b clinical trial ZT401-203 enrolled 200 patients with ZT401.", ["ZT401"]),
    ("The trial (ZT401-203) of ZT401 and the ZT500 series go on.", ["ZT401"]),
    # A code of the drug's shape after "trial" names the drug; a headline's "Trial" ends its line.
    ("In the Phase 2 trial ZX-101 was well tolerated.", ["ZX-101"]),
    ("Acme Doses First Patient in Phase 1 Trial\nZX-101 is a KRAS inhibitor.", ["ZX-101"]),
])
def test_drugs_codes_before_program_trial_or_cohort(extract, text, expected):
    assert [d["name"] for d in extract(text)["drugs"]] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme dosed the first patient with PF-07248144, an eight-digit code.", ["PF-07248144"]),
    ("The EMA granted orphan drug status to F901318 in March 2024.", ["F901318"]),
    # A protocol's number glued to the code: the code only.
    ("Acme announced results from its Phase 2 trial, ZX-202-CL-31, of ZX-202.", ["ZX-202"]),
    # A generic name misspelt by one letter is the same drug; two names a letter apart are not
    # joined when short, nor codes.
    ("Acme dosed furmonertinib. Allist said furmonertnib was approved.", ["furmonertinib"]),
    ("Acme dosed imatinib and nilotinib.", ["imatinib", "nilotinib"]),
    # A name described as a treatment.
    ("Apocell, a treatment for graft-versus-host disease, is in a Phase 2 trial.", ["Apocell"]),
    ("Psoriasis, a treatment-resistant disease, affects millions.", []),
    # An enzyme replacement therapy's code is a drug's.
    ("Acme Bio's AB-12 enzyme replacement therapy received Fast Track designation.", ["AB-12"]),
])
def test_drugs_codes_with_eight_digits_or_one_letter(extract, text, expected):
    assert [d["name"] for d in extract(text)["drugs"]] == expected


@pytest.mark.parametrize(
    "text",
    ["COVID-19 cases rose.", "PD-1 and CD20 are targets.", "KRAS G12C mutations", "results in Q3 2025",
     "shares of Acme (HKEX: 09887) rose", "see NCT01234567", "approval number CXSL2300740",
     "at ASCO24 in Chicago", "in FY2024 revenue", "IL-17A and HER2 expression",
     "a phase 3 trial, dubbed AReSVi-006, read out", "the T790M and V600E mutations",
     "EASI-75, PASI-90 and DAS28 responses", "QLQ-C30 and HAMD-17 scores", "a dual COX-2 and COX-1 inhibitor",
     "it raised KRW23 billion at KRW54,800 apiece", "a GBP12m grant and CHF300 million",
     "the KOSPI200 fell while the FTSE100 and CSI300 rose",
     "patients with NPM1-mutated leukemia and IDH1 mutations", "in CLDN6-positive and MTAP-deficient tumors",
     # an SEC exhibit's label, an amount after a currency sign, a period of months
     "EX-99.1 2 ex99-1.htm EXHIBIT 99.1", "shares closed at US$27.74 ($AU37) on Friday",
     "QUARTERLY STATEMENT 6M-2018 and 9M2023 figures",
     # a gene's symbol after its enzyme's name, or before "enzyme"
     "an antibody to dipeptidyl peptidase 3 (DPP3) is in development",
     "cancers that overexpress the aldo-keto reductase 1C3 enzyme",
     # a Korean ticker after its exchange, a trial registry's number, a billing J-code
     "shares of Acme Bio (KRX: A096530) rose", "the trial (DRKS00031234) enrolled",
     "a permanent J-code (J1234)",
     # a gene named by its family member
     "mutations in nuclear receptor subfamily 2 group E member 3 (NR2E3) cause disease"],
)
def test_drugs_code_shaped_non_drugs_are_ignored(extract, text):
    assert extract(text)["drugs"] == []


@pytest.mark.parametrize(("token", "expected"), [("BT02", True), ("G12C", False), ("Covid19", False),
                                                  ("FY2024", False), ("4B02-01", True),
                                                  # one capital and four digits or more, not a year
                                                  ("E7080", True), ("F901318", True), ("A2024", False),
                                                  ("T123", False)])
def test_drugs_is_code(token, expected):
    assert is_code(token, frozenset({"FY"})) is expected


def test_drugs_stem_inns_skip_short_english_words_and_addresses(extractor):
    shapes = DrugNames.from_entries(extractor.entries)
    text = ("peptide, cancel, concept, oncogene and zanidatamab, zongertinib, tozorakimab, velanolone; "
            "see www.tarlatamab.com or mail info@zolbetuximab.org")
    found = [text[s:e] for s, e in shapes.find_stem_inns(*tokenize(text))]
    assert found == ["zanidatamab", "zongertinib", "tozorakimab", "velanolone"]


def test_drugs_english_words_with_an_inn_stem_are_not_drugs(extract):
    record = extract("The oligonucleotide and the polypeptides were tested with zanidatamab.")
    assert names(record["drugs"]) == ["zanidatamab"]


def test_drugs_brand_inn_code_are_one_item(extract):
    record = extract("Velesin\u2122 (Opatisumimab, LBL-024), a PD-L1/4-1BB bispecific antibody, "
                     "was evaluated. Velesin\u2122 is safe.")
    assert len(record["drugs"]) == 1
    drug = record["drugs"][0]
    assert (drug["name"], drug["kind"]) == ("LBL-024", "code")
    assert sorted(drug["aliases"]) == ["Opatisumimab", "Velesin"]
    assert drug["modality"] == "bispecific antibody"
    assert len(drug["mentions"]) == 4


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        ("Yselty (linzagolix) met its endpoint.", "linzagolix", ["Yselty"]),
        ("the FDA cleared inclisiran (Leqvio) for adults", "inclisiran", ["Leqvio"]),
        ("fast track for DB-1305/BNT325 in ovarian cancer", "DB-1305", ["BNT325"]),
        ("Keytruda (pembrolizumab) plus chemotherapy", "pembrolizumab", ["Keytruda"]),
        ("KEYTRUDA was approved.", "KEYTRUDA", []),
        ("results for sotatercept-csrk in adults", "sotatercept-csrk", []),
        ("leuprolide acetate was the comparator", "leuprolide acetate", []),
        ("in combination with nab-paclitaxel", "nab-paclitaxel", []),
        ("Enhertu (trastuzumab deruxtecan) was granted", "trastuzumab deruxtecan", ["Enhertu"]),
        ("Zorvexa Tablets (active ingredient: lazertinib) was approved. Zorvexa is oral.",
         "lazertinib", ["Zorvexa"]),
        ("ACM-101, which will be marketed as Zorvexa, is oral.", "ACM-101", ["Zorvexa"]),
        ("lazertinib, sold under the brand name Zorvexa in Korea", "lazertinib", ["Zorvexa"]),
    ],
)
def test_drugs_inn_and_brand_linking(extract, text, name, aliases):
    drugs = extract(text)["drugs"]
    assert len(drugs) == 1
    assert drugs[0]["name"] == name
    assert drugs[0]["aliases"] == aliases


@pytest.mark.parametrize(
    "text",
    ["PD-1 inhibitors and chemotherapy remain standard.", "Using its proprietary X-body\u00ae platform.",
     "Antibody-drug conjugates (ADCs) are a growing class.", "BioTroy Therapeutics announced results.",
     # A product noun that describes a company; a corporate designator with a mark.
     "Oxford NovaGene, a gene therapy company, named a new director. He joined Oxford NovaGene in 2005.",
     "Velmora, a vaccine maker, opened a plant.", "(c) 2024 Acme Life Sciences\u2122. All rights reserved.",
     "Acme Biosciences\u2122 today opened a facility.",
     # A company's name with its mark before a designator: no brand anywhere in the text.
     "Velcura\u00ae Technologies Inc. said the FDA granted Velcura\u00ae Fast Track designation.",
     "ChinaBio\u00ae Group is a consulting firm. ChinaBio\u00ae works with investors.",
     # A headline's last word "candidate" names nothing on the next line.
     "AcmeGTx receives PRIME designation for gene therapy candidate\n\nAcmeGTx\n\nAcmeGTx said so."],
)
def test_drugs_classes_platforms_companies_are_not_drugs(extract, text):
    assert extract(text)["drugs"] == []


def test_drugs_link_mentions_groups_by_parentheses():
    text = "Velesin (opatisumimab, LBL-024) and nab-paclitaxel"
    mentions = [DrugMention(0, 7, "brand"), DrugMention(9, 21, "inn"), DrugMention(23, 30, "code"),
                DrugMention(36, 50, "inn")]
    assert sorted(map(sorted, link_mentions(text, mentions))) == [[0, 1, 2], [3]]


def test_drugs_two_products_stay_apart(extract):
    record = extract("Opatisumimab was tested in combination with nab-paclitaxel in TNBC.")
    assert sorted(names(record["drugs"])) == ["nab-paclitaxel", "opatisumimab"]


def test_drugs_also_known_as_and_formerly_link_one_product(extract):
    record = extract(DATELINE + "Acme Therapeutics, Inc. said AC-101 (formerly ACM-2207), a KRAS G12C "
                     "inhibitor, received Fast Track designation. AC-101, also known as acmetinib, is oral.")
    assert [(d["name"], d["aliases"]) for d in record["drugs"]] == [("AC-101", ["ACM-2207", "acmetinib"])]


@pytest.mark.parametrize(("text", "expected"), [
    ("Velkora, an investigational gene therapy, was dosed.", [("Velkora", [])]),
    # The brand described by its INN is that drug's alias.
    ("Ocuvex, a phentolamine eye drop, met its endpoint.", [("phentolamine", ["Ocuvex"])]),
    ("Acme reported that its drug candidate Tramizol entered Phase 2.", [("Tramizol", [])]),
    ("Seagenix, a biotechnology company developing ADC drugs, said so.", []),
    ("Data went to the Annual Meeting, a growing recognition of the drug candidate's promise.", []),
    ("In March, a new vaccine was approved in Canada, a country of 40 million.", []),
    # A name after a possessive and a product noun; four capitals or more are a brand there.
    ("Acme halted a study of its cancer vaccine Oncovax last year.", [("Oncovax", [])]),
    ("Acme said its CAR-T cell therapy Velcel-2 has won approval.", [("Velcel-2", [])]),
    ("Acme's new plasma product drug ZORGLO was approved.", [("ZORGLO", [])]),
    ("Acme said its COVID-19 vaccine Phase 3 trial began.", []),
    ("Acme said its lead drug NDA was filed.", []),
    ("Acme said its cancer vaccine Oncovax Plus was approved.", []),
    ("Acme said its cell therapy Cellmatrix platform is ready.", []),
    ("Acme said its therapy Medicare covers is costly.", []),
    ("Acme's Cancer Vaccine Oncovax Gets Nod", []),
    ("The FDA granted its gene therapy RMAT designation.", []),
    # A name of a brand's strong shape (inner capitals, five capitals or more) after a product noun.
    ("The trial tests the allogeneic stem cell therapy AstroCel-V in pneumonia.", [("AstroCel-V", [])]),
    ("The director said the vaccine CERVAX has shown a robust response.", [("CERVAX", [])]),
    ("The vaccine Zorvel is sold widely.", []),  # a plain capitalised word: no strong shape
    ("The FDA granted the cell therapy PRIME designation.", []),
    # ... not a company's name that a verb follows, nor a class.
    ("Acme licensed the ADC DualityLab discovered, DB-9999.", [("DB-9999", [])]),
    ("It bought the antibody ImmunoCorp had developed.", []),
    ("The meningococcal vaccine MenACWY is given at 11.", []),
    ("The vaccine CERVAX has been approved in India.", [("CERVAX", [])]),
    ("Acme advanced its lead cancer vaccine\nCompleted enrollment of a trial.", []),
])
def test_drugs_names_the_text_describes_as_drugs(extract, text, expected):
    assert [(d["name"], d["aliases"]) for d in extract(text)["drugs"]] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministry approved Velkora tablets and Ocuvex extended-release capsules.", ["Velkora", "Ocuvex"]),
    ("Approved were drugs for gout (Tramizol injection) and acne (Dermavo cream).", ["Tramizol", "Dermavo"]),
    # A form of several words is named whole; its last word alone is no form.
    ("Acme launched Ocuvex eye drops, Dermavo pre-filled pens and Tramizol for injection.",
     ["Ocuvex", "Dermavo", "Tramizol"]),
    ("Revenue of Velkora drops as Dermavo solution sales rise.", []),
    # A capitalised word that opens a sentence, or a common word, is no name.
    ("The trial ended. Oral tablets were given twice daily.", []),
    ("Patients received Placebo tablets for 12 weeks.", []),
    # A route of administration is no name.
    ("Velkora is an Intravenous injection for dialysis patients.", []),
    ("Velkora is given as Subcutaneous injection or Oral tablets.", []),
    # A form in title case (a headline) is not read.
    ("Acme Wins Approval For Velkora Tablets", []),
])
def test_drugs_names_before_a_dosage_form(extract, text, expected):
    assert names(extract(text)["drugs"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme said AC-101, a novel topical formulation of terbinafine, met its endpoint.",
     [("AC-101", ["terbinafine"])]),
    ("Acme said AC-101, an oral formulation of apixaban, met its endpoint.", [("AC-101", ["apixaban"])]),
    ("Trials of AC-101, Acme Bio's proprietary topical formulation of terbinafine, go on.",
     [("AC-101", ["terbinafine"])]),
    ("Acme said AC-101 and apixaban met the endpoint.", [("AC-101", []), ("apixaban", [])]),
])
def test_drugs_a_formulation_of_an_inn_is_one_product(extract, text, expected):
    assert [(d["name"], d["aliases"]) for d in extract(text)["drugs"]] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An INN's Greek second word is part of it.
    ("Acme reported data on eftilagimod alpha and on epoetin alfa.", ["eftilagimod alpha", "epoetin alfa"]),
    # A capitalised name in a drug's slot: what a trial evaluates, what an application or a
    # designation is for, what patients receive.
    ("Acme completed enrollment in the Phase 3 trial of its Zorvexa topical cream.", ["Zorvexa"]),
    ("The New Drug Application (NDA) for Velkora has been accepted for filing.", ["Velkora"]),
    ("The FDA granted Breakthrough Therapy designation for its lead compound Tramivax.", ["Tramivax"]),
    ("The FDA granted fast track designation to its Ocuvex gene therapy.", ["Ocuvex"]),
    ("A 20% reduction was seen among patients receiving Velkora.", ["Velkora"]),
    ("Acme completed the pivotal study with Zorvexa, its oxygen carrier.", ["Zorvexa"]),
    ("Acme said the Phase 2 study of its candidate drug Velkora failed.", ["Velkora"]),
    ("Grants will help bring to market the drug, Tramivax, which is taken orally.", ["Tramivax"]),
    # A name between a possessive and a product noun.
    ("The EMA granted orphan status to the company's NeuroRx drug for Huntington's disease.", ["NeuroRx"]),
    ("Acme dosed the first patient with its Vaxa-1 flu vaccine.", ["Vaxa-1"]),
    ("Acme's HyVEX eye drop met its endpoint.", ["HyVEX"]),
    ("Acme advanced its ZQR5-targeted therapy, China's First XPO1 inhibitor and Beta's SuperLink ADC "
     "platform.", []),
    ("Its European cancer vaccine, its Oncology drug and its Boston drug manufacturing plant grew.", []),
    # A drug's own words after a short code do not make it a target's name.
    ("The FDA granted Fast Track designation to the RC48 ADC and the ZW25 bispecific antibody.",
     ["RC48", "ZW25"]),
    # What a status is for.
    ("The FDA granted orphan drug status for NeuroRx for the treatment of ALS.", ["NeuroRx"]),
    # No slot: title case, another capitalised word after the name, a company, a possessive.
    ("Acme Completes Enrollment in Phase 3 Trial of Zorvexa", []),
    ("Acme reported results from patients receiving Orphan Drug status.", []),
    ("The FDA granted Fast Track designation to Velkora Therapeutics for its AB-101.", ["AB-101"]),
    ("Acme Bio Inc. said the designation to Acme for AB-101 came in May.", ["AB-101"]),
    ("The study of Alzheimer's patients enrolled 40 people.", []),
    ("The NDA for Phase 3 data was filed.", []),
    ("The trial of Japanese patients and the study with Korean adults ended.", []),
    # Shareholders, boards and trials named in an approval's slot are none.
    ("Acme won the approval of Beta shareholders and approval for the Zenith clinical trial.", []),
    ("Acme won approval for Cohort 2, IRB approval for Stanford and the approval of Spanish regulators.", []),
    ("Acme submitted an application for Additional Indication of AB-101.", ["AB-101"]),
    # A trade mark written out in older wire copy marks a name as ™ does.
    ("Acme said OraLeve(TM) cleared its first trial.", ["OraLeve"]),
    ("Acme said OraLeve(R) (linzagolix) is safe.", ["linzagolix"]),
    # A marked platform is no product, also when its description follows.
    ("It relies on J-Shuttle Cargo\u00ae, a proprietary technology developed by Acme.", []),
    ("It relies on Cargo(TM) technology.", []),
    ("It builds on its transdermal DermaLink\u00ae drug delivery technology.", []),
    ("The FDA approved Zorvex\u00ae transdermal system. Zorvex is applied daily.", ["Zorvex"]),
    ("The Zorvex\u00ae development program and Zorvex\u00ae tablets advanced.", ["Zorvex"]),
    # A release form's letters belong to the brand; "extended release" written with a space.
    ("The FDA approved Velkora XR extended release tablets.", ["Velkora XR"]),
    ("The FDA approved Velkora controlled release tablets.", ["Velkora"]),
    # A short code that names a disease, a company's designator glued to a day, a surname.
    ("Acme dosed AB-101 in GM1 gangliosidosis; GM1 is rare. AB-12 was dosed in CLN2 disease.",
     ["AB-101", "AB-12"]),
    ("Acme PLC22 March 2011: Lars Pedersen, chairman, said AB-101 was dosed.", ["AB-101"]),
    # A code written with a space, a drug's words nearby.
    ("Acme's lead product is ARQ 731, a BTK inhibitor for blood cancers.", ["ARQ 731"]),
    ("Results for the antibody XOMA 152 were positive.", ["XOMA 152"]),
    # Amounts, exchanges, meetings and years are no codes, nor a code without a drug's words.
    ("The drug sold SEK 150 million and KRW 1,458 in the quarter.", []),
    ("Data on the inhibitor were shown at ASCO 2020 and ASH 2022.", []),
    ("The drug candidate's shares (TSE 4552) rose.", []),
    ("Acme moved to Route 128 and Suite 400.", []),
    ("Acme hired 120 staff for NASA 1234 in March.", []),
    # The ester word of a two-word INN is a part of its name, in any case.
    ("Acme sells deunoxavir marboxil and olmesartan medoxomil.",
     ["deunoxavir marboxil", "olmesartan medoxomil"]),
    # A dosage form or a wire service, described or capitalised, is no brand.
    ("The NMPA accepted the NDA for Baloxavir Marboxil Granules, an anti-influenza drug.",
     ["Baloxavir Marboxil"]),
    ("Acme starts trial of AB-101\nGlobeNewswire\u2022April 22, 2020", ["AB-101"]),
])
def test_drugs_names_by_context_and_shape(extract, text, expected):
    assert [d["name"] for d in extract(text)["drugs"]] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A dosage form between a name and its parenthesis: one product.
    ("The NDA of Linzagolix Extended-Release Microspheres for Injection (AB-101) was accepted.",
     [("AB-101", ["Linzagolix"])]),
    # ... and after a mark and a strength.
    ("Velkora\u00ae Injection 135mg (AB-101) was approved.", [("AB-101", ["Velkora"])]),
    ("Yselty Tablets 100mg (generic name: linzagolix, code: AB-101) were approved.",
     [("AB-101", ["Yselty", "linzagolix"])]),
    # ... also after a salt, which is no brand name.
    ("Linzagolix Hydrochloride Capsules (AB-101) were approved.", [("AB-101", ["Linzagolix"])]),
    # Not a form: a parenthesis after other words is not the name's.
    ("Linzagolix was approved in gout (AB-101 is in Phase 2).",
     [("linzagolix", ["Linzagolix"]), ("AB-101", [])]),
])
def test_drugs_a_form_before_the_parenthesis_links_the_names(extract, text, expected):
    assert [(d["name"], d["aliases"]) for d in extract(text)["drugs"]] == expected


def test_drugs_a_brand_before_a_product_line_word_stays_a_brand(extract):
    """A marked name before "Healthcare" or "Technology" without an incorporation word is a brand's
    service or technology, not a company: "the Velkora(R) Healthcare Professional website"."""
    text = ("The FDA approved Velkora\u00ae for gout. Prescribers can visit the Velkora\u00ae Healthcare "
            "Professional website. The Velkora\u00ae Technology allows monthly dosing.")
    assert names(extract(text)["drugs"]) == ["Velkora"]


def test_drugs_a_gene_named_by_its_variant_is_no_code(extract):
    """A short code before "-mutated", "mutations", "-positive" ... is a gene's symbol, also where a
    trial's words around it would make a code a drug."""
    text = "In the Phase 3 trial REVEAL NPM1, patients with NPM1-mutated leukemia were dosed with AB-101."
    assert names(extract(text)["drugs"]) == ["AB-101"]
