"""Whether a sentence speaks of the time it names as still to come ("will vote on Friday") or as
past ("voted on Friday"): a bare weekday or month is placed after the publication date or before it
by this."""

from __future__ import annotations

import re

from storyline.dates.expressions import TimeExpression

_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|is|are|was|were)\s+(?:not\s+)?(?:\w+\s+)?"
    r"(?:due|scheduled|set|expected|planned|going|to\s+be\s+held)\b"
    r"|\b(?:will|would|shall|won't|wo\s+n't)\b|\w'll\b|\b(?:plans?|intends?)\s+to\b|\bupcoming\b"
    # "said he planned to go to Haiti on Thursday": a plan told in the past, still to come ("had
    # planned to fly on Monday" is a plan that has passed)
    r"|(?<!\bhad\s)(?<!'d\s)\b(?:planned|intended)\s+to\b"
    r"|\b(?:expects?|forecasts?|predicts?)\b"
    # an arrangement: "Interpol announces it is to send a team to Haiti on Monday"
    r"|\b(?:is|are|am)\s+(?:not\s+)?to\s+(?!have\b|do\s+with\b)\w+"
    r"|\bahead\s+of\b",
    re.IGNORECASE,
)
# A deadline or a possibility looks forward: "could run out by Friday", "may last until Friday",
# "must be repaired before Monday". The modal needs a bare verb after it ("could have" is past).
_MODAL = re.compile(
    r"\b(?:could|may|might|should|must)\s+(?:not\s+)?(?!have\b|been\b)\w+", re.IGNORECASE
)
# The modals that look forward after a past verb, for _modal_after_past: never a noun or a month
# ("might", "May"), nor the past of "can" ("was saddened because I could not enter today").
_FIRM_MODAL = re.compile(r"\b(?:should|must)\s+(?:not\s+)?(?!have\b|been\b)[a-z]+\b", re.I)
# A saying just before the expression dates the saying: "As Obama said today, when ...".
_SAID_BEFORE = re.compile(r"\b(?:said|told|announced|added|confirmed|stated)\s+(?:on\s+)?$", re.I)
_DEADLINE = re.compile(r"\b(?:by|until|till|before)\s+(?:next\s+|this\s+)?$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till)\s+(?:next\s+|this\s+)?$", re.IGNORECASE)
_ONGOING = re.compile(r"\b(?:has|have|is|are)\s+(?:been\s+)?(?:\w+\s+)?\w+(?:ed|wn|ut|en)\b", re.I)
_PAST_AUX = re.compile(r"\b(?:had|'d|was|were|did)\b", re.IGNORECASE)
_PAST_VERB = re.compile(r"\b(?:said|told|announced|reported|added|confirmed|\w{3,}ed)\b", re.I)
# A reporting verb after a future marker moves the date onto the saying ("will resign, he said on
# Monday"); a participle does not ("will be closed on Monday").
_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|added|confirmed|stated)\b", re.I)
# A "when" clause set on the day the expression names: what it says will happen then.
_WHEN_CLAUSE = re.compile(r"\s*,\s*when\b([^,;:.!?]*)", re.IGNORECASE)
# A day a plan or an appointment is for: "readied themselves for Sunday", "scheduled for Friday",
# "set for March 3". "for" names the occasion something is meant for, so the day is still to come
# when the plan is told (Saturday's "readied for Sunday" is the next day, not six days back),
# unless the plan "had" been made ("had been set for Monday but was called off") or the day names
# what a thing is for by its own event ("jailed for Sunday's attack"). A verb must come before
# "for" in the clause: "the figures for Monday were grim" is a measure of a day, not a plan.
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)
_PAST_PERFECT = re.compile(r"\b(?:had|'d)\b", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"\s?['’]s?\b")  # "Sunday's", tokenised "Sunday 's"
_VERB_FORM = re.compile(
    r"\b(?:\w{2,}(?:ed|en|ing)|is|are|was|were|be|been|set|put|called|to\s+\w+)\b", re.I
)
# A timetable told in the present tense: "The ECB meets on May 7 and markets expect it to cut",
# "The Federal Reserve starts a two-day meeting on Tuesday", "the law takes effect on January 1".
# News reports what happened in the past tense, so one of these verbs with a day in its clause
# is a plan: read as past, "meets on May 7" in an April article was dated to May of the year
# before, and "starts ... on Tuesday" in Monday's to the Tuesday six days back (Timeline17
# finan). Only a closed list of the verbs of timetables, and not after a determiner ("the
# visits on Monday", "its votes on Friday" are nouns).
_SCHEDULED = re.compile(
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)"
    r"\b(?:meets|convenes|starts|begins|opens|reopens|resumes|votes|ends|closes|concludes"
    r"|kicks\s+off|takes\s+(?:office|effect)|goes\s+on\s+trial)\b",
    re.IGNORECASE,
)
# Not the present of a caption ("A woman holds a banner at a demonstration on February 12": hence
# no "holds", "visits" above), nor of a habit ("The school year normally ends in June"), nor a
# time that points back ("begins 20 years ago").
_HABITUAL = re.compile(
    r"\b(?:normally|usually|typically|often|always|generally|traditionally|each|every)\b", re.I
)
_PHRASE_BREAK = re.compile(r"(?!(?<=\d),\d)[,;:()\"“”]|\s(?:--|—|–)\s")
_BACKWARD = re.compile(r"\bago\b|^(?:last|past|earlier|yesterday|previous)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:.!?]|,\s*(?:but|and|while|as|after|before)\b|\bthat\b", re.I)


