"""Event typing: the event types a clause reports, decided from the set of its cues.

Cue patterns (`patterns/events.jsonl`) mark words such as "approved", "IND",
"Breakthrough Therapy Designation" or "first patient"; the rules here combine
them ("ind" + "approve" is an IND clearance, "marketing" + "accept" an
acceptance). The types and their flags are `event_types.EVENT_TABLE`.
"""

from __future__ import annotations

from .event_types import DECIDED_BY_OWN_CUE, NEGATABLE

# What a data monitoring committee's go-ahead is not (unless a regulator acts in the clause too):
# a regulator's decision. (The committee's "data" is masked: no results cue.)
_MONITORED = frozenset({"approval", "ind_clearance"})
_NO_DEAL = frozenset({"profile", "terminate", "share_sale"})  # a company described, a deal ended, shares sold
# What makes "cleared" an approval:
_REGULATED = frozenset({"agency", "ind", "marketing", "trial_go", "ethics"})
# What an agency's feedback or alignment is about, not an act of its own.
_FED_BACK = frozenset({"trial_start", "ind_submission", "ind_clearance", "marketing_submission", "approval"})


def classify(cues: dict[str, int] | set[str]) -> list[str]:
    """Return the event types that a clause with these cues reports.

    `cues` maps cue names to how often they occur (a set counts each once).
    """
    count = cues if isinstance(cues, dict) else dict.fromkeys(cues, 1)
    types = [t for t in DECIDED_BY_OWN_CUE if t in count]
    if "prv" in count:  # a priority review voucher is not a priority review
        types = [t for t in types if t != "priority_review"]
    # "approval" inside "for approval" / "seeking approval" is a goal, not news. "Cleared" and
    # "clearance" approve only where a regulator, an application or a trial's go-ahead is named
    # ("the vaccine cleared amyloid plaques", "renal clearance" approve nothing).
    # "Permission" likewise, only a regulator's or a trial's ("permission from the Nasdaq panel" is none).
    cleared = count.get("clear", 0) + count.get("permit", 0) if _REGULATED.intersection(count) else 0
    approve = count.get("approve", 0) + cleared > count.get("seek", 0)
    accept, submit, grant = "accept" in count, "submit" in count, "grant" in count
    # A trial's go-ahead, unless the approval rests on a trial's results ("approval based on the
    # results of the X study, designed to evaluate ..."); laboratory results lead to a trial.
    # An application to an agency for a trial is an IND's too ("applied to the CDE for a clinical trial").
    # An ethics committee approves trials, never a market ("granted conditional approval by the
    # Bellberry Ethics Committee"): its approval is a trial's even beside marketing words.
    # (A regulator in the clause decides a market's approval there.)
    go_cue = "trial_go" in count or "ethics" in count
    trial_go = ((go_cue and "marketing" not in count or "ethics" in count and "agency" not in count)
                and ("results" not in count or "preclinical" in count))
    # (An agency that accepts or grants "its application for clinical trial approval" acts on it.)
    granted = grant and "agency" in count
    if "ind" in count or (trial_go and (approve or accept or granted or (submit and "agency" in count))):
        if accept:
            types.append("ind_acceptance")
        elif approve or (granted and not submit and not types
                         and "preclinical" not in count):  # "was granted IND by the FDA"
            types.append("ind_clearance")
        elif submit:
            types.append("ind_submission")
    elif "marketing" in count:
        if accept:
            types.append("marketing_acceptance")
        elif approve or (grant and not submit and not types):  # (a designation's grant is its own)
            types.append("approval")
        elif submit:
            types.append("marketing_submission")
    elif approve and not types:
        types.append("approval")
    elif (submit and "agency" in count and not types
          and "trial" not in count and "request" not in count and "material" not in count):
        types.append("marketing_submission")  # "filed CT-P43 with the FDA": a marketing application
    if "first_patient" in count and ("dose" in count or "enroll" in count):
        types.append("first_patient_dosed")
    elif "start" in count and "trial" in count and not types and "preclinical" not in count:
        types.append("trial_start")
    if "complete" in count and "enroll" in count:
        types.append("enrollment_complete")
    # Results reported, results a trial showed (not a laboratory's), a trial presented.
    shown = "outcome" in count and "trial" in count and "preclinical" not in count
    trial_news = not types and "finance" not in count and (
        "results" in count and ("report" in count or shown)
        or "presentation" in count and ("results" in count or "trial" in count))
    if "endpoint" in count or trial_news:
        types.append("data_readout")
    elif "readout" in count and "future" in count and not types:  # "expects topline data in 2H 2025"
        types.append("data_readout")
    if "deal" in count and not _NO_DEAL.intersection(count):
        types.append("partnership")
    if "financing" in count and "terminate" not in count:  # "terminated its stock purchase agreement"
        types.append("financing")
    if "opinion" in count or "corporate" in count:  # an advisory vote or a board precedes or is no approval
        types = [t for t in types if t != "approval"]
    if "monitoring" in count and "agency" not in count:  # a data monitoring committee's go-ahead
        types = [t for t in types if t not in _MONITORED]
    if "generic" in count:  # what a designation provides in general, not one granted; a start it
        # enables ("This allows Acme to launch its first clinical study in the US") is to come
        types = [t for t in types if t not in DECIDED_BY_OWN_CUE and t not in ("approval", "trial_start")]
    if "feedback" in count:  # an agency's feedback on a trial or filing to come: neither is news yet
        types = [t for t in types if t not in _FED_BACK]
    if "request" in count and "grant" not in count and "history" not in count:  # asked for, not granted
        types = [t for t in types if t not in DECIDED_BY_OWN_CUE]
    if "negation" in count:
        types = [t for t in types if t not in NEGATABLE]
    if "target_date" in count and "approval" not in types:
        types.append("approval")  # a PDUFA / target action date: a planned approval
    return types
