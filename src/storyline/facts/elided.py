"""Bare numbers whose counted thing is left out because the sentence's previous count names it:
an item of a list of places ("3,046 deaths, followed by Yalova with 2,400"), a count joined to it
with a place of its own ("killed 10 people in Homs and five in Hama"), a rival's ("306 electoral
votes to Trump's 232"), a part under a verb of its own ("ratified by 65 of them", "Of the 80
people admitted, 29 remained"), and a running total ("bringing the total so far to 22
million"). Each counts what that count counts, with its own value, place or happening.
"""

from __future__ import annotations

from dataclasses import replace

from storyline.facts.days import (
    happening_day,
    happening_season,
    happening_year,
    happening_years_back,
    headed_year,
)
from storyline.facts.excluded import not_a_count
from storyline.facts.models import Quantity
from storyline.facts.numbers import MEASURES
from storyline.facts.phrases import bound_before, read_value, with_range
from storyline.facts.placing import place_listed_after, place_of
from storyline.facts.reading import PLACE_ENTS, WON, Doc, Token, clause_verb, entity_text, head_of
from storyline.facts.roles import token_lemma
from storyline.facts.totals import INCREMENT, total_noun
from storyline.models import Sentence


def listed_after(
    doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity
) -> Quantity | None:
    """A bare number in a list of places ("3,046 deaths, followed by Yalova with 2,400, Istanbul
    with 984"): it counts what the sentence's previous quantity counts, in its own place."""
    num = phrase[0]
    bound, start_i = bound_before(doc, num)
    if start_i < 2 or doc[start_i - 1].lower_ != "with" or not before.kind:
        return None
    owner = doc[start_i - 2]
    parsed = read_value(phrase)
    if owner.pos_ != "PROPN" or parsed is None or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = with_range(doc, phrase, parsed)
    nxt = doc[phrase[-1].i + 1] if phrase[-1].i + 1 < len(doc) else None
    if nxt is not None and nxt.is_alpha and nxt.lower_ not in ("and", "or"):
        return None  # "Yalova with 2,400," ends an item; "Jones with 3 lawyers" counts lawyers
    start, end = doc[start_i].idx, phrase[-1].idx + len(phrase[-1].text)
    place, scope = before.place, before.scope
    if owner.ent_type_ in PLACE_ENTS:
        place = entity_text(owner, doc)
    elif before.kind == "percent" and owner.ent_type_ in ("PERSON", "ORG"):
        scope = owner.lower_  # "ahead of Zyuganov with 29 percent": whose share
    else:
        return None
    here = replace(before, scope=scope, place=place)
    return _restated(here, sentence, value=value, upper=upper, bound=bound, start=start, end=end)


def conjoined(
    doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity
) -> Quantity | None:
    """A bare number joined to the previous count's words, with a place of its own: "killed 10
    people in Homs and five in Hama" counts what that count counts, in Hama; so does a part of
    it "including" one ("killed 300 people, including 120 in Dhaka"; a WCXB trade page's "4,500
    units globally, including about 3,700 in Korea, 300 or so in China"). Without a place of
    its own ("109 people on board and four on the ground") it may be other people: not read."""
    num = head_of(phrase)
    span = range(before.start - sentence.start, before.end - sentence.start)
    parsed = read_value(phrase)
    joined = num.dep_ in ("conj", "appos") and num.head.idx in span
    if not (joined or _included(num, span)) or not before.kind or parsed is None:
        return None
    place = place_of(num, num, doc) or place_listed_after(num, doc)
    if place is None or place == before.place or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = with_range(doc, phrase, parsed)
    bound, start_i = bound_before(doc, phrase[0])
    start, end = doc[start_i].idx, phrase[-1].idx + len(phrase[-1].text)
    here = replace(before, place=place)
    return _restated(here, sentence, value=value, upper=upper, bound=bound, start=start, end=end)


def _included(num: Token, span: range) -> bool:
    """Whether a number follows "including" hung on the previous count's noun, or on the verb
    that count is the object or subject of (the parse puts it on either)."""
    if num.dep_ != "pobj" or num.head.lower_ != "including":
        return False
    on = num.head.head
    counted = (c for c in on.children if c.dep_ in ("dobj", "nsubj", "nsubjpass"))
    return on.idx in span or any(c.idx in span for c in counted)


def rivals(doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity) -> Quantity | None:
    """A bare number set against the previous count as a rival's: "Biden won 306 electoral
    votes to Trump's 232", "53 seats to the Democrats' 47": what that count counts, the rival's."""
    num = head_of(phrase)
    parsed = read_value(phrase)
    if before.kind not in WON or parsed is None or len(phrase) != 1:
        return None
    if num.dep_ != "pobj" or num.head.lower_ != "to" or num.i < 3:
        return None
    mark, rival = doc[num.i - 1], doc[num.i - 2]
    if mark.lower_ not in ("'s", "'", "’s", "’") or rival.pos_ != "PROPN":
        return None
    start, end = num.idx, num.idx + len(num.text)
    here = replace(before, scope=entity_text(rival, doc).removeprefix("the "))
    return _restated(here, sentence, value=parsed[0], upper=None, bound=None, start=start, end=end)