def is_future(sentence: str, start: int, end: int) -> bool:
    """Whether the clause around an expression is in the future tense.

    Looks at the words before the expression back to the clause start ("talks will resume on
    Monday"); when the expression opens its clause, at the few words after it ("On Friday, the
    board will vote"). A past reporting verb between a future marker and the expression wins
    ("will resign, he said on Monday"), since the date then dates the saying.
    """
    before = sentence[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    markers = list(_FUTURE.finditer(clause))
    # "could run out by Friday" looks forward; "was closed by Friday" does not, and neither does
    # "left by Friday" (a past verb and a deadline: the deadline has passed).
    deadline = _DEADLINE.search(clause) and not _PAST_VERB.search(clause)
    # "Mexico has closed all schools until May 6", "are shut until Friday": a state that holds now
    # lasts until a day still to come ("was closed until Friday" has ended)
    if _UNTIL.search(clause) and _ONGOING.search(clause) and not _PAST_AUX.search(clause):
        return True
    if _appointment(sentence, clause, end) or _planned_occasion(sentence, clause, start, end):
        return True
    if not markers and not _PAST_AUX.search(clause) and (_MODAL.search(clause) or deadline):
        return True
    if not markers and _modal_after_past(clause):
        return True
    if markers:
        return not _REPORTING.search(clause[markers[-1].end() :])
    when = _WHEN_CLAUSE.match(sentence[end : end + 100])
    if (
        when is not None
        and _FUTURE.search(when[1])
        and not _REPORTING.search(when[1])
        and not _SAID_BEFORE.search(clause)  # "As Obama said today, when a leader ... is to use"
    ):
        return True  # "holding its breath for Aug. 3, when Mubarak is due to go on trial"
    if _PAST_VERB.search(clause) or len(clause.split()) > 2:
        return False
    after = sentence[end : end + 50]
    cut = _CLAUSE_BREAK.search(after.lstrip(" ,"))
    window = after.lstrip(" ,")[: cut.start()] if cut else after
    head = " ".join(window.split()[:5])
    marker = _FUTURE.search(head)
    if marker is None:
        return False
    return not _REPORTING.search(head[: marker.start()])


def timetable(sentence: str, start: int, end: int) -> bool:
    """Whether the clause before the expression at ``start``..``end`` tells a timetable in the
    present tense (``_SCHEDULED``: "The ECB meets on May 7"). Captions and headlines use the same
    present for what has just happened ("Kerry meets with Lavrov in Paris on May 27", "Canada
    closes three embassies Sunday"), so it only says which way to read a day whose past reading
    would be days back (``storyline.dates.handlers``), and is not a plan by itself."""
    before = sentence[max(0, start - 80) : start]
    # the verb's own phrase: "which ends on Wednesday , came after he met ... on Monday" does not
    # make Monday's meeting a timetable (a past "met" that _PAST_VERB cannot see)
    breaks = list(_PHRASE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    return bool(
        _SCHEDULED.search(clause)
        and not _PAST_AUX.search(clause)
        and not _PAST_VERB.search(clause)
        and not _HABITUAL.search(clause)
        and not _BACKWARD.search(sentence[start:end])
    )


def _modal_after_past(clause: str) -> bool:
    """Whether a modal with its bare verb follows the clause's last past auxiliary: "were
    travelling to Haiti and should be in the country by Sunday" looks forward from the
    "should", whatever the joined verb before it did."""
    modals = list(_FIRM_MODAL.finditer(clause))
    if not modals:
        return False
    modal = modals[-1]
    past = [m.end() for m in _PAST_AUX.finditer(clause)]
    return bool(past) and past[-1] <= modal.start() and not _PAST_VERB.search(clause, modal.end())


def _appointment(sentence: str, clause: str, end: int) -> bool:
    """Whether the expression ending at ``end`` names the day a plan is for (``_FOR_BEFORE``)."""
    return bool(
        _FOR_BEFORE.search(clause)
        and _VERB_FORM.search(clause)
        and not _PAST_PERFECT.search(clause)
        and not _POSSESSIVE_AFTER.match(sentence, end)
    )


# A weekday's occasion told as still to come, in a clause without a past verb: "Friday's planned
# rally", "Sunday's upcoming vote", "are preparing for Saturday's vote". The possessive names an
# event of that day, which a past clause places before the article ("did not issue permits for
# Tuesday's planned protests" in Wednesday's paper) and so does "for" alone ("are searching for
# Monday's attackers"): only a verb of getting ready looks forward to it.
_PLANNED_AFTER = re.compile(
    r"\s?['’]s?\s+(?:planned|scheduled|upcoming|forthcoming|proposed|expected)\b", re.IGNORECASE
)
_READYING_FOR = re.compile(
    r"\b(?:prepar|ready|readies|gear|brac|mobili[sz])\w*\s+(?:[\w-]+\s+){0,3}?for\s+$",
    re.IGNORECASE,
)


def _planned_occasion(sentence: str, clause: str, start: int, end: int) -> bool:
    """Whether the weekday at ``start``..``end`` owns an occasion told as still to come (above).
    A past verb anywhere before it tells the plan from the past ("... detained hundreds of
    lawyers ... to prevent them from launching Thursday's planned long march")."""
    if not _POSSESSIVE_AFTER.match(sentence, end):
        return False
    if _PAST_AUX.search(sentence, 0, start) or _PAST_VERB.search(sentence, 0, start):
        return False
    return bool(_PLANNED_AFTER.match(sentence, end) or _READYING_FOR.search(clause))


def looks_forward(sentence: str, expression: TimeExpression) -> bool:
    """Whether ``sentence`` speaks of ``expression``'s time as still to come ("will vote on
    Friday", "is due to visit on Sunday"): a plan, not a report of what happened then. A time
    that points back ("yesterday", "two days ago", "last week") never does, whatever verb the
    clause holds ("... would bring the regime down , events there yesterday help to ...")."""
    if _BACKWARD.search(expression.text):
        return False
    return is_future(sentence, expression.start, expression.end)
