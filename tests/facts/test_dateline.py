"""The release date: datelines of every shape, site stamps, precedence, and dates that never count."""

import pytest
from hypothesis import given, seed
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.facts.dateline import _candidates, _digit_windows, find_release_date
from rxnews.matching.tokens import tokenize

BODY = " Acme Bio, Inc. today announced that the FDA cleared its IND for AB-101."


def release_date(text: str) -> str | None:
    found = find_release_date(text)
    return found.value if found else None


@pytest.mark.parametrize(("head", "expected"), [
    # City, then the date, then a wire tag or a dash.
    ("BOSTON, March 3, 2024 /PRNewswire/ --", "2024-03-03"),
    ("SAN DIEGO, Oct. 2, 2023 (GLOBE NEWSWIRE) --", "2023-10-02"),
    ("SUZHOU, China, Jan. 5, 2024 /PRNewswire/ --", "2024-01-05"),
    ("LONDON, 12 June 2023 -", "2023-06-12"),
    # The place, the date and the company, opening a line (Nordic releases).
    ("Lund, Sweden,10 May 2019, Acme Pharmaceutical AB today announced", "2019-05-10"),
    ("Oslo, Norway, 3 March 2022, Acme ASA (OSE: ACME) announces", "2022-03-03"),
    ("Copenhagen, Denmark, 2 February 2023 -", "2023-02-02"),
    # Several places, joined by commas, "and" or "&".
    ("BOSTON and SHANGHAI, March 3, 2024 /PRNewswire/ --", "2024-03-03"),
    ("NANJING, China and GAITHERSBURG, Md., Feb. 2, 2023 /PRNewswire/ --", "2023-02-02"),
    ("HONG KONG and SHANGHAI, China and FLORHAM PARK, N.J., Sept. 19, 2021 (GLOBE NEWSWIRE) --",
     "2021-09-19"),
    ("Basel & Boston, MA \u2014 Thursday, March 31, 2022: Acme AG provides an update", "2022-03-31"),
    # Missing spaces, odd punctuation inside the date.
    ("TAIPEI,Oct. 11,2022 --", "2022-10-11"),
    ("Washington, D.C. (June 2. 2022) - The group welcomed", "2022-06-02"),
    ("Oslo, Norway (4 May 2021) -", "2021-05-04"),
    # Weekdays.
    ("Cambridge, UK, Tuesday 7 March 2023:", "2023-03-07"),
    ("Friday, May 5, 2023: Acme Bio announced", "2023-05-05"),
    ("Zug, Switzerland, Monday, 16 January 2023 - Acme", "2023-01-16"),
    # Separators: "I", "|", ";", "-", "/", "--".
    ("SAN DIEGO, CA, USA I March 14, 2022 I Acme Bio", "2022-03-14"),
    ("SEATTLE, WA, USA I May 12, 2020 IAcme Bio Inc. today said", "2020-05-12"),
    # Stamps: an exchange filing's "Date of announcement", a filing's source line, a byline.
    ("Provided by: ACME CO.\nNo 1 Date of announcement 2021/03/09 Time of announcement 17:02:11\nSubject",
     "2021-03-09"),
    ("On June 2, 2015 Acme Corp. reported its results (Filing, Q1, Acme, 2015, JUN 2, 2015, View Source).",
     "2015-06-02"),
    ("Acme and Beta team up\n\nJane Doe March 3 2024\n\nAcme will supply the drug.", "2024-03-03"),
    ("Acme news\nThe trial ran from March 3 2024\nAcme said", None),  # no byline: a sentence
    # A dateline inside a line (a transcribed PDF), the listed company right after the date.
    ("Page 1 Acme Bio plc half-year report, good progress Leeds, 4 May 2015 Acme Bio plc (AIM: ACB), "
     "a drug developer", "2015-05-04"),
    # A London Stock Exchange header: the company, its designator, the date.
    ("Trading Update\n\nAcme Bio PLC 14 June 2012 Acme: Trading update for the year", "2012-06-14"),
    ("Seoul, Korea | 8 August 2022 | Acme", "2022-08-08"),
    ("Leiden, the Netherlands; 5 May 2022; 07.00 CET;", "2022-05-05"),
    ("RANCHO CUCAMONGA, CA / ACCESSWIRE / November 8, 2023 / Acme", "2023-11-08"),
    ("Melbourne, Australia \u2014 23/06/2017\n", "2017-06-23"),
    # The date first.
    ("Aug. 3, 2022, Acme Bio, Inc. (Nasdaq: ACME) announced", "2022-08-03"),
    ("January 4, 2022 - The U.S. FDA cleared", "2022-01-04"),
    ("March 9, 2021 7:00 AM BOSTON--(BUSINESS WIRE)--Acme Bio", "2021-03-09"),
    ("WALTHAM, Mass.--(BUSINESS WIRE)--Nov. 20, 2021--Acme Bio", "2021-11-20"),
    # Agencies and newswires in parentheses, numeric dates with times.
    ("08:05 AM EDT, 06/24/2024 (MT Newswires) -- Acme said", "2024-06-24"),
    ("02/09/2022 (Europe Daily) \u2013 On Thursday 1 September, the Commission", "2022-09-02"),
    ("09/02/2022 (Europe Daily) \u2013 On Friday 9 September, the Commission", "2022-09-02"),
    # A dateline inside a line, after the headline runs into it.
    ("Acme Wins Approval for AB-101 in ChinaSHANGHAI, China, July 30, 2021 (GLOBE NEWSWIRE) --",
     "2021-07-30"),
    ("Headline - subtitle one - more patients HONG KONG, Sept. 21, 2024 /PRNewswire/ -- Acme",
     "2024-09-21"),
    # Site stamps, when there is no dateline.
    (" date 2020-07-06 Acme SA announces results", "2020-07-06"),
    ("Release date: May  19,  2025\n\nAcme announced", "2025-05-19"),
    ("Acme opens a plant\nDate:9/21/2015\n\nAcme said", "2015-09-21"),
    ("Title\n\nPosted on: 12 March 2024\n\nAcme said", "2024-03-12"),
    ("Title\n  \u2022 PUBLISHED :November 29, 2016 - 13:37\n  \u2022 UPDATED :November 30, 2016",
     "2016-11-29"),
    ("Title\ndate\n20:18 20/10/2025\nGMT Eight\nAcme", "2025-10-20"),
    ("Title\n\n09:45 14/02/2024\n\nAcme said", "2024-02-14"),
    ("Title\n\n29.09.2020 15:18:38\n\nAcme: results", "2020-09-29"),
    ("Title\n\n2008.09.10\nA green light for Acme", "2008-09-10"),
    ("Title\n\n2024. 8. 30. 11:36\nAcme said", "2024-08-30"),  # a Korean portal's stamp
    ("Title\n\nNEW YORK, May 1, 2024\u2014Acme Bio, Inc. today announced it.", "2024-05-01"),
    # The dateline's own sentence ends at the date; a filing's company field after the date; a byline
    # on the line after a headline's date.
    ("Title\nBrisbane, Australia, 28 December 2012. The Directors of Acme Ltd are pleased.", "2012-12-28"),
    ("Title\nMELBOURNE, AUSTRALIA \u2013 Wednesday 31 July 2019. Acme Ltd releases its report.",
     "2019-07-31"),
    ("Financial Results for the Fiscal Year ended March 31, 2015 [Japan GAAP] May 14, 2015 Name of Company "
     "Acme Co., Ltd Listed Market TSE", "2015-05-14"),
    ("Acme Buys Beta for $736 Million Cash July 11, 2016\nBy Jane Doe, Staff\n\nAcme said", "2016-07-11"),
    # ... not a headline's event date, nor a period's end before the company field.
    ("Acme to Present at the Jones Conference on June 5, 2024\nBy Business Wire\nMay 20, 2024 08:00 AM "
     "Eastern Daylight Time\nBOSTON--(BUSINESS WIRE)--Acme said so.", "2024-05-20"),
    ("Financial Results for the Fiscal Year Ended March 31, 2024 Company name: Acme Co., Ltd.\nMay 14, 2024\n"
     "Listing: Tokyo", "2024-05-14"),
    ("Title\n\nIn 2024. 8 patients were dosed.\nAcme said", None),
    ("Title\n\nThursday, 04. November 2021 09:50\n\nAcme", "2021-11-04"),
    ("Title\n\n31 May 2024\nTags", "2024-05-31"),
    ("Title\n\n03 / 2022.11\nAcme", "2022-11"),
    (" date 2022-07 Acme licenses AB-101 to Beta", "2022-07"),
    ("Day: December 25, 2022\n- Acme said", "2022-12-25"),
    ("Health Author: Jane Doe May 19, 2022 12:28 PM (GMT+8)\n\nAcme", "2022-05-19"),
    ("RNS Number : 4227N Acme Holdings 25 September 2023\nAcme", "2023-09-25"),
    ("Acme reports results\n\nOn May 3, 2023 Acme reported results (Press release, Acme, MAY 3, 2023, View",
     "2023-05-03"),
    # A stray space before the place's comma; a stamp's clock after "at".
    ("SAN DIEGO, Calif. , Oct. 3, 2024 /PRNewswire/ -- Acme announced today", "2024-10-03"),
    ("Acme: process started in France \u2013 02/27/2023 at 11:50 am\n\nAcme said on Monday", "2023-02-27"),
    ("Acme to Host Conference Call on March 5, 2024 at 4:30 p.m. ET\n\nAcme will host a call.", None),
    # A place and a colon, the date and a colon; the press-release cue before a place.
    ("Appointment of Director\nLondon: Thursday, October 12, 2017: Acme Ltd today announces", "2017-10-12"),
    ("Note: March 5, 2024: The call is cancelled.\nAcme said", None),
    # Places with no comma before the date, a dash after it; a headline's words are no places.
    ("Tokyo, Japan, and Lugano, Switzerland March 28, 2022 \u2013 Acme and Beta announced that",
     "2022-03-28"),
    ("Acme Announces Results March 28, 2022 \u2013 Acme said", None),
    ("ACME ANNOUNCES OFFERING\nBuffalo, NY \u2013 June 1, 2020 Acme Labs, Inc. (NASDAQ:ACME), today said",
     "2020-06-01"),
    # A month alone dates a release only as its dateline.
    ("Acme approval\n\nSEOUL, SOUTH KOREA \u2013 January, 2020 \u2013 AB-101 received approval.", "2020-01"),
    ("Newsletter March 2024\n\nAcme said in March 2024 that it had news.", None),
    ("Acme news\n\nAcme received approval from the EMA (May 2024) for AB-101.", None),
    # "On DATE Acme announced" opening the body is the release's date, before an aggregator's
    # citation of another day; a digest of such items has none.
    ("Acme reports results\n\nOn November 5, 2024 Acme Bio Ltd. (Nasdaq: ACME), a biotech company, reported "
     "results (Press release, Acme Bio, NOV 6, 2024, View Source).", "2024-11-05"),
    ("News digest\n\nOn 10 September 2025, Acme announced that it will present data.\n\n"
     "On 5 August 2025, Beta announced a deal.", None),
    # An agenda's lines are no datelines or stamps.
    ("Acme Reports Results\nConference Call: Thursday, May 9, 2024: Dial-in details below.\n"
     "May 2, 2024\nAcme", "2024-05-02"),
    ("Title\nLock-up Expiry: Monday, June 3, 2024: Shares unlock.\nAcme", None),
    ("Title\nWebcast: May 9, 2024 at 4:30 p.m. ET\nAcme", None),
    ("PRESS RELEASE: Acme Bio Annual Meeting June 12, 2024\nAcme", None),
    ("Acme raises funds\nPRESS RELEASE, COPENHAGEN 18TH OCTOBER 2023\nA syndicate invested", "2023-10-18"),
])
def test_dateline_shapes(head, expected):
    assert release_date(head + BODY) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # The release's own dateline wins over a site stamp, before or after it.
    (" date 2025-06-11 CHENGDU, China, June 10, 2025 /PRNewswire/ -- Acme", "2025-06-10"),
    ("Acme wins FDA nod\n\nRelease Date: 11-Dec-2016\n\nThe FDA said", "2016-12-11"),
    # A comma after the month; a Dow Jones end stamp (month-day-year, a clock time); the date an
    # AI news brief says its source was published.
    ("Title\nOSAKA, Japan, December, 13, 2021 - Acme announced", "2021-12-13"),
    ("Acme wins FDA nod\n\nThe FDA said so.\n\n(END) Dow Jones Newswires\n\n03-27-23 0736ET", "2023-03-27"),
    ("Disclaimer: this brief was generated. Acme Ltd. published the original content used to generate "
     "this news brief on September 03, 2025, and is responsible for it.\nThe NMPA accepted it.",
     "2025-09-03"),
    ("Title\nPosted: 3 May 2024\n\nBOSTON, May 2, 2024 /PRNewswire/ -- Acme", "2024-05-02"),
    # A cued stamp wins over a bare date (a top bar with today's date).
    ("THE DAILY\nApril 26, 2024\n\nNews\n  \u2022 PUBLISHED :November 29, 2016\n\nAcme", "2016-11-29"),
    # A year-less dateline takes the year the text makes certain, else none.
    ("Title\nDate:5/13/2009\n\nPARSIPPANY, N.J., May 13 /PRNewswire/ -- Acme", "2009-05-13"),
    ("Wire) 09:08, September 03, 2021\n\nHONG KONG, Sept. 2 (Wire) -- Acme", "2021-09-02"),
    ("Acme Reports First Quarter 2023 Results\n\nBOSTON, May 9 /PRNewswire/ -- Acme", "2023-05-09"),
    ("BOSTON, May 9 /PRNewswire/ -- Acme compared 2022 with 2023.", None),
    # A year of a plan does not date the release.
    ("QUEBEC CITY, Nov. 21 /CNW Telbec/ - Acme completed enrollment, with results expected in the "
     "second half of 2006.", None),
    # A year-less date after a word in a sentence is no dateline: the stamp below decides.
    ("Report 2022\n  \u2022 Acme was granted a patent in US (Oct 24)\n\nDatum 2023-02-09, kl 08:30",
     "2023-02-09"),
    # A numeric date neither its parts nor the text decide is refused.
    ("Title\n\n05/06/2022\n\nAcme said", None),
    ("Title\n\n23.02.15 14:00:01\n\nAcme said", None),
    ("Title\n\n23.02.15 14:00:01\n\nAcme said in 2023 that", "2023-02-15"),
    # Dates in sentences, headlines and furniture are never the release date.
    ("Acme Reports Results for the Three Months Ended September 30, 2023\nAcme said", None),
    ("On 10 September 2025, the FDA approved AB-101 for adults.", None),  # an act's date, not a release's
    ("Founded in May 2020, the company develops antibodies.", None),
    ("The FDA approved it on June 3, 2021 for adults.", None),
    ("The FDA approved it in Boston, 3 June 2021 Acme Bio plc said.", None),  # no listing after the date
    ("Acme said net sales in Germany, 3 March 2023 increased 20% on the year.", None),  # "increased": no "I"
    ("Acme Bio Inc 10 March 2021 was the date of the merger.", None),  # no headline after the header's date
    ("Its plant in Acme Bio PLC grew in 2021 and 09 October 2007 Acme said.", None),  # not a header line
    # A place and a date alone on their line, ended by a period: a dateline; in a sentence: none.
    ("Acme Doses First Patient\nToronto, Wednesday, 11 December 2024.\nAcme said", "2024-12-11"),
    ("Acme said the FDA approved it in Japan, 5 March 2024.\nMore text.", None),
    # A cue word in a sentence is no stamp: "the agreement dated ...".
    ("Acme news\nAcme pays royalties under the agreement dated September 26, 2007.\nMore text.", None),
    ("Acme news\nDated: September 26, 2007\nAcme pays royalties.", "2007-09-26"),
    # A cued stamp at the end of a long text, when the head has none.
    ("Acme news. " + "Text. " * 600 + "\nPublished by Daily News - www.daily.com - on December 1, 2010",
     "2010-12-01"),
    ("Acme news. " + "Text. " * 600 + "\nRelated: March 3, 2024 - Beta approved", None),
    ("Acme news. " + "Text. " * 600 + "\nDatum 2023-02-09, kl 08:30", "2023-02-09"),  # a Nordic stamp
    ("Acme news. " + "Text. " * 600 + "\n(END) Dow Jones Newswires\n\n04-06-22 0915ET\n", "2022-04-06"),
    # A date with its clock time or time zone on a short line is a stamp, even after words.
    ("From the wires: Acme Inc. January 29, 2015 6:00 AM\n\nAcme said", "2015-01-29"),
    ("ACME BIO(HK:01234)2023-09-26 08:37\n\nAcme said", "2023-09-26"),
    ("Acme news\nBy Nov 18, 2021 (GMT+09:00)\n\nAcme said", "2021-11-18"),
    ("Acme news. " + "Text. " * 600 + "\nSource: Daily Journal January 03, 2022 17:12 UTC", "2022-01-03"),
    ("Acme will host a conference call for investors and analysts to discuss the results on March 5, 2024 "
     "4:30 p.m. Eastern Time.", None),  # a sentence: too long for a stamp
    ("FOR IMMEDIATE RELEASE October 15, 2015 Listed Company Name: Acme", "2015-10-15"),
    # A date that opens a period is none; the stamp above it wins.
    ("Wed, 26 Jan, 2022, 08:15 - Quarterly Report\n\nSeptember 1, 2021 \u2013 November 30, 2021\n",
     "2022-01-26"),
    ("Report\n\nSeptember 1, 2021 - November 30, 2021\nAcme said", None),
    # A financial table's column dates under "Months Ended" or "as of" are period ends.
    ("Acme reports results\n\nThree Months Ended\n|\nSix Months Ended\n|\nJune 30, 2012\n|\n"
     "June 30, 2011\n|\nRevenue\n", None),
    ("Acme balance sheet\nAs of\nDecember 31, 2023\n\nCash 10.2\n", None),
    ("Acme reports results\n\nJune 30, 2012\n\nAcme said revenue grew.", "2012-06-30"),
    ("Acme Announces Enrollment Ended\n\nAugust 5, 2024\n\nAcme said so.", "2024-08-05"),  # a headline
    # In running text, a place and a date before a sentence are none; nor is a date before "By" in a line.
    ("Acme said sales grew in Boston, May 5, 2020. The company is based there.", None),
    ("Acme will present results on July 11, 2016 by webcast.\nAcme said", None),
    # A date that opens a line of words is an item of a dated list (a timeline), no stamp.
    ("Acme's licensing deals\n\n2023.12 Announced in Ph3, Beta\n\nAn upfront payment of $800 million.\n\n"
     "2021.01 Announced after approval, Gamma\n\nAn upfront payment of $650 million.", None),
    ("Acme's timeline\n\nMarch 3, 2021 IND cleared\nJune 5, 2022 Phase 2 started\n", None),
    ("Acme's news\n\nMarch 3, 2021\n\nAcme said it cleared the IND.", "2021-03-03"),
    # ... but one such line alone is the page's date ("Dec 03, 2024 Leave a message").
    ("Drug approvals this week\n\nDec 03, 2024 Leave a message\n\nThe NMPA approved AB-101.", "2024-12-03"),
    # A page's "updated" or "last edited" stamp is never the release date; its published stamp is.
    ("UPDATE : Monday, September 7, 2020\nHOME Pharma\nAcme deals\n  \u2022 Published 2018.09.03 14:21\n"
     "  \u2022 Updated 2018.09.03 14:21\n\nAcme said.", "2018-09-03"),
    ("Acme Co Ltd\nPrice: 4 748 JPY -0.81% Market Closed\nUpdated: May 26, 2024\n\nEarnings Call\n\nAcme "
     "said revenue grew.", None),
    # ... but the weakest stamp is still the page's date when it has no other.
    ("Acme gets DCGI nod for 2 antibiotics\n\nUpdate: 2020-01-16 23:18 IST\n\nNew Delhi: Acme said.",
     "2020-01-16"),
    ("Drug approvals in Japan\n\nUpdated: Jun 27, 2023\n\nDecember 28, 2022\n\nAcme's AB-101 is approved.",
     "2022-12-28"),
    # "publication date:" is a stamp's label, not a sentence's "... the agreement dated".
    ("Week in Review: Six Deals\n\npublication date: Jun 20, 2020\n | \nauthor/source: Jane Doe\n\n"
     "Acme said.", "2020-06-20"),
    # An "Updated" stamp with its time is the article's: it beats a sidebar's bare date.
    ("Acme gets USFDA nod for gout drug\nUpdated: 20 Mar 2024 10:15 AM\n\nAcme said it won approval for "
     "AB-101.\n\n12 March 2024\nBeta gets EU nod", "2024-03-20"),
    # A stamp "at" its time, and a dateline's sentence, are no timeline's items.
    ("Acme Announces FDA Approval of AB-101\nMarch 5, 2024 at 7:00 AM EST\n\nAcme today announced the "
     "approval.\n\nRecent Press Releases\nFebruary 20, 2024 at 4:05 PM EST\nAcme Reports Results",
     "2024-03-05"),
    ("Acme news\n\nMarch 5, 2024 Acme Bio (NASDAQ: ACME) today announced that the FDA approved AB-101.\n\n"
     "More\n\nFebruary 20, 2024 Acme Bio to present at Cowen", "2024-03-05"),
    # A US time zone on the stamp decides the order of an ambiguous numeric date; none decides none.
    ("09:01 AM EST, 12/09/2024 (MT Newswires) -- Acme said Monday that its trial met its endpoint.",
     "2024-12-09"),
    ("08:38 AM EDT, 09/10/2024 (MT Newswires) -- Acme said Tuesday that it won approval.", "2024-09-10"),
    ("09:01, 12/09/2024 (Wire) -- Acme said that its trial met its endpoint.", None),
    # Korean portals: 최종편집 (last edited) and 승인 (approved for publication).
    ("\ucd5c\uc885\ud3b8\uc9d1 2024-04-26 06:02 (\uae08)\nMFDS approves 25 novel drugs\n  \u2022 Lee, News\n"
     "  \u2022 \uc2b9\uc778 2021.12.29 16:56\n\nIn 2021, the MFDS approved 25 novel drugs.", "2021-12-29"),
])
def test_dateline_precedence_and_refusals(text, expected):
    assert release_date(text) == expected


