"""Hypothesis strategies and settings shared by the property tests."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Words that trigger every extractor, mixed with arbitrary Unicode, so that the
# properties are checked on records that actually have mentions, dates and events.
WORDS = st.sampled_from([
    "FDA", "NMPA", "ACM-101", "LBL-024", "pembrolizumab", "Keytruda\u00ae", "PD-L1", "4-1BB", "(", ")",
    "approved", "granted", "Breakthrough Therapy Designation", "Orphan Drug", "IND", "cleared",
    "first patient dosed", "Phase 2", "breast cancer", "TNBC", "triple-negative breast cancer",
    "in May 2024", "Q3 2025", "H1 2024", "the first half of 2023", "last month", "in the same month",
    "on Friday", "May 2, 2024 -", "2024-02-29", "31.12.2023", "Inc.", "Ltd.", "(NASDAQ: ACME)",
    "NCT01234567", ".", ",", ";", "\n", "\n\n", "\u2019", "\u2013", "\u00a0", "\ufeff", "\u2122", "\r\n",
])
NOISE = st.lists(st.one_of(WORDS, WORDS, st.text(max_size=6)), max_size=8).map(" ".join)
SENTENCES = st.builds(
    "{} {} was {} by the {} {} {}".format, NOISE, st.sampled_from(["ACM-101", "LBL-024", "pembrolizumab"]),
    st.sampled_from(["approved", "granted Breakthrough Therapy Designation", "cleared for an IND",
                     "dosed in the first patient"]),
    st.sampled_from(["FDA", "NMPA", "EMA"]),
    st.sampled_from(["in May 2024", "in Q3 2025", "in H1 2024", "last month", "on Friday", "in 2023",
                     "in the same month", "", "on 30 February 2024"]), NOISE)
TEXTS = st.one_of(st.lists(st.one_of(WORDS, st.text(max_size=6)), min_size=3, max_size=40).map(" ".join),
                  st.lists(SENTENCES, min_size=1, max_size=6).map(". ".join))
