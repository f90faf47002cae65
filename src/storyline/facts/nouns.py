"""What a number counts: the kind, unit and scope of the thing its noun names ("nine Islamic State
(IS) sites" counts sites; "a $1 million reward" is a sum paid as a reward; "the 1,500-seat hall"
holds seats), or for a bare number what its clause says it is ("984 dead", "the death toll was
11", "killing 13", "put the toll at 248", a fact box's "Deaths: 1,234"). Counts of people are
read by ``facts.people``, measures by ``facts.measures``, votes, seats and shares by
``facts.holders``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.facts.holders import holder_of, polled, share_of
from storyline.facts.measures import SQUARE, dimension, per_hour, places_a_place, square_unit
from storyline.facts.numbers import (
    CURRENCY,
    MEASURES,
    PEOPLE,
    TIME_UNITS,
    currency_after_scale,
    ends_in_scale,
    lemma,
)
from storyline.facts.people import (
    GENERIC_PEOPLE,
    ON_BOARD,
    STATUS_KINDS,
    aboard,
    is_other,
    people_kind,
    sub_group,
    toll_of,
    uncounted_partner,
    whose_count,
)
from storyline.facts.reading import (
    CASUALTY,
    EVENT_KIND,
    PEOPLE_KINDS,
    WON,
    Doc,
    Token,
    clause_verb,
    counted_noun,
    is_number,
    of_noun,
)
from storyline.facts.roles import blows_taken, is_dateline, is_demonym, struck, token_lemma
from storyline.facts.totals import total_noun

_LOCATES = re.compile(
    r"^(?:\(\s?\S+ \S+\s?\) )?"
    r"(?:(?:to the )?(?:north|south|east|west)(?:east|west)?(?:ward)?|from|outside|inland)"
    r"\b(?: of)?",
    re.I,
)


_EPICENTRE = re.compile(r"\bepicent(?:er|re)\b", re.I)


_QUAKE = re.compile(r"\b(?:quake|earthquake|tremor|aftershock|richter|magnitude|seismic)", re.I)

# Different words for one counted thing (GUIDELINES: "sites" and "targets" are one group).
_SYNONYMS = {
    "site": "target", "facility": "target", "position": "target", "installation": "target",
    "lawsuit": "lawsuit", "suit": "lawsuit", "claim": "lawsuit", "crewman": "crew",
    "sailor": "crew", "seaman": "crew", "vote": "vote", "ballot": "vote", "home": "house",
    "building": "building", "quake": "earthquake", "tremor": "earthquake",
    "personnel": "crew", "vessel": "ship", "warship": "ship", "firm": "company",
    "award": "reward", "explosion": "blast", "bombing": "blast", "nation": "country",
    "government": "country",
}  # fmt: skip


# Words that count people as plainly as "people" does: aviation and shipping news count everyone
# on board as "souls" ("239 souls on board", then "carrying 239 people": one count, said twice).
_SAID_OF_PEOPLE = {"soul": "people"}

_PUT_VERBS = frozenset("put place set estimate raise revise lower".split())


def _bare_kind(num: Token) -> str | None:
    """What a bare number is ("984 dead", "the death toll was 11", "killing 13", "rose to 75")."""
    doc = num.doc
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in CASUALTY:  # "Istanbul 984 dead" (tables parse badly)
        return CASUALTY[nxt.lower_]
    labelled = _fact_box_label(num)
    if labelled is not None:
        return labelled
    total = total_noun(num)  # "bringing the death toll to 53", "the tally climbed to 140"
    if total is not None:
        return _toll_kind(total)
    verb = num.head.head if num.dep_ == "pobj" else num.head  # "measured at 7.4"
    if verb.lemma_ in ("measure", "register", "record") and _QUAKE.search(doc.text):
        return "magnitude"
    for child in num.children:
        word = token_lemma(child)
        if child.dep_ in ("amod", "acl", "advmod", "appos", "conj") and child.lower_ in CASUALTY:
            return CASUALTY[child.lower_]
        if word in EVENT_KIND and child.dep_ in ("acl", "relcl", "amod"):
            return EVENT_KIND[word]
    toll = toll_subject(num)
    if toll is not None:
        return _toll_kind(toll) if token_lemma(toll) != "crowd" else "crowd"
    head = num.head.head if num.dep_ == "pobj" and num.head.dep_ == "prep" else num.head
    if num.dep_ == "pobj" and num.head.lower_ == "of" and token_lemma(num.head.head) == "crowd":
        return "crowd"  # "a crowd of 10,000"
    if num.dep_ in ("dobj", "nsubj", "nsubjpass", "conj") and head.pos_ == "VERB":
        kind = EVENT_KIND.get(token_lemma(head))
        if kind:
            return kind
    if num.dep_ == "nsubj" and token_lemma(head) == "be":
        # "at least 1,600 people were known to have died and 10,000 were missing" (a Guardian
        # Tohoku page): what befell them is the copula's complement
        said = [
            CASUALTY[c.lower_] for c in head.children if c.dep_ == "acomp" and c.lower_ in CASUALTY
        ]
        if said:
            return said[0]
    if nxt is not None and nxt.lower_ in ON_BOARD:
        return "people"  # "families of the 239 onboard": the people aboard, the noun left out
    return None


def toll_subject(num: Token) -> Token | None:
    """The toll, number, total or crowd a bare number is the value of as its clause's subject
    or object: "the toll rose to 75"; "officials put the number of refugees at over 156,000";
    "police estimated the crowd at 10,000"."""
    head = num.head
    if num.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if num.dep_ not in ("attr", "pobj", "dobj", "npadvmod") and head.lemma_ not in (
        "rise",
        "reach",
        "stand",
    ):
        return None
    objects = (
        ("nsubj", "nsubjpass", "dobj")
        if token_lemma(head) in _PUT_VERBS
        else ("nsubj", "nsubjpass")
    )
    return next(
        (
            c
            for c in head.children
            if c.dep_ in objects and token_lemma(c) in ("toll", "number", "total", "crowd")
        ),
        None,
    )


_BOUND_WORDS = frozenset("at least about some more than over nearly around almost".split())


def _fact_box_label(num: Token) -> str | None:
    """What a fact box's label says a figure counts: "Deaths: 1,234", "Death toll: 312",
    "Wounded: at least 45" (a label of one to three words opening the line, then a colon)."""
    doc = num.doc
    i = num.i - 1
    while i >= 0 and doc[i].lower_ in _BOUND_WORDS:
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    label = [t for t in doc[:i] if not t.is_punct]
    if not 1 <= len(label) <= 3 or not all(t.is_alpha for t in label):
        return None
    word = label[-1].lower_
    return CASUALTY.get(word) or CASUALTY.get(lemma(word))


def _toll_kind(subject: Token) -> str | None:
    """What "the death toll", "the number of injured", "the number of people in tents" counts."""
    words = {token_lemma(t) for t in subject.subtree}
    if words & {"injure", "injured", "wound", "wounded", "injury"}:
        return "injured"
    if "missing" in words:
        return "missing"
    if token_lemma(subject) == "toll" or words & {
        "dead",
        "death",
        "kill",
        "killed",
        "die",
        "fatality",
    }:
        return "killed"
    counted = of_noun(subject)
    if counted is None:
        return None
    word = token_lemma(counted)
    return STATUS_KINDS.get(word, _SYNONYMS.get(word, word))


def per_unit(num: Token) -> bool:
    """Whether a sum is a price per unit: "$25 per share", "the $25-per-share sale price", "a $25
    price per share", "$100 a barrel" (not "$33.5 million a jury ordered")."""
    priced = [num, num.head] if num.dep_ in ("nummod", "compound") else [num]
    for child in (c for token in priced for c in token.children):
        if child.dep_ == "prep" and child.lower_ == "per":
            return any(c.dep_ == "pobj" for c in child.children)
        if child.dep_ != "npadvmod" or child.pos_ != "NOUN" or token_lemma(child) in TIME_UNITS:
            continue  # "$5 million a year" is read as a time window
        words = list(child.children)
        nxt = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
        bare = len(words) == 1 and words[0].lower_ in ("a", "an") and words[0].i == child.i - 1
        if bare and (nxt is None or nxt.pos_ not in ("VERB", "AUX")):
            return True
    return False