def test_dateline_offsets_slice_the_text():
    text = "SUZHOU, China, Jan. 5, 2024 /PRNewswire/ --" + BODY
    found = find_release_date(text)
    assert text[found.start:found.end] == found.text == "Jan. 5, 2024"
    assert (found.value, found.precision) == ("2024-01-05", "day")


def test_dateline_furniture_dates_never_count(extract):
    record = extract("Acme news\n\nRelated news\nMarch 3, 2024: Beta wins approval for BT-101\n\nAcme said.")
    assert record["release_date"] is None and record["drugs"] == [] and record["events"] == []


DATE_PARTS = st.sampled_from([
    "March", "Mar", "Sept", "may", "Tuesday", "Tue", "of", "9", "09", "13th", "2021", "2022", "22",
    ".", ",", "/", "-", ":", " ", "  ", "\n", "\n\n", "(", ")", "--", "/PRNewswire/", "BOSTON",
    "Posted:", "x", "7:00 AM",
])
# Whole dates of each shape, with spaces around, so that many texts hold one.
WHOLE_DATES = st.sampled_from([" March 9, 2021 ", " 9 March 2022 ", " Sept. 22 ", " 2021-03-09 ",
                               " 09/22/2021 "])
DATE_TEXTS = st.lists(st.one_of(DATE_PARTS, DATE_PARTS, WHOLE_DATES, st.text(max_size=4)),
                      max_size=40).map("".join)


