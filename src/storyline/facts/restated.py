"""Numbers that restate what the text gives elsewhere rather than count anew: a count pointed
back to ("those two officials"), names counted again or introduced ("Kenya and Tanzania ... the
two countries", "two mules, Sadie and Daisy"; not a toll nor the charged, whom GUIDELINES counts
even when they are named), a count its subject already gives ("the two players ... are two good
acquisitions"), a count saying what an earlier one means ("71 nationalities ... That means 71
avid international markets"), the same amount in brackets in other units ("400,000 rubles (about
13,928 dollars)") and a figure worked out from two others ("a $21 billion difference").
"""

from __future__ import annotations

from storyline.facts.background import PER_CENT
from storyline.facts.numbers import CURRENCY, MEASURES, PEOPLE, ends_in_scale, lemma, word_value
from storyline.facts.reading import (
    HAPPENED_TO,
    Doc,
    Token,
    clause_verb,
    counted_noun,
    is_number,
    of_noun,
)
from storyline.facts.roles import is_demonym, token_lemma


def converts(doc: Doc, first: Token) -> bool:
    """ "400,000 rubles (about 13,928 U.S. dollars)", "33,000 feet (10,000 metres)", "€130
    billion ($172 billion)": an amount in brackets right after another is the same amount in other
    units, not a second quantity; an editor's square brackets convert too ("$50,000 [£31,000]", a
    Guardian page on the Tohoku quake), and so does a second conversion in the same brackets
    ("approximately 150m euros ($203m; £136m)", a WikiRef football page). In the same currency
    it is a part ("$334 million ($281 million in cash)")."""
    i = first.i - 1
    while i > 0 and doc[i].lower_ in APPROX_BEFORE:
        i -= 1
    if i > 0 and doc[i].text in (";", ","):
        i = _bracket_opened(doc, i)  # "150m euros ($203m; £136m)": a second conversion
    if i < 1 or doc[i].text not in ("(", "["):
        return False
    before = doc[i - 1]
    if before.lower_ in _DIMENSIONS and i >= 2:  # "300 nautical miles away (560km)"
        before = doc[i - 2]
    word = lemma(before.lower_)
    if word in MEASURES or word in CURRENCY or before.lower_ in PER_CENT:
        return True
    if not (ends_in_scale(before.text) or is_number(before)):
        return False
    prior = _sum_sign(doc, before)
    if prior is None:  # "4 billion ($683 million) Egyptian pounds": its money comes later
        return is_number(before)
    return prior != next((t.text for t in doc[i + 1 : first.i + 1] if t.text in CURRENCY), None)


def _bracket_opened(doc: Doc, at: int) -> int:
    """Where the bracket opened that a separator at ``at`` stands in, when all before it in the
    bracket is one amount ("($203m;"); ``at`` itself otherwise."""
    k = at - 1
    while k > 0 and (is_number(doc[k]) or ends_in_scale(doc[k].text) or doc[k].text in CURRENCY):
        k -= 1
    while k > 0 and doc[k].lower_ in APPROX_BEFORE:
        k -= 1
    return k if k < at - 1 and doc[k].text in ("(", "[") else at


def _sum_sign(doc: Doc, last: Token) -> str | None:
    """The currency sign a sum ending at ``last`` opens with ("$" of "$334 million")."""
    i = last.i
    while i > 0 and (is_number(doc[i]) or ends_in_scale(doc[i].text)):
        i -= 1
    return doc[i].text if doc[i].text in CURRENCY else None


APPROX_BEFORE = frozenset("about some around roughly nearly almost approximately $ € £".split())
# Words between a measure and its conversion that say which way it runs.
_DIMENSIONS = frozenset("away long wide deep high tall off".split())


def what_it_means(num: Token) -> bool:
    """ "We had 71 different nationalities playing last season. That means 71 avid international
    markets." (WikiRef): a count under a verb "mean" whose subject points back ("that", "this",
    "which") says what an earlier count means; it counts nothing new. Not "equate": "This
    equates to at least £14m more per year for each club" is a new measure of a £3bn deal."""
    verb = clause_verb(num)
    if verb is None or token_lemma(verb) != "mean":
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in ("that", "this", "which") for c in verb.children)


def restates_subject(num: Token, value: float) -> bool:
    """ "the two players we have brought in are two good acquisitions": a count after "be" that
    its subject already gives says what those things are, it counts nothing again."""
    noun = counted_noun(num)
    if noun is None or noun.dep_ != "attr" or token_lemma(noun.head) != "be":
        return False
    subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        c.dep_ == "nummod" and word_value(c.text) == value for s in subjects for c in s.children
    )