def _paid_for(token: Token) -> str | None:
    """What a sum is: the noun it modifies ("a $1 million reward", "$3.75 billion settlement",
    "the $700 billion bail-out"). A sum "of" a noun ("a settlement of $6 million") is left
    unscoped: other outlets write the same sum without the noun ("paid $6 million")."""
    head = token.head
    modifies = token.dep_ in ("compound", "nmod", "amod", "nummod") and head.i > token.i
    if token_lemma(head) == "worth":
        return None  # "£910,000 worth of jewellery": what a sum buys, not a kind of sum
    if modifies and head.pos_ == "NOUN" and token_lemma(head) not in CURRENCY:
        doc = head.doc
        if head.i >= 2 and doc[head.i - 1].text == "-" and doc[head.i - 2].is_alpha:
            return str(doc[head.i - 2].lower_) + token_lemma(head)  # "bail-out" is the bailout
        glued = -1 if token.whitespace_ else token.i + 1  # the scale of "the £200m barrier"
        kinds = [
            c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i != glued
        ]
        if len(kinds) == 1 and kinds[0].i > token.i:
            # "the $700 billion rescue package" and "the $787 billion stimulus package" are two
            # packages, not one sum two outlets dispute
            return f"{token_lemma(kinds[0])} {token_lemma(head)}"
        return token_lemma(head)
    return None