def test_dateline_windowed_search_finds_what_a_whole_text_search_finds():
    """Searching only near tokens that start with a digit finds every date the whole head holds,
    also in a tail that starts inside a word."""
    dates_found = []

    @SETTINGS
    @seed(20240502)
    @given(DATE_TEXTS, st.integers(0, 20))
    def check(text, cut):
        words, starts = tokenize(text)
        lo = min(cut, len(text))
        windows = _digit_windows(words, starts, lo, len(text))
        whole = _candidates(text[lo:], lo, [(0, len(text) - lo)])
        assert _candidates(text[lo:], lo, windows) == whole
        dates_found.append(len(whole))

    check()
    # The property says something only where there are dates: many texts must hold some.
    assert sum(n > 0 for n in dates_found) >= len(dates_found) // 3, dates_found


DATELINE_PIECES = ["\nBOSTON, ", " -- ", "\n", " /PRNewswire/ --", "\nBOSTON, May 9 -- "]


def test_dateline_search_stopped_at_the_first_dateline_chooses_what_the_whole_search_does(monkeypatch):
    """The head's search stops at its first dateline with a full date (none after it can win, and
    a year-less dateline before it is searched on): the release date is the whole search's."""
    from conftest import real_texts

    from rxnews.facts import dateline

    def whole(head, offset, windows, until_dateline=False):
        return _candidates(head, offset, windows)

    datelines = []

    @SETTINGS
    @seed(20241204)
    @given(st.lists(st.one_of(DATE_TEXTS, st.sampled_from(DATELINE_PIECES)), max_size=8).map("".join))
    def check(text):
        stopped = find_release_date(text)
        with monkeypatch.context() as patched:
            patched.setattr(dateline, "_candidates", whole)
            assert find_release_date(text) == stopped
        datelines.append(stopped is not None)

    check()
    assert sum(datelines) >= len(datelines) // 4, datelines
    # A year-less dateline first: its year comes from a date after the full-date dateline.
    assert release_date("BOSTON, May 9 -- Acme said.\nPARIS, Jan. 2, 2020 -- Beta said.\n"
                        "Posted: May 10, 2023\n") == "2023-05-09"
    for path in real_texts():
        text = path.read_text(encoding="utf-8")
        stopped = find_release_date(text)
        with monkeypatch.context() as patched:
            patched.setattr(dateline, "_candidates", whole)
            assert find_release_date(text) == stopped, path.name
