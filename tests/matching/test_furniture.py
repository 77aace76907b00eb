import pytest

from rxnews.matching.furniture import furniture_spans, mask

PARAGRAPH = "Acme Therapeutics announced today that the FDA cleared the IND for AB-101, " * 3
OTHER_STORIES = "\n".join(["Beta Bio wins FDA breakthrough status for BX-7",
                           "Gamma launches GX-2 tablets in US market",
                           "Delta Pharma submits BLA for DX-9 to the FDA"])
LONG_RUN = "\n".join(["Beta Bio wins FDA breakthrough status for BX-7",
                      "Gamma launches GX-2 tablets in US market",
                      "Delta Pharma submits BLA for DX-9 to the FDA",
                      "Beta Bio opens a plant in Ohio for BX-7",
                      "Epsilon receives complete response letter for EX-1",
                      "Zeta signs a licence deal with Eta",
                      "Theta reports topline results from Phase III study of TX-4",
                      "Iota expands its research capabilities across US and China"])


@pytest.mark.parametrize(("text", "masked"), [
    # A list of other stories after the release: its short lines, up to the next paragraph.
    (PARAGRAPH + "\n\nRelated News\nBeta wins approval for BX-7\nMarch 3, 2024\n\n" + PARAGRAPH,
     ["Related News\nBeta wins approval for BX-7\nMarch 3, 2024"]),
    (PARAGRAPH + "\nRead more:\n- Gamma doses first patient\n- Delta raises $50M",
     ["Read more:\n- Gamma doses first patient\n- Delta raises $50M"]),
    # On the first line the heading labels the page: the title and date stay.
    ("Latest News\nAcme wins approval for AB-101\n2024-03-05\n\n" + PARAGRAPH, []),
    ("\n  Latest News\nAcme wins approval for AB-101\n2024-03-05\n\n" + PARAGRAPH, []),
    # Anywhere else a list, even above the first paragraph.
    ("Acme news\n\nRelated news\nMarch 3, 2024: Beta wins approval\n\n" + PARAGRAPH,
     ["Related news\nMarch 3, 2024: Beta wins approval"]),
    # A heading inside a sentence is not one.
    (PARAGRAPH + "\nSee also the related news below for AB-101.", []),
    # Headlines of other stories that end the text, with no heading: each its own subject.
    (PARAGRAPH + "\n" + OTHER_STORIES + "\nEpsilon receives complete response letter for EX-1\nFDA a",
     [OTHER_STORIES + "\nEpsilon receives complete response letter for EX-1\nFDA a"]),
    # ... also when a name in capitals ends in "ed", or a name opens in lower case with a capital.
    (PARAGRAPH + "\n" + OTHER_STORIES + "\nZETAMED gains China approval for ZX-3 tablets",
     [OTHER_STORIES + "\nZETAMED gains China approval for ZX-3 tablets"]),
    (PARAGRAPH + "\n" + OTHER_STORIES + "\niBeta supports Delta's positive Phase 2b study results",
     [OTHER_STORIES + "\niBeta supports Delta's positive Phase 2b study results"]),
    # The release's own list: its name again, or verbs first; or fewer than four lines.
    (PARAGRAPH + "\n" + "\n".join(["Acme paused the start of the Phase 3 trial of AB-101",
                                    "Acme raised SEK 150 million in a share issue",
                                    "First approval to start the Phase 3 trial was received",
                                    "Property with a plant in Umea was bought"]), []),
    (PARAGRAPH + "\n" + "\n".join(["Completed enrollment in the Phase 2 trial of AB-101",
                                    "Received Fast Track designation for AB-102",
                                    "Initiated the Phase 1 trial of AB-103",
                                    "Appointed Jane Doe as Chief Financial Officer"]), []),
    (PARAGRAPH + "\n" + OTHER_STORIES, []),
    # A long run of other stories may name one company twice; four lines with a name twice are the
    # release's own.
    (PARAGRAPH + "\n" + LONG_RUN, [LONG_RUN]),
    # The release's own milestones: a drug's code opens two of them.
    (PARAGRAPH + "\n" + "\n".join(["AB-101 received Fast Track designation from the FDA",
                                    "AB-202 completed enrollment in its Phase 2 trial",
                                    "AB-101 dosed the first patient in a Phase 3 trial",
                                    "AB-303 won Orphan Drug Designation in Europe",
                                    "AB-404 entered a license deal with Beta Bio",
                                    "AB-505 received IND clearance from the NMPA",
                                    "AB-606 reported topline data in gout patients",
                                    "AB-707 began a trial in lupus patients"]), []),
    (PARAGRAPH + "\n" + "\n".join(["Acme doses the first patient in its Phase 2 trial of AB-101",
                                    "Beta Bio wins FDA breakthrough status for BX-7",
                                    "Acme receives Fast Track designation for AB-102",
                                    "Gamma launches GX-2 tablets in US market"]), []),
])
def test_furniture_spans(text, masked):
    assert [text[a:b] for a, b in furniture_spans(text)] == masked


def test_mask_keeps_offsets_and_line_breaks():
    text = PARAGRAPH + "\nRelated News\nBeta wins approval\n"
    masked = mask(text, furniture_spans(text))
    assert len(masked) == len(text)
    assert masked.startswith(PARAGRAPH + "\n")
    assert masked[len(PARAGRAPH) + 1:] == " " * 12 + "\n" + " " * 18 + "\n"