def counted_thing(
    num: Token, phrase: Sequence[Token], doc: Doc
) -> tuple[str, str, str | None, int]:
    """(kind, unit, scope, end token index) of the quantity whose phrase head is ``num``."""
    first = phrase[0]
    prev = doc[first.i - 1] if first.i > 0 else None
    after = doc[phrase[-1].i + 1] if phrase[-1].i + 1 < len(doc) else None
    if prev is not None and prev.text in CURRENCY and prev.pos_ not in ("VERB", "AUX"):
        if len(phrase) == 1 and re.fullmatch(r"\d+\.\d+", num.text):  # "$82.9375": share prices
            return "", "", None, phrase[-1].i
        return "money", CURRENCY[prev.text], _paid_for(num), phrase[-1].i
    named = currency_after_scale(after.text) if after is not None else None
    if after is not None and named is not None and ends_in_scale(phrase[-1].text):
        # "1m euro", "5m pounds", "the 110 billion euro bailout": a sum, whatever noun follows
        return "money", named, _paid_for(after), after.i
    per_cent = after is not None and after.lower_ == "per" and doc[after.i + 1 :].text[:4] == "cent"
    if after is not None and (after.lower_ in ("%", "percent", "pct") or per_cent):
        return "percent", "percent", polled(num, share_of(num)), after.i + (1 if per_cent else 0)
    noun = counted_noun(num) or of_noun(num)
    if noun is not None and noun.lower_ in ON_BOARD:
        noun = None  # "the plane with 239 onboard", the word tagged a noun: the people aboard
    if capacity_compound(num, doc):
        noun = num.head  # "the 1,500-seat Bataclan hall" holds 1,500 seats, not 1,500 halls
    if noun is not None and is_dateline(noun):
        noun = noun.doc[
            noun.i - 1
        ]  # "40 demonstrators SANAA, Yemen -": the dateline is not counted
    unit = doc[after.i + 1] if after is not None and after.i + 1 < len(doc) else None
    if after is not None and after.lower_ in SQUARE and unit is not None and square_unit(unit):
        noun = unit  # "328 sq miles", the short "sq" parsed as what is counted: an area
    if after is not None and lemma(after.lower_) in MEASURES and after.pos_ == "NOUN":
        noun = after  # "40 kms west of Tripoli" parsed as a compound of "west": kms are counted
    elif after is not None and _glued_unit(phrase[-1], after):
        noun = after  # "a 16GB model" gives its storage, not a count of models
    if noun is None:
        kind = _bare_kind(num)
        if not kind:
            return "", "", None, phrase[-1].i
        toll = total_noun(num) or toll_subject(num)
        whose = toll_of(toll) if toll is not None and kind in PEOPLE_KINDS else None
        if kind in PEOPLE_KINDS:
            whose = whose or aboard(num)  # "killing all 109 aboard and four on the ground"
        return kind, kind, whose, phrase[-1].i
    word = _SAID_OF_PEOPLE.get(token_lemma(noun), token_lemma(noun))
    end = max(noun.i, phrase[-1].i)
    if blows_taken(noun):
        return "blow", "blow", None, end  # "struck at least 20 times": the blows, as "18 blows"
    if word in CURRENCY:
        return "money", CURRENCY[word], _paid_for(noun), end
    nation = [c for c in noun.children if c.dep_ == "amod" and c.text[:1].isupper()]
    if word == "pound" and nation:
        return "money", "pound", _paid_for(noun), end  # "4 billion Egyptian pounds"
    if word == "degree":  # a quake's magnitude; temperatures and angles are not compared
        return ("magnitude", word, None, end) if _QUAKE.search(doc.text) else ("", "", None, end)
    # "Izmit, 60 miles east of Istanbul" places a town, not the event (an epicentre's does; so
    # does "the crash, about 60 miles from Nantucket").
    locates = _LOCATES.match(doc[end + 1 :].text) and not _EPICENTRE.search(doc.text)
    if MEASURES.get(word, ("",))[0] == "length" and locates and places_a_place(noun, first):
        return "", "", None, end
    if MEASURES.get(word, ("",))[0] == "length" and per_hour(doc, end):
        return "speed", "kph" if MEASURES[word][1] == 1000.0 else "mph", None, end
    squared = f"square {word}"
    if squared in MEASURES and any(t.lower_ in SQUARE for t in doc[num.i + 1 : noun.i]):
        # "a 1,500-square-kilometer island", "60,000 sq km", "23,000 sq. miles": not a length
        return "area", squared, None, end
    if word in MEASURES:
        return MEASURES[word][0], word, dimension(num, noun, doc, MEASURES[word][0]), end
    if word == "life" and token_lemma(clause_verb(noun) or noun) in _SAVING:
        return "saved", word, None, end  # "have saved an estimated 100 lives": no one died
    if word in CASUALTY:
        return CASUALTY[word], word, whose_count(noun), end
    if word in STATUS_KINDS:  # "147,000 refugees" are the displaced, whatever the verb
        return STATUS_KINDS[word], word, None, end
    partner = uncounted_partner(noun)
    if partner is not None and word in PEOPLE and token_lemma(partner) in PEOPLE:
        # "carrying 239 passengers and crew": one count of both, not of the passengers, whom
        # "227 passengers and 12 crew" count
        return people_kind(noun, num) or "people", "people", None, max(end, partner.i)
    if word in PEOPLE or noun.ent_type_ == "NORP" or is_demonym(noun):
        kind = people_kind(noun, num)
        scope = None if word in GENERIC_PEOPLE else sub_group(noun, word)
        if kind is not None and scope is None:
            scope = aboard(noun)  # "all 109 people on board", "four people on the ground"
        if kind is None:  # "the city's four other mob families" are not its five families
            other = "other" if is_other(noun) and word not in GENERIC_PEOPLE else None
            return _SYNONYMS.get(word, word), word, other, end
        return kind, word, scope, end
    kind = _SYNONYMS.get(word, word)
    if kind == "target" and word != "target" and not struck(noun, clause_verb(noun)):
        kind = word  # "three MSF sites", "its medical facilities": sites, not targets hit
    if kind != word and _in_an_inventory(noun, word):
        return kind, word, word, end  # "hit eight bunkers, four storage sites": sites, not targets
    if word in WON and capacity_compound(num, doc):
        return kind, word, token_lemma(noun.head), end  # "the 300-seat Parliament": its size
    if word in WON:
        return kind, word, holder_of(noun), end
    return kind, word, "other" if is_other(noun) else None, end