def known_before(num: Token) -> bool:
    """ "those two officials", "these three men": a count the reader was given before, pointed
    back to, not a new one; so are the parties of a relation, "tensions between the two
    neighbors", "the history between the two sides", "urges two sides to avoid civil war" (the
    Crisis windows and ECB+)."""
    noun = counted_noun(num)
    if noun is None:
        return False
    if lemma(noun.lower_) == "side":
        return True
    dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
    # a few parties; "between the 3,000 protesters and police" may count the protesters
    between = (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "between"
        and word_value(num.text) in (2, 3, 4, 5)
    )
    return bool(dets & {"those", "these"}) or (between and bool(dets & {"the", "those", "these"}))


_WORKED_OUT = frozenset("difference gap".split())


def arithmetic(num: Token) -> bool:
    """ "a $21 billion difference", "a 10-point gap": a figure worked out from two others, not
    one reported of the happening (a deal's premium is a term of the deal, and is kept)."""
    for token in (num, num.head, num.head.head):
        if token.pos_ == "NOUN" and token.lower_ in _WORKED_OUT and token.i > num.i:
            return True
    return False


# What happened to people that GUIDELINES counts even where they are named: tolls, arrests and
# charges ("the two 14-year-olds, Justin Schnepp and Jedaiah Zinzo, have been charged").
HAPPENED_TO_NAMED = HAPPENED_TO | frozenset("charge indict convict sentence execute".split())


def names_after(num: Token, value: float) -> bool:
    """ "two Tanzanians, Khalfan Mohamed and Ahmed Ghailani", "six African countries, namely
    Ghana, Uganda, ...": a count followed by as many names in apposition introduces them, and one
    in apposition after them ("Portugal, Spain and Italy, the three other problem countries")
    sums them up; it enumerates rather than measures. Not for what happened to people: "killed
    two climbers, Ana Ruiz and Tom Hale" is a toll (nor tolls by kind: the caller keeps those)."""
    noun = counted_noun(num) or of_noun(num)  # "two of the attack sites, Le Carillon bar and ..."
    verb = clause_verb(num)
    if noun is None or (verb is not None and token_lemma(verb) in HAPPENED_TO_NAMED):
        return False
    named = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    # "the two great cities of Damascus and Aleppo": the names after "of" are the things
    named += [
        p
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for p in prep.children
        if p.dep_ == "pobj" and p.pos_ == "PROPN"
    ]
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        named.append(noun.head)  # "Portugal, Spain and Italy, the three other problem countries"
    people = lemma(noun.lower_) in PEOPLE or is_demonym(noun)
    if value >= 2 and not people and _names_follow(noun, value):
        return True  # people named after their count may be a toll or the charged: left
    return any(_joined_names(name) == value for name in named) and value >= 2


def _names_follow(noun: Token, value: float) -> bool:
    """Whether a comma and as many capitalised names as the count follow the counted noun:
    "two of the attack sites, Le Carillon bar and Le Petit Cambodge restaurant" (a WikiRef page
    on the Paris attacks), which the parse does not hang on the noun as an apposition. Not people
    by name, who may be a toll or the wounded whatever the clause's verb."""
    doc = noun.doc
    if noun.i + 1 >= len(doc) or doc[noun.i + 1].text != "," or value > 6:
        return False
    names, inside = 0, False
    for token in doc[noun.i + 2 :]:
        if token.text == "," or token.lower_ == "and":
            inside = False
        elif token.pos_ == "DET" and not inside and doc[token.i + 1 :][:1].text.istitle():
            continue  # "the Corvo cafe and the Pike Street bakery"
        elif token.ent_type_ == "PERSON":
            return False  # "two other photographers, Chris Hondros and Guy Martin": people
        elif token.is_title or token.pos_ == "PROPN":
            names += not inside
            inside = True
        elif not (inside and token.pos_ == "NOUN"):  # "Le Carillon bar": a name's common noun
            break
    return names == value


def _joined_names(first: Token) -> int:
    """How many proper names are joined to ``first`` ("Ghana, Uganda and Kenya": 3)."""
    names, todo = 0, [first]
    while todo:
        node = todo.pop()
        names += 1
        todo += [c for c in node.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return names


def names_again(doc: Doc, first: Token, value: float) -> bool:
    """ "embassies in Kenya and Tanzania ... sent to the two countries": "the" and a number that
    sums up as many names joined earlier in the sentence restates them; it counts nothing new."""
    if first.i < 1 or doc[first.i - 1].lower_ != "the" or not 2 <= value <= 5:
        return False
    noun = counted_noun(first)
    if noun is None or lemma(noun.lower_) in PEOPLE or noun.lower_ in PEOPLE:
        return False  # "Horton and the two other victims": people named apart from the count
    if any(c.lower_ in ("other", "others", "more") for c in noun.children):
        return False
    for token in doc[: first.i]:
        if token.pos_ != "PROPN" or token.dep_ == "conj":
            continue
        joined, node = 1, token
        while True:
            nxt = next((c for c in node.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
            if nxt is None or nxt.i >= first.i:
                break
            joined, node = joined + 1, nxt
        if joined >= 2 and joined == value:
            return True
    return False
