"""Counts of people: what happened to them (the clause's verb or a participle after the noun:
"killed", "injured", "the massacre of 108 people"), which sub-group they are ("three other
Americans", "one Turkish soldier", "the deaths of 12 soldiers"), whether one count covers people
of two words ("239 passengers and crew"), and where they were ("109 aboard", "four on the
ground"). A sub-group is a count of its own: outlets that count different people do not dispute
one figure.
"""

from __future__ import annotations

from storyline.facts.numbers import PEOPLE
from storyline.facts.reading import CASUALTY, EVENT_KIND, Token, clause_verb, is_number
from storyline.facts.roles import did_it, is_demonym, token_lemma

# People named by what happened to them: the noun is the count's kind, not a sub-group of it.
STATUS_KINDS = {"refugee": "displaced", "evacuee": "evacuated", "detainee": "arrested"}

GENERIC_PEOPLE = frozenset({"people", "person", "persons", "other", "victim", "individual"})

# Words that say people fell ill, written after them as what befell them ("made 55 others ill",
# "40 people fell sick"): the infected of an outbreak, as "sickened 15 people" counts them.
_ILL = frozenset({"ill", "sick"})

# Nouns of a killing whose "of" names its victims ("the massacre of 108 people").
_KILLING_NOUNS = frozenset("massacre slaughter killing murder execution death".split())


def people_kind(noun: Token, num: Token) -> str | None:
    """A count of people counts what happened to them: its verb or a participle after it."""
    for child in noun.children:
        # a participle with an object of its own is a clause of its own, not what befell the
        # people: "killed at least one person, injured dozens" (parsed "person injured dozens")
        own = (
            child.dep_ == "acl"
            and child.doc[child.i - 1].text == ","
            and any(c.dep_ == "dobj" for c in child.children)
        )
        if child.dep_ in ("acl", "relcl", "amod") and token_lemma(child) in EVENT_KIND and not own:
            return EVENT_KIND[token_lemma(child)]
        if child.dep_ == "amod" and child.lower_ in CASUALTY:
            return CASUALTY[child.lower_]
        if child.dep_ == "amod" and child.lower_ in _ILL and child.i > noun.i:
            return "infected"  # "made 55 others ill": not "mentally ill people", who are no count
    if noun.dep_ == "nsubj" and noun.head.lower_ in _ILL and noun.head.i > noun.i:
        return "infected"  # the same, parsed as a small clause: "made [48 others ill]"
    of = noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if of is not None and token_lemma(of.head) in _KILLING_NOUNS:
        return "killed"  # "the slaughter of 108 people", "last week's massacre of 100 people"
    verb = clause_verb(noun, reporting=True)
    lost = verb.children if verb is not None and token_lemma(verb) == "lose" else ()
    if any(c.dep_ == "dobj" and c.lower_ in ("life", "lives") for c in lost):
        return "killed"  # "three crew members lost their lives"
    if verb is not None and did_it(noun, verb):
        return None  # "three soldiers killed two civilians": the soldiers did the killing
    if verb is not None and verb.tag_ != "VB":  # "to rescue 118 sailors" rescued no one yet
        word = token_lemma(verb)
        if word in EVENT_KIND:
            return EVENT_KIND[word]
        for child in verb.children:  # "33,495 others were reported as injured"
            if (
                child.dep_ in ("advcl", "acomp", "oprd", "xcomp")
                and token_lemma(child) in EVENT_KIND
            ):
                return EVENT_KIND[token_lemma(child)]
            if child.dep_ in ("acomp", "oprd", "attr") and child.lower_ in CASUALTY:
                return CASUALTY[child.lower_]
            if child.dep_ in ("acomp", "oprd") and child.lower_ in _ILL:
                return "infected"  # "55 people fell ill", "became sick"
    return None


def uncounted_partner(noun: Token) -> Token | None:
    """A noun joined to the counted one by "and" that has no number of its own: "239
    passengers and crew" counts both together."""
    if not any(c.dep_ == "cc" and c.lower_ == "and" for c in noun.children):
        return None
    return next(
        (
            c
            for c in noun.children
            if c.dep_ == "conj"
            and c.pos_ == "NOUN"
            and not any(g.dep_ == "nummod" or is_number(g) for g in c.children)
        ),
        None,
    )


def toll_of(toll: Token) -> str | None:
    """The people a toll is of: "the death toll of its peacekeepers rose to 14", "the toll among
    UN staff" (a sub-group); not the people the count is of by its kind ("the number of
    refugees", "the toll of dead") nor the cases of an outbreak."""
    who = whose_count(toll)
    if who is None or who in STATUS_KINDS or who in CASUALTY or who in ("case", "infection"):
        return None
    return who


def whose_count(noun: Token) -> str | None:
    """Whose bodies or deaths a count is: "30 bodies of Gadhafi loyalists", "the deaths of 12
    soldiers", "the toll among UN staff" name a sub-group as "12 soldiers killed" does (any
    plural: loyalists, miners); "bodies of victims" name none."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "among"):
            continue
        for held in prep.children:
            who = token_lemma(held)
            people = who in PEOPLE or held.tag_ in ("NNS", "NNPS") or is_demonym(held)
            if held.dep_ == "pobj" and people and who not in GENERIC_PEOPLE:
                return who
    return None


def sub_group(noun: Token, word: str) -> str:
    """The sub-group of a count of named people: "three other Americans" (killed beside the
    ambassador) counts others than someone the sentence names, not all the Americans that "four
    Americans" counts, so it is a sub-group of its own. Plain "others" and "15 other people" are
    the people besides those counted before ("killed 600 and injured 33,000 others"): no
    sub-group either way. So for things: "two other ships" are not the ships "three ships"
    counts."""
    if is_other(noun):
        return f"other {word}"
    nation = [c for c in noun.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
    joined = any(c.dep_ == "conj" for n in nation for c in n.children)  # "Iraqi and Syrian"
    if len(nation) == 1 and not joined and word not in GENERIC_PEOPLE:
        # "one Turkish soldier" and the Austrian government's "two of its soldiers" wounded on
        # one day are two armies' counts, not one count two outlets dispute
        return f"{nation[0].text} {word}"
    return word


# The word for being aboard, as papers write it; the parser may take it for the counted noun.
ON_BOARD = frozenset(("aboard", "onboard"))

# What carries people, for "on board", "aboard the ship", "in the plane".
_CRAFT = frozenset(
    "board plane airplane aircraft airliner jet ship ferry boat train bus vessel flight".split()
)


def aboard(token: Token) -> str | None:
    """Where the people a toll counts were, where the sentence says it of a craft: "all 109
    people on board", "109 aboard", "four on the ground". A crash's toll aboard and on the
    ground are parts of its whole ("killing 113"), not the whole written two ways."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.lower_ in ON_BOARD:
        return "aboard"  # "killing all 109 aboard", however the parse hangs "aboard"
    for child in token.children:
        if child.lower_ in ON_BOARD:
            return "aboard"
        if child.dep_ != "prep" or child.lower_ not in ("on", "in", "inside"):
            continue
        for obj in (c for c in child.children if c.dep_ in ("pobj", "pcomp")):
            if token_lemma(obj) in _CRAFT:
                return "aboard"
            if obj.lower_ == "ground":
                return "on the ground"
    return None


def is_other(noun: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ == "other" for c in noun.children)
