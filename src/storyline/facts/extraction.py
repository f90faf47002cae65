"""Quantities read through a dependency parse: what each number counts, in which happening, where,
over what time window, and how exactly.

Only sentences that hold a digit or a number word are parsed (``NUMBER_HINT``), in one batch per
story. For each number the parse gives

* the counted thing: the noun the number modifies, climbing through compounds, names and
  parentheses ("nine Islamic State (IS) sites" counts sites; "the 116-man crew" counts crew), or,
  for a bare number, what the clause says it is ("the death toll was 11", "984 dead",
  "75 of the passengers", "killing 13", "put the toll at 248"; in a list of places after a count,
  "3,046 deaths, followed by Yalova with 2,400", what that count counts, in its own place);
* the happening: the verb that governs the phrase ("struck", "killed", "evacuated");
* the place it is scoped to ("in Kenya") and a time window ("in the past 24 hours");
* approx ("at least", "some", "more than") and ranges ("15 to 20", "10-15 million", "10 percent
  to 30 percent", "90 or 95 percent");
* measures: lengths, masses, areas, speeds ("53 mph", "600 miles an hour"); a distance counts only
  where it locates the happening ("the crash, 60 miles from Nantucket"), not a town ("Izmit, 60
  miles east of Istanbul").

A number is not a quantity when it names or dates something rather than counting it: an identifier
("Su-25", "Flight 990", "Boeing 767", "G-20"), a date, year or clock time, an age, a duration,
an ordinal, a fraction or ratio, or a vague plural ("dozens", "several dozen"); nor when it
describes rather than counts (a person's height or weight, a ranking: "the two biggest factions",
"the only two airlines"), or counts who tells the news ("two newspapers reported"). These are
dropped here. A thousands comma typed with a space ("150, 000") reads as one number.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from storyline.facts.models import Quantity
from storyline.facts.numbers import (
    APPROX_WORDS,
    CURRENCY,
    MAX_WORDS,
    MEASURES,
    MIN_WORDS,
    MONTHS,
    NUMBER_HINT,
    ORDINAL,
    ORDINAL_WORDS,
    PEOPLE,
    SCALES,
    TIME_UNITS,
    UNITS,
    lemma,
    phrase_value,
    word_value,
)
from storyline.facts.parser import pipeline_steps
from storyline.models import Sentence

Token = Any  # spacy.tokens.Token: the parser is imported lazily, so its types are not
Doc = Any

_RANGE_TOKEN = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$")
_ID_WORDS = frozenset(
    """no. no number # flight route highway interstate resolution chapter article section room
    apollo boeing airbus model version channel page gate platform line bus district precinct
    amendment proposition code pier terminal runway building unit ward su mig f tu il kh""".split()
)
_PLACE_PREPS = frozenset("in at near inside outside across throughout around".split())
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_REPORT_VERBS = frozenset(
    """say tell report announce confirm add state claim estimate note quote put insist
    show indicate believe think""".split()
)
# Verbs of telling: their subject is a source ("two newspapers reported"), not the story's count.
_SAY_VERBS = frozenset("say tell report announce confirm add state claim note insist".split())
# What a count of people is a count of, from its verb; and casualty words that are the count.
_EVENT_KIND = {
    "kill": "killed", "die": "killed", "perish": "killed", "claim": "killed", "drown": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured", "hospitalize": "injured",
    "maim": "injured", "miss": "missing", "rescue": "rescued", "save": "rescued",
    "evacuate": "evacuated", "flee": "displaced", "displace": "displaced",
    "arrest": "arrested", "detain": "arrested", "infect": "infected", "sicken": "infected",
    "crush": "killed", "bury": "killed", "murder": "killed", "slay": "killed",
}  # fmt: skip
_LOCATES = re.compile(
    r"^(?:\(\S+ \S+\) )?(?:(?:north|south|east|west)(?:east|west)?(?:ward)?|from|outside|inland)"
    r"\b(?: of)?",
    re.I,
)
_EPICENTRE = re.compile(r"\bepicent(?:er|re)\b", re.I)
_QUAKE = re.compile(r"\b(?:quake|earthquake|tremor|aftershock|richter|magnitude|seismic)", re.I)
_CASUALTY = {
    "dead": "killed", "death": "killed", "fatality": "killed", "toll": "killed",
    "body": "killed", "killed": "killed", "life": "killed", "corpse": "killed",
    "injured": "injured", "wounded": "injured", "injury": "injured", "casualty": "casualty",
    "missing": "missing", "survivor": "survivor",
}  # fmt: skip
# Different words for one counted thing (GUIDELINES: "sites" and "targets" are one group).
_SYNONYMS = {
    "site": "target", "facility": "target", "position": "target", "installation": "target",
    "lawsuit": "lawsuit", "suit": "lawsuit", "claim": "lawsuit", "crewman": "crew",
    "sailor": "crew", "seaman": "crew", "vote": "vote", "ballot": "vote", "home": "house",
    "building": "building", "quake": "earthquake", "tremor": "earthquake",
    "personnel": "crew", "vessel": "ship", "warship": "ship", "firm": "company",
    "award": "reward", "explosion": "blast", "bombing": "blast",
}  # fmt: skip
# People named by what happened to them: the noun is the count's kind, not a sub-group of it.
_STATUS = {"refugee": "displaced", "evacuee": "evacuated", "detainee": "arrested"}
_GENERIC_PEOPLE = frozenset({"people", "person", "persons", "other", "victim", "individual"})
# The second part is case-sensitive: "Turkey's Daily News" names a paper, not a daily count.
_WINDOW = re.compile(
    r"(?i:\b(?:in|over|during|within|for) the (?:past|last|previous|preceding) (?:(\w+) )?"
    r"(hours?|days?|weeks?|months?)\b)|\b(daily|a day|per day|each day|a week|per week)\b"
)


# Numbers the rules below never count, masked before asking whether a sentence needs the parser:
# a year not followed by a word ("in 1998", "1998."), a month and day ("Aug. 7, 1998"), a clock time
# ("3 p.m.", "10:30"), an ordinal ("7th"), a hyphenated identifier ("Su-25"), a decade ("1990s"),
# and "one" as a pronoun ("no one", "one of", "one day").
_NEVER_COUNTED = re.compile(
    r"\b(?:1[89]|20)\d\d\b(?!\s+[a-z])"
    r"|\b(?:" + "|".join(sorted({m.rstrip(".") for m in MONTHS})) + r")\.?\s+\d{1,2}\b"
    r"(?:,\s*(?:1[89]|20)\d\d)?"
    r"|\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\b\.?|\b\d{1,2}:\d\d\b"
    r"|\b\d+(?:st|nd|rd|th)\b|\b[a-z]+-\d+\b|\b(?:19|20)\d0s\b"
    r"|\bno one\b|\bone (?:of|day|time|another)\b|\bat one\b",
    re.IGNORECASE,
)


def needs_parse(text: str) -> bool:
    """Whether a sentence may hold a quantity: a digit or a number word that is not one of the
    numbers the rules never count (``_NEVER_COUNTED``)."""
    return NUMBER_HINT.search(text) is not None and (
        NUMBER_HINT.search(_NEVER_COUNTED.sub(" ", text)) is not None
    )


def quantities_in(doc: Doc, sentence: Sentence) -> tuple[Quantity, ...]:
    """The quantities of one parsed sentence (``doc`` is the parse of ``sentence.text``)."""
    out: list[Quantity] = []
    taken: set[int] = set()
    window = _window(sentence.text)
    for token in doc:
        if token.i in taken or not _is_number(token):
            continue
        phrase = _phrase(doc, token)
        taken.update(t.i for t in phrase)
        quantity = _quantity(doc, phrase, sentence, window)
        if quantity is None and out:
            quantity = _listed(doc, phrase, sentence, out[-1])
        if quantity is not None:
            out.append(quantity)
            if quantity.upper is not None:  # the range's second number is read already
                stop = quantity.end - sentence.start
                taken.update(t.i for t in doc[phrase[0].i :] if t.idx < stop)
    return tuple(out)


def _listed(doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity) -> Quantity | None:
    """A bare number in a list of places ("3,046 deaths, followed by Yalova with 2,400, Istanbul
    with 984"): it counts what the sentence's previous quantity counts, in its own place."""
    num = phrase[0]
    bound, start_i = _approx(doc, num)
    if start_i < 2 or doc[start_i - 1].lower_ != "with" or not before.kind:
        return None
    owner = doc[start_i - 2]
    parsed = _value(phrase)
    if owner.pos_ != "PROPN" or parsed is None or _not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = _ranged(doc, phrase, parsed)
    nxt = doc[phrase[-1].i + 1] if phrase[-1].i + 1 < len(doc) else None
    if nxt is not None and nxt.is_alpha and nxt.lower_ not in ("and", "or"):
        return None  # "Yalova with 2,400," ends an item; "Jones with 3 lawyers" counts lawyers
    start, end = doc[start_i].idx, phrase[-1].idx + len(phrase[-1].text)
    place, scope = before.place, before.scope
    if owner.ent_type_ in _PLACE_ENTS:
        place = _entity_text(owner, doc)
    elif before.kind == "percent" and owner.ent_type_ in ("PERSON", "ORG"):
        scope = owner.lower_  # "ahead of Zyuganov with 29 percent": whose share
    else:
        return None
    return replace(
        before,
        value=value,
        upper=upper,
        scope=scope,
        approx=bound is not None,
        bound=bound,
        text=sentence.text[start:end],
        start=sentence.start + start,
        end=sentence.start + end,
        place=place,
    )


def _is_number(token: Token) -> bool:
    text = token.text
    if ORDINAL.match(text) or token.lower_ in ORDINAL_WORDS:
        return False
    return word_value(text) is not None or _RANGE_TOKEN.match(text) is not None


def _phrase(doc: Doc, token: Token) -> list[Token]:
    """The number's words: "1.2 billion", "two hundred thousand", "a dozen"."""
    phrase = [token]
    i = token.i + 1
    if _split_thousands(doc, token):  # "150, 000 people": a thousands comma typed with a space
        return [token, doc[i], doc[i + 1]]
    tens = token.lower_ in UNITS and UNITS[token.lower_] >= 20
    if tens and i + 1 < len(doc) and doc[i].text == "-" and UNITS.get(doc[i + 1].lower_, 10) < 10:
        phrase += [doc[i], doc[i + 1]]  # "Forty-two", split by the tokenizer
        i += 2
    while i < len(doc) and (doc[i].lower_ in SCALES or doc[i].lower_ == "dozen"):
        phrase.append(doc[i])
        i += 1
    return phrase


def _split_thousands(doc: Doc, token: Token) -> bool:
    """ "150, 000" or "13, 928": one to three digits, a comma, one space, three digits, and no
    list going on after them (a list of numbers reads "5, 100, 200" or "5, 100 and 200")."""
    i = token.i
    if i + 2 >= len(doc) or not re.fullmatch(r"\d{1,3}", token.text):
        return False
    comma, rest = doc[i + 1], doc[i + 2]
    after = doc[i + 3] if i + 3 < len(doc) else None
    return (
        comma.text == ","
        and comma.idx == token.idx + len(token.text)
        and rest.idx == comma.idx + 2
        and re.fullmatch(r"\d{3}", rest.text) is not None
        and (after is None or (after.text not in (",", "and", "or") and not after.like_num))
        and (i == 0 or doc[i - 1].text not in (",", "and"))
    )


def _value(phrase: Sequence[Token]) -> tuple[float, float | None] | None:
    words = [t.text for t in phrase]
    if len(words) == 3 and words[1] == "," and words[2].isdigit():
        words = [words[0] + words[2]]
    ranged = _RANGE_TOKEN.match(words[0])
    if ranged:
        low, high = (phrase_value([g, *words[1:]]) for g in ranged.groups())
        if low is None or high is None or high <= low:
            return None
        return low, high
    value = phrase_value(words)
    return None if value is None else (value, None)


# --------------------------------------------------------------------------- not quantities


def _not_a_count(doc: Doc, phrase: Sequence[Token], value: float) -> bool:
    """Identifiers, dates, years, clock times, ages, durations, fractions, pronoun "one"."""
    first, last = phrase[0], phrase[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    after = doc[last.i + 1 : last.i + 4].text.lower()
    if ":" in first.text or (nxt is not None and nxt.lower_ in TIME_UNITS):
        return True
    if re.match(r"^0\d", first.text) or re.match(r"^(?:-\s*fold|times)\b", after):
        return True  # "150, 000" read as two tokens; "23-fold", "five times"
    if re.match(r"^-?\s*(?:year|month|week|day|hour|minute)s?\b", after.replace("- ", "-")):
        return True  # "a 20-year sentence", "the 24-hour period", "45-year-old"
    if re.match(r"^(?:-|\s)*(?:thirds?|quarters?|halves|half|fifths?|tenths?)\b", after):
        return True
    if nxt is not None and nxt.lower_ in ("in", "out") and after.split()[1:2] == ["of"]:
        return True  # "one in three", "9 out of 10"
    if (prev is not None and prev.lower_ in MONTHS) or (nxt is not None and nxt.lower_ in MONTHS):
        return True
    if _is_year(first, value, nxt):
        return True
    if _is_age(doc, first, prev, nxt):
        return True
    if _is_identifier(first, prev) and not (nxt is not None and nxt.lower_ in _CASUALTY):
        return True
    if first.ent_type_ in ("DATE", "TIME") and _dated_entity(doc, first):
        return True
    if first.lower_ == "one" and len(phrase) == 1:
        return not (first.dep_ == "nummod" and nxt is not None and nxt.lower_ not in ("of", "or"))
    return bool(
        first.lower_ in ("zero",)
        or (prev is not None and prev.lower_ in ("no.", "#", "number", "nos."))
    )


def _is_year(first: Token, value: float, nxt: Token | None) -> bool:
    text = first.text
    if not re.fullmatch(r"\d{4}s?", text) or not 1000 <= value <= 2100:
        return False
    counted = nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS"
    return not counted or text.endswith("s")


def _is_age(doc: Doc, first: Token, prev: Token | None, nxt: Token | None) -> bool:
    if prev is not None and prev.lower_ in ("aged", "age", "ages"):
        return True
    if doc[first.i + 1 : first.i + 3].text.lower() in ("years old", "year old"):
        return True
    # "Jon Barr, 45, said": a number alone between commas after a name.
    return (
        prev is not None
        and prev.text == ","
        and first.i >= 2
        and doc[first.i - 2].pos_ == "PROPN"
        and (nxt is None or nxt.text in (",", ".", ")"))
    )


def _is_identifier(first: Token, prev: Token | None) -> bool:
    """ "Flight 990", "Boeing 767", "Resolution 1441", "G-20" (hyphenated ones never parse as
    numbers), "Apollo 11": a number that follows and belongs to a capitalised name."""
    if prev is None:
        return False
    if prev.lower_ in _ID_WORDS:
        return True
    if first.ent_type_ in ("PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "FAC"):
        return True
    if not first.doc.has_annotation("ENT_IOB"):
        return False  # entities not read yet: "Istanbul 984" may follow a place (extract_many)
    capitalised = prev.text[:1].isupper() and prev.i > 0 and prev.pos_ in ("PROPN", "NOUN")
    belongs = first.head.i == prev.i or (prev.head.i == first.i and prev.dep_ == "compound")
    return capitalised and belongs and prev.ent_type_ not in _PLACE_ENTS


def _dated_entity(doc: Doc, token: Token) -> bool:
    words = [
        t.lower_ for t in doc[max(0, token.i - 3) : token.i + 4] if t.ent_type_ == token.ent_type_
    ]
    return any(w in MONTHS or lemma(w) in TIME_UNITS or w in ("ago", "past", "last") for w in words)


# Hyphenated words that describe an object's make rather than count the story's things:
# "a 16-page complaint", "a two-story house", "a six-lane road", "9 mm handguns".
_DESCRIBES = frozenset("page story storey bedroom lane caliber calibre mm inch-thick".split())
# Kinds where "one" is itself the news ("one death"); elsewhere "one official", "one step" pick
# something out rather than count it.
_ONE_COUNTS = frozenset(
    """killed injured missing rescued evacuated displaced arrested infected casualty survivor
    money percent""".split()
) | frozenset(kind for kind, _ in MEASURES.values())


def _named_or_described(
    doc: Doc, phrase: Sequence[Token], num: Token, kind: str, value: float
) -> bool:
    """Numbers that name or describe rather than count (GUIDELINES: identifiers, ordinals,
    specifications of things outside the story's centre): "the 10 most wanted", "990 crash"
    (a number glued to a singular noun is a name), "1997 bombings" (a year), "a 16-page
    letter", and "one" of a plain noun."""
    first, last = phrase[0], phrase[-1]
    after = [t.lower_ for t in doc[last.i + 1 : last.i + 4]]
    if (after[:1] == ["-"] and after[1:2] and after[1] in _DESCRIBES) or after[:1] == ["mm"]:
        return True
    if _describes_person(doc, phrase, num, kind):
        return True
    if first.i >= 3 and [t.lower_ for t in doc[first.i - 2 : first.i]] == ["of", "the"]:
        part = doc[first.i - 3]
        if _is_number(part) and part.lower_ != "one":
            return True  # "seven of the 22 villages": the whole the part is taken from
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    if kind == "percent" and (before in _RULE_WORDS or set(after[1:3]) & _RULE_WORDS):
        return True  # "the minimum 3 percent mark", "the 50 percent needed": a rule, not a result
    if first.lower_ == "dozen" and before in _VAGUE:
        return True  # "several dozen cases" is as vague as "dozens"
    noun = _noun(num)
    if noun is not None and any(c.tag_ == "JJS" or c.lower_ == "only" for c in noun.children):
        return True  # "the two biggest rebel factions", "the only two airlines": a ranking
    rest = " ".join(after).replace(" - ", "-")
    if rest.startswith(("most wanted", "most-wanted")):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", first.text) and len(phrase) == 1:
        return True  # "1997 bombings": counts that large are written "1,997"
    if (
        first.text[:1].isdigit()
        and value > 1
        and len(phrase) == 1
        and noun is not None
        and noun.tag_ == "NN"
        and noun.i == last.i + 1
        and noun.lower_ not in MEASURES
        and noun.lower_ not in CURRENCY
        and noun.lower_ not in _CASUALTY
        and noun.lower_ not in PEOPLE
        and noun.lower_ not in ("percent", "pct", "per", "crew", "staff", "personnel")
    ):
        return True  # "990 crash", "5 fuel tank": a digit glued to a singular noun names it
    return value == 1 and len(phrase) == 1 and kind not in _ONE_COUNTS


_VAGUE = frozenset("several few many some".split())
_RULE_WORDS = frozenset("minimum maximum threshold needed required mark".split())


def _describes_person(doc: Doc, phrase: Sequence[Token], num: Token, kind: str) -> bool:
    """A person's height or weight ("the 5-foot-2, 105-pound Shepard", "who weighed about 270
    pounds"): a description of someone, not a measure of the story's events."""
    last = phrase[-1]
    rest = doc[last.i + 1 : last.i + 5].text.replace(" ", "")
    if re.match(r"^-(?:foot|feet)-\d", rest):
        return True
    if kind not in ("length", "mass"):
        return False
    head = num.head
    while (
        head.dep_ in ("compound", "amod", "nmod", "npadvmod", "quantmod") and head.head.i != head.i
    ):
        if head.ent_type_ == "PERSON":
            break
        head = head.head
    verb = _verb(num)
    return head.ent_type_ == "PERSON" or (
        verb is not None
        and _lemma(verb) == "weigh"
        and any(
            c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in ("who", "he", "she"))
            for c in verb.children
        )
    )


# --------------------------------------------------------------------------- what it counts


def _head_of(phrase: Sequence[Token]) -> Token:
    inside = {t.i for t in phrase}
    for t in phrase:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return phrase[-1]


def _noun(num: Token) -> Token | None:
    """The noun a number counts, through compounds, names and parentheses."""
    head = num.head
    if num.dep_ == "nummod" and head.i < num.i and _lemma(head) in MEASURES:
        return head  # "magnitude 4.6"
    if num.dep_ not in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"):
        return None
    if head.i <= num.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = head
    while (
        noun.dep_ in ("compound", "nmod", "amod")
        and noun.head.i > noun.i
        and noun.head.pos_ in ("NOUN", "PROPN")
        and _lemma(noun) not in MEASURES
        and _lemma(noun) not in CURRENCY
    ):
        noun = noun.head
    return noun


def _lemma(token: Token) -> str:
    text = token.lower_
    base = token.lemma_.lower() if token.lemma_ else lemma(text)
    return lemma(text) if base == text else base


def _of_noun(num: Token) -> Token | None:
    """ "75 of the passengers", "10 of 12 American victims": the noun after "of"."""
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return _noun(pobj) or pobj
    return None


_PUT_VERBS = frozenset("put place set estimate raise revise lower".split())


def _bare_kind(num: Token) -> str | None:
    """What a bare number is ("984 dead", "the death toll was 11", "killing 13", "rose to 75")."""
    doc = num.doc
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in _CASUALTY:  # "Istanbul 984 dead" (tables parse badly)
        return _CASUALTY[nxt.lower_]
    if num.head.lemma_ in ("measure", "register", "record") and _QUAKE.search(doc.text):
        return "magnitude"
    for child in num.children:
        word = _lemma(child)
        if child.dep_ in ("amod", "acl", "advmod", "appos", "conj") and child.lower_ in _CASUALTY:
            return _CASUALTY[child.lower_]
        if word in _EVENT_KIND and child.dep_ in ("acl", "relcl", "amod"):
            return _EVENT_KIND[word]
    head = num.head
    if num.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if num.dep_ in ("attr", "pobj", "dobj", "npadvmod") or head.lemma_ in (
        "rise",
        "reach",
        "stand",
    ):
        # "the toll rose to 75"; "officials put the number of refugees at over 156,000"
        objects = (
            ("nsubj", "nsubjpass", "dobj") if _lemma(head) in _PUT_VERBS else ("nsubj", "nsubjpass")
        )
        for child in head.children:
            if child.dep_ in objects and _lemma(child) in ("toll", "number", "total"):
                return _toll_kind(child)
    if num.dep_ in ("dobj", "nsubj", "nsubjpass", "conj") and head.pos_ == "VERB":
        return _EVENT_KIND.get(_lemma(head))
    return None


def _toll_kind(subject: Token) -> str | None:
    """What "the death toll", "the number of injured", "the number of people in tents" counts."""
    words = {_lemma(t) for t in subject.subtree}
    if words & {"injure", "injured", "wound", "wounded", "injury"}:
        return "injured"
    if "missing" in words:
        return "missing"
    if _lemma(subject) == "toll" or words & {"dead", "death", "kill", "killed", "die", "fatality"}:
        return "killed"
    counted = _of_noun(subject)
    if counted is None:
        return None
    word = _lemma(counted)
    return _STATUS.get(word, _SYNONYMS.get(word, word))


def _verb(token: Token, *, reporting: bool = False) -> Token | None:
    """The verb of the clause a token belongs to (a reporting verb, "said", only if asked)."""
    node = token
    for _ in range(5):
        if node.pos_ in ("VERB", "AUX") and node.i != token.i:
            return None if _lemma(node) in _REPORT_VERBS and not reporting else node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _people_kind(noun: Token, num: Token) -> str | None:
    """A count of people counts what happened to them: its verb or a participle after it."""
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "amod") and _lemma(child) in _EVENT_KIND:
            return _EVENT_KIND[_lemma(child)]
        if child.dep_ == "amod" and child.lower_ in _CASUALTY:
            return _CASUALTY[child.lower_]
    verb = _verb(noun, reporting=True)
    if verb is not None and verb.tag_ != "VB":  # "to rescue 118 sailors" rescued no one yet
        word = _lemma(verb)
        if word in _EVENT_KIND:
            return _EVENT_KIND[word]
        for child in verb.children:  # "33,495 others were reported as injured"
            if child.dep_ in ("advcl", "acomp", "oprd", "xcomp") and _lemma(child) in _EVENT_KIND:
                return _EVENT_KIND[_lemma(child)]
            if child.dep_ in ("acomp", "oprd", "attr") and child.lower_ in _CASUALTY:
                return _CASUALTY[child.lower_]
    return None


def _speaks(num: Token) -> bool:
    """Whether the counted thing is who reports the news: the subject of "said", "reported"."""
    noun = _noun(num) or _of_noun(num)
    return (
        noun is not None
        and noun.dep_ == "nsubj"
        and noun.head.pos_ == "VERB"
        and _lemma(noun.head) in _SAY_VERBS
    )


def _share_of(num: Token) -> str | None:
    """Whose share a percentage is: the person or organisation its clause is about ("Putin had
    52.4 percent", "Zyuganov finished with 29 percent", "Putin was elected ... by collecting
    52.94 percent"), found up the clause's verbs; or "counted" for the share of votes counted."""
    doc = num.doc
    tail = []
    for token in doc[num.i + 1 : num.i + 12]:
        if token.text in (",", ";", "."):
            break
        tail.append(token.lower_)
    if {"counted", "reporting", "processed", "tallied"} & set(tail):
        return "counted"  # "with 93 percent of the vote from Sunday's election counted"
    verb = _verb(num, reporting=False)
    for _ in range(3):
        if verb is None:
            return None
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.ent_type_ in ("PERSON", "ORG"):
                return str(child.text).lower()
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None  # the clause is about someone else ("polls put ...")
        verb = _verb(verb, reporting=False)
    return None


def _paid_for(token: Token) -> str | None:
    """What a sum is: the noun it modifies ("a $1 million reward", "$3.75 billion settlement")."""
    head = token.head
    modifies = token.dep_ in ("compound", "nmod", "amod", "nummod") and head.i > token.i
    if modifies and head.pos_ == "NOUN" and _lemma(head) not in CURRENCY:
        return _lemma(head)
    return None


def _area(noun: Token) -> str | None:
    """A place written into the noun phrase: "three Atlanta-area bombings", "Southern bombings"."""
    for child in noun.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > noun.i:
            continue
        if child.ent_type_ in ("GPE", "LOC") or child.lower_ in _COMPASS:
            return str(child.text)
        if child.lower_ == "area" and child.i > 0:
            return str(child.doc[child.i - 2].text) if child.i >= 2 else None
    return None


_COMPASS = frozenset(
    "northern southern eastern western north south east west central nationwide".split()
)


def _places_a_place(noun: Token, first: Token) -> bool:
    """Whether a distance ("60 miles east of Istanbul") says where a place is rather than where
    the story happened: it follows a place name and a comma ("Izmit, 60 miles east of Istanbul")
    or hangs on a place or a description of one ("Ivanovo, a textile centre 190 miles east of
    Moscow"), not on the happening ("plunged some 60 miles south", "the crash, about 60 miles
    from Nantucket")."""
    doc = noun.doc
    i = first.i - 1
    while i > 0 and doc[i].lower_ in ("about", "some", "roughly", "nearly", "around", "almost"):
        i -= 1
    if i > 0 and doc[i].text == "," and doc[i - 1].pos_ == "PROPN":
        return True
    anchor = noun.head
    target = anchor.head if anchor.dep_ in ("prep", "advmod") and anchor.i != noun.i else anchor
    return target.pos_ == "PROPN" or target.ent_type_ in _PLACE_ENTS or target.dep_ == "appos"


def _per_hour(doc: Doc, end: int) -> bool:
    """ "600 miles an hour", "90 kilometres per hour", "36 km/h": a speed, not a distance."""
    words = doc[end + 1 : end + 3].text.lower().replace(" ", "")
    return re.match(r"^(?:anhour|ahour|perhour|/h\b|/hr\b)", words) is not None


def _thing(num: Token, phrase: Sequence[Token], doc: Doc) -> tuple[str, str, str | None, int]:
    """(kind, unit, scope, end token index) of the quantity whose phrase head is ``num``."""
    first = phrase[0]
    prev = doc[first.i - 1] if first.i > 0 else None
    after = doc[phrase[-1].i + 1] if phrase[-1].i + 1 < len(doc) else None
    if prev is not None and prev.text in CURRENCY and prev.pos_ not in ("VERB", "AUX"):
        if len(phrase) == 1 and "." in num.text:  # "$82.9375", "rose $1.125": share prices
            return "", "", None, phrase[-1].i
        return "money", CURRENCY[prev.text], _paid_for(num), phrase[-1].i
    per_cent = after is not None and after.lower_ == "per" and doc[after.i + 1 :].text[:4] == "cent"
    if after is not None and (after.lower_ in ("%", "percent", "pct") or per_cent):
        return "percent", "percent", _share_of(num), after.i + (1 if per_cent else 0)
    noun = _noun(num) or _of_noun(num)
    if noun is None:
        kind = _bare_kind(num)
        return (kind, kind, None, phrase[-1].i) if kind else ("", "", None, phrase[-1].i)
    word = _lemma(noun)
    end = max(noun.i, phrase[-1].i)
    if word in CURRENCY:
        return "money", CURRENCY[word], _paid_for(noun), end
    if word == "degree":  # a quake's magnitude; temperatures and angles are not compared
        return ("magnitude", word, None, end) if _QUAKE.search(doc.text) else ("", "", None, end)
    # "Izmit, 60 miles east of Istanbul" places a town, not the event (an epicentre's does; so
    # does "the crash, about 60 miles from Nantucket").
    locates = _LOCATES.match(doc[end + 1 :].text) and not _EPICENTRE.search(doc.text)
    if MEASURES.get(word, ("",))[0] == "length" and locates and _places_a_place(noun, first):
        return "", "", None, end
    if MEASURES.get(word, ("",))[0] == "length" and _per_hour(doc, end):
        return "speed", "kph" if MEASURES[word][1] == 1000.0 else "mph", None, end
    if word in MEASURES:
        return MEASURES[word][0], word, None, end
    if word in _CASUALTY:
        return _CASUALTY[word], word, None, end
    if word in _STATUS:  # "147,000 refugees" are the displaced, whatever the verb
        return _STATUS[word], word, None, end
    if word in PEOPLE or noun.ent_type_ == "NORP":
        kind = _people_kind(noun, num)
        scope = None if word in _GENERIC_PEOPLE else word
        if kind is None:
            return _SYNONYMS.get(word, word), word, None, end
        return kind, word, scope, end
    return _SYNONYMS.get(word, word), word, None, end


# --------------------------------------------------------------------------- context


def _place(num: Token, noun_end: Token, doc: Doc) -> str | None:
    """A place the count is scoped to: "in Kenya", "Istanbul 984 dead", "the bombing in Nairobi"."""
    verb = _verb(noun_end)
    candidates = [num, noun_end]
    if verb is not None:
        candidates.append(verb)
        candidates += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for node in candidates:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                found = _place_in(child, doc)
                if found is not None:
                    return found
            near = node.i in (num.i, noun_end.i)
            if near and child.dep_ in ("compound", "nmod") and child.ent_type_ in _PLACE_ENTS:
                return _entity_text(child, doc)
    area = _area(noun_end) if noun_end.pos_ in ("NOUN", "PROPN") else None
    if area is not None:
        return area
    prev = doc[num.i - 1] if num.i > 0 else None
    if prev is not None and prev.ent_type_ in _PLACE_ENTS and prev.ent_iob_ in ("B", "I"):
        return _entity_text(prev, doc)
    if prev is None or num.i + 1 >= len(doc):
        return None
    opens = prev.i == 0 or doc[prev.i - 1].is_punct
    # "Istanbul 984 dead, 2,924 injured": a table row opened by its place.
    if opens and prev.text[:1].isupper() and prev.is_alpha and doc[num.i + 1].lower_ in _CASUALTY:
        return str(prev.text)
    return None


def _place_in(prep: Token, doc: Doc, *, depth: int = 0) -> str | None:
    """The place a prepositional phrase names: "in Kenya", "at the embassy in Nairobi", "in the
    Nairobi blast" (not "at the U.S. embassy": a country that owns a building is not its place)."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        if pobj.ent_type_ in _PLACE_ENTS:
            return _entity_text(pobj, doc)
        for child in pobj.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS and depth < 2:
                found = _place_in(child, doc, depth=depth + 1)
                if found is not None:
                    return found
        named = [c for c in pobj.children if c.ent_type_ in _PLACE_ENTS and c.i < pobj.i]
        if named and named[0].dep_ in ("compound", "nmod") and _lemma(pobj) not in _OWNED:
            return _entity_text(named[0], doc)  # "in the Nairobi blast"
    return None


_OWNED = frozenset(
    """embassy consulate army force troop government official ministry company navy police
    military authority""".split()
)


def _entity_text(token: Token, doc: Doc) -> str:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return str(ent.text)
    return str(token.text)


def _window(text: str) -> str | None:
    m = _WINDOW.search(text)
    if m is None:
        return None
    if m[3]:
        return "per " + ("week" if "week" in m[3].lower() else "day")
    count = word_value(m[1]) if m[1] else 1.0
    return f"{count or 1:g} {lemma(m[2])}"


def _approx(doc: Doc, first: Token) -> tuple[str | None, int]:
    """How words before the number bound it ("min": "at least", "max": "nearly", "about"), and
    where those words start."""
    before = doc[max(0, first.i - 3) : first.i]
    low = [t.lower_ for t in before]
    for n in (3, 2, 1):
        words = " ".join(low[-n:])
        if len(low) >= n and words in APPROX_WORDS:
            bound = "min" if words in MIN_WORDS else "max" if words in MAX_WORDS else "about"
            return bound, first.i - n
    return None, first.i


def _is_unit(token: Token) -> bool:
    return token.lower_ in ("percent", "%") or lemma(token.lower_) in MEASURES


def _upper(doc: Doc, first: Token, last: Token) -> tuple[float | None, int]:
    """A range's upper end: "15 to 20", "between 10 and 15", "$6 million to $7 million", "10
    percent to 30 percent", "90 or 95 percent"."""
    i = last.i + 1
    unit = doc[i].lower_ if i < len(doc) and _is_unit(doc[i]) else None
    if unit is not None:  # "10 percent to 30 percent": the unit is said twice
        i += 1
    j = i + 2 if i + 1 < len(doc) and doc[i + 1].text in CURRENCY else i + 1
    joins = ("to", "-", "–", "and", "or")
    if j < len(doc) and doc[i].lower_ in joins and _is_number(doc[j]):
        if unit is not None and not (j + 1 < len(doc) and doc[j + 1].lower_ == unit):
            return None, last.i
        opener = doc[first.i - 1 - (doc[first.i - 1].text in CURRENCY)] if first.i > 1 else None
        if doc[i].lower_ == "and" and (opener is None or opener.lower_ != "between"):
            return None, last.i
        phrase = _phrase(doc, doc[j])
        value = _value(phrase)
        if value is not None:
            return value[0], phrase[-1].i
    return None, last.i


def _ranged(
    doc: Doc, phrase: list[Token], parsed: tuple[float, float | None]
) -> tuple[float, float | None, list[Token]]:
    """(value, upper, phrase) with a range's second number read into the phrase."""
    value, upper = parsed
    if upper is None:
        upper, last_i = _upper(doc, phrase[0], phrase[-1])
        if upper is not None and upper <= value:
            upper, last_i = None, phrase[-1].i
        if upper is not None and phrase[-1].i + 2 <= last_i and len(phrase) == 1:
            scale = [t.text for t in doc[phrase[-1].i + 2 : last_i + 1] if t.lower_ in SCALES]
            value = phrase_value([phrase[0].text, *scale]) or value  # "10 to 15 million"
        phrase = [*phrase, *doc[phrase[-1].i + 1 : last_i + 1]]
    return value, upper, phrase


def _quantity(
    doc: Doc, phrase: list[Token], sentence: Sentence, window: str | None
) -> Quantity | None:
    parsed = _value(phrase)
    if parsed is None or _not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = _ranged(doc, phrase, parsed)
    num = _head_of(phrase)
    kind, unit, scope, end_i = _thing(num, phrase, doc)
    if not kind or kind in TIME_UNITS or unit in TIME_UNITS:
        return None
    if _named_or_described(doc, phrase, num, kind, value):
        return None
    if kind == unit and kind not in PEOPLE and _speaks(num):
        return None  # "two newspapers reported", "three officials said": who tells, not news
    verb = _verb(num)
    described = verb is not None and verb.lemma_ == "have"
    if kind == unit and kind in PEOPLE and (phrase[0].lower_ == "one" or described):
        return None  # "one man", "he has two children": people picked out or described
    bound, start_i = _approx(doc, phrase[0])
    if bound is None and doc[end_i].lower_.endswith("-plus"):
        bound = "min"
    if phrase[0].i > 0 and doc[phrase[0].i - 1].text in CURRENCY and kind == "money":
        start_i = min(start_i, phrase[0].i - 1)
    end_i = max(end_i, phrase[-1].i)
    if doc[end_i].i - phrase[-1].i > 6:  # the noun is far away: cite the number only
        end_i = phrase[-1].i
    start = doc[start_i].idx
    end = doc[end_i].idx + len(doc[end_i].text)
    return Quantity(
        value=value,
        approx=bound is not None,
        bound=bound,
        unit=unit,
        kind=kind,
        text=sentence.text[start:end],
        article_id=sentence.article_id,
        start=sentence.start + start,
        end=sentence.start + end,
        upper=upper,
        place=_place(num, doc[end_i], doc),
        event=_lemma(verb) if verb is not None else None,
        window=window,
        scope=scope,
    )


# Quantities of sentences already read, by parser and text (offsets relative to the sentence):
# a story that gains an article is read again for its page, and only the new sentences need the
# parser. Bounded; the oldest entries go first.
_READ: weakref.WeakKeyDictionary[Any, OrderedDict[str, tuple[Quantity, ...]]] = (
    weakref.WeakKeyDictionary()
)
_READ_LIMIT = 50_000
_read_lock = threading.Lock()


def extract_many(parser: Any, sentences: Iterable[Sentence]) -> list[tuple[Quantity, ...]]:
    """Quantities of many sentences, parsed in one batch; one tuple per sentence, in order.

    Sentences without a number that may count (``needs_parse``) skip the parser, and so do
    sentences read before (``_READ``). The others are tagged and parsed, and the entity
    recogniser, half the parse's time, runs only on those where a number is left once the rules
    that need no entities have ruled out years, ages, times and the like (entities can only rule
    out more numbers; they never make one).
    """
    items = list(sentences)
    with _read_lock:
        known = _READ.setdefault(parser, OrderedDict())
        found = {s.text: known[s.text] for s in items if s.text in known}
    todo = [i for i, s in enumerate(items) if s.text not in found and needs_parse(s.text)]
    docs = [parser.make_doc(items[i].text) for i in todo]
    for name, component in pipeline_steps(parser):
        if name != "ner":
            docs = list(component.pipe(docs, batch_size=64))
    keep = [k for k, doc in enumerate(docs) if _may_count(doc)]
    if "ner" in parser.pipe_names:
        named = parser.get_pipe("ner").pipe([docs[k] for k in keep], batch_size=64)
        for k, doc in zip(keep, named, strict=True):
            docs[k] = doc
    read: dict[str, tuple[Quantity, ...]] = {items[i].text: () for i in todo}
    for k in keep:
        text = items[todo[k]].text
        read[text] = quantities_in(docs[k], Sentence("", 0, len(text), text, 0, 0))
    with _read_lock:
        for text, quantities in read.items():
            known[text] = quantities
        while len(known) > _READ_LIMIT:
            known.popitem(last=False)
    found.update(read)
    return [_placed(found.get(s.text, ()), s) for s in items]


def _placed(quantities: tuple[Quantity, ...], sentence: Sentence) -> tuple[Quantity, ...]:
    """Quantities read from a sentence's text, placed in its article."""
    at = sentence.start
    return tuple(
        replace(q, article_id=sentence.article_id, start=q.start + at, end=q.end + at)
        for q in quantities
    )


def _may_count(doc: Doc) -> bool:
    """Whether a parsed sentence holds a number the rules without entities do not rule out."""
    for token in doc:
        if _is_number(token):
            phrase = _phrase(doc, token)
            parsed = _value(phrase)
            if parsed is not None and not _not_a_count(doc, phrase, parsed[0]):
                return True
    return False
