"""Who a count's clause says did what: the roles the parse gives the counted words.

Leaf helpers of the readers (``facts.reading``, ``facts.nouns``, ``facts.people``; they read
tokens only): whether counted people did what the verb says rather than had it done to them,
whether a plural proper noun is a people, whether a site was struck, whether "N times" counts
the blows a person took, and whether the parse took a dateline for the counted noun.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.facts.numbers import lemma

Token = Any  # spaCy Token

# Verbs of striking: sites, facilities or positions are targets only when struck.
STRIKE_VERBS = frozenset("strike hit attack bomb target destroy raid shell pound bombard".split())
# Endings of plural demonyms ("Chechens", "Syrians", "Iraqis", "Sudanese"): the small model
# often tags such a word as an organisation or a product, but a count of it counts people.
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:[aei]ns|is|ese)")


def token_lemma(token: Token) -> str:
    text = token.lower_
    base = token.lemma_.lower() if token.lemma_ else lemma(text)
    return lemma(text) if base == text else base


# Verbs whose subject is who the happening befell, even with an object: "155,000 Chechens fled
# the region" (or an apposition the parse takes for one) were displaced; "two climbers died".
UNDERGONE = frozenset("die perish drown flee".split())


def did_it(noun: Token, verb: Token) -> bool:
    """Whether the counted people did to others what the verb says: the subject of an active
    verb with an object of its own ("three soldiers killed two civilians", "two Syrians evacuate
    a wounded man"), the object of "by" ("killed by three gunmen"), or the count of a noun that
    only says where others came from ("killed 19 people from three families"); "the lives of 109
    people" are theirs. "Twelve people died", "12 soldiers wounded" and "four rebels
    were killed" are what happened to them."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("from", "by"):
        return True  # "killed by three gunmen", "19 people from three families"
    if noun.dep_ != "nsubj" or noun.head.i != verb.i or token_lemma(verb) in UNDERGONE:
        return False
    # A bare participle ("over 100 others wounded") is passive whatever the parse hangs on it,
    # and so is one whose "object" opens with a capitalised common noun: a headline run into
    # the next ("over 100 others wounded Soldiers' used tanks").
    bare = verb.tag_ == "VBN" and not any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children
    )
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return not bare and any(
        o.left_edge.pos_ == "PROPN" or not o.left_edge.text[:1].isupper() for o in objects
    )


def is_demonym(noun: Token) -> bool:
    return (
        noun.pos_ == "PROPN" and noun.ent_type_ != "PERSON" and bool(_DEMONYM.fullmatch(noun.text))
    )


def struck(noun: Token, verb: Token | None) -> bool:
    """Whether the clause (``verb``) of a counted site, facility or position strikes it ("struck
    nine IS sites", "53 positions were hit", "the sites that were bombed")."""
    if verb is not None and token_lemma(verb) in STRIKE_VERBS:
        return True
    return any(c.dep_ in ("acl", "relcl") and token_lemma(c) in STRIKE_VERBS for c in noun.children)


# Verbs of beating a person: "struck at least 20 times" counts the blows, as "18 blows" does.
BLOW_VERBS = frozenset("strike beat hit punch kick club bludgeon pummel batter".split())
_PERSON_WORDS = frozenset("he him she her they them victim man woman boy girl child".split())
_NOT_PEOPLE = frozenset("GPE LOC FAC ORG NORP PRODUCT EVENT".split())


def blows_taken(times: Token) -> bool:
    """Whether "N times" counts blows a person took ("Shepard was struck at least 20 times",
    "beat him 18 times") rather than how often something happened ("visited five times", "the
    town was hit three times"): the word hangs on a verb of beating whose patient is a person
    (a name the parse tags as no place or body counts as one)."""
    verb = times.head
    if times.lower_ != "times" or times.dep_ != "npadvmod" or token_lemma(verb) not in BLOW_VERBS:
        return False
    patients = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(
        p.ent_type_ == "PERSON"
        or (p.pos_ == "PROPN" and p.ent_type_ not in _NOT_PEOPLE)
        or lemma(p.lower_) in _PERSON_WORDS
        for p in patients
    )


def is_dateline(noun: Token) -> bool:
    """Whether the parse took a dateline in capitals ("SANAA, Yemen -") for the head of the
    counted noun written just before it."""
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    return (
        len(noun.text) > 3
        and noun.text.isupper()
        and noun.text.isalpha()
        and before is not None
        and before.head.i == noun.i
        and before.pos_ in ("NOUN", "PROPN")
        and not before.text.isupper()
    )