def _glued_unit(last: Token, after: Token) -> bool:
    """Letters glued to a number are its unit ("16GB", "2.5GHz"), however the parse hangs them;
    one capital letter is a name ("5G"), read as such before this."""
    return not last.whitespace_ and after.is_alpha and len(after.text) >= 2


# What a thing is built to hold, written as a compound with its number ("a 1,500-seat hall",
# "a 300-bed hospital", "a 40-room hotel"): the count is of the seats, beds or rooms.
_CAPACITY_WORDS = frozenset("seat seater bed room berth place".split())


def capacity_compound(num: Token, doc: Doc) -> bool:
    head = num.head
    return (
        head.i == num.i + 2
        and doc[num.i + 1].text == "-"
        and head.pos_ == "NOUN"
        and token_lemma(head) in _CAPACITY_WORDS
    )


# Verbs whose lives are kept, not lost ("saved 5,000 lives").
_SAVING = frozenset("save spare protect rescue credit".split())


def _in_an_inventory(noun: Token, word: str) -> bool:
    """Whether the noun is one item of a list of counted things of different kinds ("hit eight
    bunkers, four ammunition storage sites and two carriers"): its count is of that item only,
    not the count of all targets hit that others give."""
    partners = [noun.head] if noun.dep_ == "conj" else []
    partners += [c for c in noun.children if c.dep_ == "conj"]
    return any(
        p.pos_ == "NOUN"
        and token_lemma(p) != word
        and any(c.dep_ == "nummod" and is_number(c) for c in p.children)
        for p in partners
    )