_MEASURE_KINDS = frozenset(kind for kind, _ in MEASURES.values())
# Pronouns that point back to a noun already counted: "65 of them", "74 of which".
_BACK = frozenset("them which whom those these".split())


def part_of(doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity) -> Quantity | None:
    """A bare number that counts, under its own verb, what the sentence's previous quantity
    counts: "signed by 133 countries and ratified by 65 of them", "135 countries, 74 of which
    have ratified it", "signed by 138 governments and ratified by 101" (the noun left out of
    the second of two joined clauses). Its happening is its own verb ("ratify"), so the part is
    not the whole; a number under the same verb or none ("injured 30, 12 of them seriously",
    "four of whom said") is a share of that count, not read. Only for counts of things and
    people, not sums or measures."""
    num = head_of(phrase)
    if before.kind in ("money", "percent") or before.kind in _MEASURE_KINDS or not before.kind:
        return None
    of = [c for c in num.children if c.dep_ == "prep" and c.lower_ == "of"]
    pointed = any(p.dep_ == "pobj" and p.lower_ in _BACK for o in of for p in o.children)
    if not pointed and not _after_its_whole(num, before) and not _elided(num, before, sentence):
        return None
    verb = clause_verb(num)
    event = token_lemma(verb) if verb is not None else None
    if event is None or event == before.event:
        return None  # "injured 30 people, 12 of them seriously": a share of one count
    parsed = read_value(phrase)
    if parsed is None or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = with_range(doc, phrase, parsed)
    bound, start_i = bound_before(doc, phrase[0])
    end_i = max([phrase[-1].i, *(p.i for o in of for p in o.children if p.dep_ == "pobj")])
    start, end = doc[start_i].idx, doc[end_i].idx + len(doc[end_i].text)
    own = replace(
        before,
        event=event,
        day=happening_day(verb),
        set_in=happening_year(verb) or headed_year(doc, num.i),
        years_back=happening_years_back(verb),
        season=happening_season(verb),
    )
    return _restated(own, sentence, value=value, upper=upper, bound=bound, start=start, end=end)


def running_total(
    doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity
) -> Quantity | None:
    """A bare number that is the new value of a running count the sentence does not say the kind
    of ("some 10 million mines have been destroyed, bringing the total so far to 22 million"):
    it counts what the sentence's previous quantity counts, under its happening, as the whole
    count rather than the addition (``facts.totals``)."""
    num = head_of(phrase)
    if total_noun(num) is None or not before.kind:
        return None
    parsed = read_value(phrase)
    if parsed is None or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = with_range(doc, phrase, parsed)
    bound, start_i = bound_before(doc, phrase[0])
    start, end = doc[start_i].idx, phrase[-1].idx + len(phrase[-1].text)
    whole = replace(before, scope=None if before.scope == INCREMENT else before.scope)
    found = _restated(whole, sentence, value=value, upper=upper, bound=bound, start=start, end=end)
    return replace(found, total=True)


def _restated(
    before: Quantity,
    sentence: Sentence,
    *,
    value: float,
    upper: float | None,
    bound: str | None,
    start: int,
    end: int,
) -> Quantity:
    """``before``'s measured thing, for another number of its sentence at ``start:end``
    (offsets in the sentence)."""
    return replace(
        before,
        value=value,
        upper=upper,
        approx=bound is not None,
        bound=bound,
        text=sentence.text[start:end],
        start=sentence.start + start,
        end=sentence.start + end,
        total=False,
    )


def _after_its_whole(num: Token, before: Quantity) -> bool:
    """Whether a bare number is the subject of a verb that opens on the previous quantity as
    the whole it is taken from: "of the 80 people admitted in a critical condition, 29 remained
    in intensive care", "Of the 300,000 people who took the drug, about 45,000 have refused".
    Not under a copula ("of the 12 victims, 10 were American"): what the part is would be in the
    complement, which the part's measured thing does not carry."""
    if num.dep_ not in ("nsubj", "nsubjpass") or token_lemma(num.head) == "be":
        return False
    return any(
        o.dep_ == "prep"
        and o.lower_ == "of"
        and o.i < num.i
        and p.dep_ == "pobj"
        and p.left_edge.idx <= before.start <= p.idx
        for o in num.head.children
        for p in o.children
    )


def _elided(num: Token, before: Quantity, sentence: Sentence) -> bool:
    """Whether a number is the agent of the second of two joined verbs whose first has the
    previous quantity as its agent: "signed by 138 governments and ratified by 101"."""
    prep = num.head
    if num.dep_ != "pobj" or prep.lower_ != "by" or prep.head.dep_ != "conj":
        return False
    first = prep.head.head
    agents = [c for c in first.children if c.lower_ == "by" and c.dep_ in ("agent", "prep")]
    start = before.start - sentence.start
    return any(
        p.idx <= start < p.idx + len(p.text) or p.left_edge.idx <= start <= p.idx
        for a in agents
        for p in a.children
        if p.dep_ == "pobj"
    )
