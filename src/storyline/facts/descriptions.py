"""Numbers that describe someone or something rather than count what happened: a person's height
or weight ("the 5-foot-2, 105-pound student"), a place's population or extent ("Yemen's 24
million people", "the 530,000-acre forest"), a company's results ("$13 billion in revenue"), the
few parts a thing is made of ("falls into two categories"), a ranking ("the two main parties"),
the class or the organisation a subject belongs to ("one of 38 states", "the 14 members of the
bloc"), what a provision suffices for ("enough supplies for 15,000 refugees"), whose family
("seven members of one family") and a position ("lived two doors away").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.facts.numbers import MEASURES, PEOPLE, lemma
from storyline.facts.reading import PLACE_ENTS, Doc, Token, clause_verb, counted_noun, is_number
from storyline.facts.restated import APPROX_BEFORE, HAPPENED_TO_NAMED
from storyline.facts.roles import is_demonym, token_lemma

_MADE_OF = frozenset("consist compose".split())  # "consists of", "is composed of"
_SPLIT_INTO = frozenset("divide fall split".split())  # "is divided into", "falls into"


def make_up(num: Token) -> bool:
    """Whether the number counts the parts a thing is made up of. Not people ("a force comprising
    3,000 troops" are troops sent: the caller keeps tolls, and ``PEOPLE`` nouns are kept here), nor
    sums or measures ("a net outflow of £190m, consisting of £159m from ...": a sum's share is
    news; "aid consisting of 500 tonnes of food")."""
    noun = counted_noun(num) or num
    if lemma(noun.lower_) in PEOPLE or is_demonym(noun) or noun.ent_type_ == "NORP":
        return False  # "the crew was made up of two Belgians, ...": people, counted
    head = noun.head
    if noun.dep_ == "dobj":
        return token_lemma(head) == "comprise"
    if noun.dep_ != "pobj" or head.lower_ not in ("of", "into"):
        return False
    verb = head.head
    if head.lower_ == "into":
        return token_lemma(verb) in _SPLIT_INTO
    if verb.lower_ == "up" and verb.dep_ == "prt":
        return token_lemma(verb.head) == "make"  # "made up of": the parse hangs "of" on "up"
    return token_lemma(verb) in _MADE_OF


# Words that pick out a few things by their rank as a superlative does: "the two main parties",
# "its two main banks", "three key steps", "the two principal types" say what the few are and
# count nothing that happened (WikiRef's Greek and Cypriot pages, WCXB's explainers). Not "major"
# ("two major aftershocks" are big ones, counted), "chief" or "primary" ("two primary schools").
_RANKS = frozenset("main mainstream key principal leading".split())


def ranked_few(num: Token, noun: Token | None) -> bool:
    """ "the two main parties": a ranking ("the two biggest factions" is caught by its tag). Only
    a rank word after the number ("a leading nine nominations" is the most, as "a record nine"),
    and not of people, who are the news whatever their rank: "the five key suspects", "five
    leading members" sent abroad wounded, "killed three leading regime figures" (Crisis, DUC)."""
    if noun is None or not any(c.lower_ in _RANKS and c.i > num.i for c in noun.children):
        return False
    doc = num.doc
    if num.i + 1 < len(doc) and doc[num.i + 1].text == "-":
        return False  # "the 16-megapixel main camera": the number measures the noun
    word = lemma(noun.lower_)
    verb = clause_verb(num)
    killed = verb is not None and token_lemma(verb) in HAPPENED_TO_NAMED
    return not (killed or word in PEOPLE or word == "suspect")


def ranked_top(first: Token, num: Token, noun: Token | None) -> bool:
    """ "four top 10 finishes", "Power of top four concerns Keegan" (WikiRef football pages): a
    number after the adjective "top" is a place in a ranking ("the top 20" is read with its
    article before). Not the verb ("losses could top $5 billion"), and not people, whom
    ``ranked_few`` keeps too: "a bomb killed top four officials" (Crisis syria-jul12)."""
    top = first.doc[first.i - 1] if first.i > 0 else None
    if top is None or top.lower_ != "top" or top.tag_ != "JJ":
        return False
    verb = clause_verb(num)
    killed = verb is not None and token_lemma(verb) in HAPPENED_TO_NAMED
    return not (killed or (noun is not None and lemma(noun.lower_) in PEOPLE))


def can_grow_to(num: Token) -> bool:
    """ "Left to its own devices, it can get to 10 metres tall", "this tree can grow to about
    10 metres" (a WCXB gardening column): the size a kind of thing can reach describes the
    kind, not a happening. Only "can" (not "could": "waves could reach 10 metres" forecasts a
    happening) and only growing verbs, so a product's "can support up to 8GB" is left."""
    verb = clause_verb(num)
    if verb is None or token_lemma(verb) not in _GROW:
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return "can" in aux and not any(c.dep_ == "neg" for c in verb.children)


_GROW = frozenset("grow get reach".split())

_SUFFICES = frozenset("enough sufficient".split())
_ROOM = frozenset("room space capacity".split())


def sized_for(num: Token) -> bool:
    """A count of those something suffices for or has room for: "a warehouse that holds enough
    supplies for 15,000 refugees", "food sufficient for 2,000 people", "room for 500
    families". The count is the size of a provision, not of the people there (of things, a
    battery's "capacity for 1,000 recharges" is what it is measured by)."""
    noun = counted_noun(num) or num
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.i == prep.i:
        return False
    anchor = prep.head
    if anchor.lower_ in _SUFFICES or lemma(anchor.lower_) in _ROOM:
        return True
    return any(t.lower_ in _SUFFICES for t in anchor.subtree if t.i < prep.i)


def whose_part(num: Token) -> bool:
    """Whether "one" and its noun say whose the things another number counts are: "seven
    members of one family", "at least 12 of one family" (not "two aftershocks of 5.9 and 5.5
    magnitude", which measures them)."""
    if num.lower_ != "one":
        return False
    noun = counted_noun(num)
    of = noun.head if noun is not None and noun.dep_ == "pobj" else None
    if of is None or of.lower_ != "of" or of.head.i == num.i:
        return False
    owner = of.head
    return is_number(owner) or any(c.dep_ == "nummod" and is_number(c) for c in owner.children)


def away(doc: Doc, num: Token) -> bool:
    """Whether the quantity is followed by "away" or "farther": a position ("two doors away",
    "Two blocks farther along, at the intersection with Wilder", a WikiRef profile)."""
    noun = counted_noun(num)
    end = noun.i if noun is not None and noun.i > num.i else num.i
    return end + 1 < len(doc) and str(doc[end + 1].lower_) in ("away", "farther", "further")


def describes_person(doc: Doc, phrase: Sequence[Token], num: Token, kind: str) -> bool:
    """A person's height or weight ("the 5-foot-2, 105-pound Shepard", "who weighed about 270
    pounds"): a description of someone, not a measure of the story's events."""
    first, last = phrase[0], phrase[-1]
    rest = doc[last.i + 1 : last.i + 5].text.replace(" ", "")
    if re.match(r"^-(?:foot|feet)-\d", rest):
        return True
    # "a 5 foot, 8 inch 38-year-old male": a height in feet and inches is a person's
    if re.match(r"^(?:foot|feet),?\d+(?:inch|inches)\b", rest) or re.search(
        r"\d(?:foot|feet),$", doc[max(0, first.i - 3) : first.i].text.replace(" ", "")
    ):
        return True
    # "the six-foot-five champion": a height in words, its feet and its inches
    inches = doc[last.i + 4] if last.i + 4 < len(doc) else None
    if re.match(r"^-(?:foot|feet)-", rest) and inches is not None and is_number(inches):
        return True
    feet = doc[first.i - 4] if first.i >= 4 else None
    before = doc[first.i - 3 : first.i].text.replace(" ", "")
    if feet is not None and is_number(feet) and before in ("-foot-", "-feet-"):
        return True
    whole = _measure_before(num)
    if whole is not None:  # "6 pounds, 4 ounces": the ounces are the pounds' remainder
        return describes_person(doc, [whole], whole, MEASURES[lemma(whole.head.lower_)][0])
    if kind not in ("length", "mass"):
        return False
    np = doc[max(0, num.i - 8) : num.i].text.replace(" ", "")
    if kind == "mass" and re.search(r"-(?:foot|feet)(?:-\d+)?,$", np):
        return True  # "the 5-foot-2, 105-pound student"
    head = num.head
    while (
        head.dep_ in ("compound", "amod", "nmod", "npadvmod", "quantmod") and head.head.i != head.i
    ):
        if head.ent_type_ == "PERSON":
            break
        head = head.head
    verb = clause_verb(num)
    if kind == "mass" and verb is not None and token_lemma(verb) in ("lose", "gain", "shed"):
        doer = verb.head if verb.dep_ == "conj" else verb  # "took the drug and lost 70 pounds"
        subjects = [c for c in (*verb.children, *doer.children) if c.dep_ == "nsubj"]
        if subjects and (subjects[0].pos_ == "PROPN" or subjects[0].lower_ in _PERSONS):
            return True  # "Mara lost 70 pounds on the diet": her own weight
    # "a 6-foot, 200-pound man", "the 300-pound lineman": a person's size, glued to the word
    # for them ("a 20-foot boat" measures a thing)
    sized = head.i > num.i and lemma(head.lower_) in PEOPLE and doc[num.i + 1].text == "-"
    tall = kind == "length" and verb is not None and _a_persons_height(doc, num, verb)
    return (
        head.ent_type_ == "PERSON" or sized or tall or (verb is not None and _weighs_a_person(verb))
    )


def _measure_before(num: Token) -> Token | None:
    """The number of the larger unit a measure in apposition finishes ("5 pounds, 12 ounces",
    "6 feet, 2 inches"): the two are one measure, of whatever the first measures."""
    noun = counted_noun(num)
    if noun is None or noun.dep_ != "appos" or lemma(noun.head.lower_) not in MEASURES:
        return None
    return next((c for c in noun.head.children if c.dep_ == "nummod" and is_number(c)), None)


def _a_persons_height(doc: Doc, num: Token, verb: Token) -> bool:
    """ "a man who was about six feet tall" (not "the wave was 30 feet tall")."""
    noun = counted_noun(num)
    after = doc[noun.i + 1] if noun is not None and noun.i + 1 < len(doc) else None
    if after is None or after.lower_ != "tall":
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_a_person(c) or c.lower_ in _PERSONS for c in subjects)


def _a_person(token: Token) -> bool:
    word = lemma(token.lower_)
    return token.ent_type_ == "PERSON" or word in PEOPLE or word in ("male", "female")


def _weighs_a_person(verb: Token) -> bool:
    """ "who weighed about 270 pounds", "who was six feet tall and weighed 200 pounds" (the
    subject is the first verb's), "a 38-year-old male weighing 180 pounds", "Susan was born at 5
    pounds" (a WikiRef profile of twins)."""
    if token_lemma(verb) == "bear":  # "Susan was born at 5 pounds": a birth weight
        return any(c.dep_ == "nsubjpass" and _a_person(c) for c in verb.children)
    if token_lemma(verb) != "weigh":
        return False
    if verb.dep_ == "acl" and _a_person(verb.head):
        return True
    doer = verb.head if verb.dep_ == "conj" else verb
    return any(
        c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in _PERSONS)
        for c in (*verb.children, *doer.children)
    )


_DWELLERS = frozenset("people inhabitant resident citizen".split())

# Kin a person is counted among: "one of six children", "the second of five sons".
KIN = frozenset("child son daughter sibling brother sister nephew niece grandchild".split())
# Words that pick one out of the count: "one of", "the second of", "the youngest of".
_ONE_OF = frozenset(
    """one second third fourth fifth sixth seventh eighth ninth tenth eldest oldest youngest
    middle""".split()
)


def a_family(doc: Doc, first: Token, num: Token) -> bool:
    """ "Bettie Page was one of six children", "the second of six children", "one of five sons of
    Italian immigrant parents", "a family with six children": the family someone comes from
    describes them (a profile, an obituary: ECB+), it counts nothing that happened. A toll of
    kin ("killed his wife and two children", "one of five children who died") stays."""
    noun = counted_noun(num)
    if noun is None or lemma(noun.lower_) not in KIN or first.i < 2:
        return False
    if any(c.dep_ in ("acl", "relcl") for c in noun.children):
        return False  # "one of five children killed in the fire": what befell them, a toll
    at = first.i - 1 if doc[first.i - 1].tag_ == "PRP$" else first.i  # "one of her three sons"
    before, picked = doc[at - 1].lower_, doc[at - 2].lower_ if at >= 2 else ""
    if before == "of" and picked in _ONE_OF:
        return True
    return before == "with" and lemma(picked) == "family"


def a_population(doc: Doc, first: Token, num: Token, *, befell: bool = False) -> bool:
    """ "Yemen's 24 million people", "Egypt is home to some 80 million people", "a population of
    nine million", "the nation's 2.2 million service members": how many live in a place, or
    all of a kind it has, describes the place, not what happened there (``befell``: the count
    says what happened to them, "the nation's 12 soldiers killed", and stays)."""
    noun = counted_noun(num)
    if noun is not None and lemma(noun.lower_) == "population":
        return True  # "an 80 million population", "with over 230 million population"
    if (
        not befell
        and noun is not None
        and lemma(noun.lower_) in PEOPLE
        and _a_places_people(noun, first)
    ):
        return True  # "the nation's 2.2 million service members": all there are, not who was hit
    if noun is None or lemma(noun.lower_) not in _DWELLERS:
        return False
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children):
        return True
    if _lives_in_a_named_place(noun) or _a_place_of(noun):
        return True
    i = first.i - 1
    while i >= 0 and (doc[i].lower_ in APPROX_BEFORE or doc[i].lower_ in _BOUNDS_BEFORE):
        i -= 1
    before = [t.lower_ for t in doc[max(0, i - 1) : i + 1]]
    return before in (["home", "to"], ["population", "of"])


# What a count of dwellers can make up: "a country of 80 million people", "a city of 2 million".
_SETTLEMENTS = frozenset("country nation city town village state island region province".split())


def _a_places_people(noun: Token, first: Token) -> bool:
    """ "the nation's 2.2 million service members", "the country's 40,000 doctors": people a
    country or a town is said to have, all of them, describe it (WikiRef held-out sample #4);
    what happened to some of them is counted under its own word ("the city's 12 dead"), and a
    clause after the noun picks some out ("the city's 56,000 families receiving rent subsidies",
    as DUC reports them). Read off the words too: the parser loses the possessive written with
    a curly apostrophe."""
    if any(c.dep_ in ("acl", "relcl") for c in noun.children):
        return False
    doc = first.doc
    if first.i >= 2 and doc[first.i - 1].lower_ in ("'s", "’s"):
        return lemma(doc[first.i - 2].lower_) in _SETTLEMENTS
    return any(
        c.dep_ == "poss" and c.pos_ == "NOUN" and lemma(c.lower_) in _SETTLEMENTS
        for c in noun.children
    )


def _a_place_of(noun: Token) -> bool:
    """ "guiding the country of more than 80 million people": the people make up a place."""
    of = noun.head if noun.dep_ == "pobj" else None
    return of is not None and of.lower_ == "of" and lemma(of.head.lower_) in _SETTLEMENTS


def _lives_in_a_named_place(noun: Token) -> bool:
    """ "More than 300 million people live in the United States": who lives, in the present
    tense, in a named place describes the place ("500,000 people are living in camps" or
    "who lived in the building" may be the news)."""
    verb = noun.head if noun.dep_ == "nsubj" else None
    present = verb is not None and verb.tag_ in ("VBP", "VBZ")
    if verb is None or not present or token_lemma(verb) not in ("live", "reside"):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            if place.ent_type_ in PLACE_ENTS or place.pos_ == "PROPN":
                return True
    return False


_BOUNDS_BEFORE = frozenset("more than over at least".split())  # "home to more than 100 million"


def member_of(first: Token) -> bool:
    """ "Wyoming is one of 38 states", "it remains one of eight countries": the size of a class
    the subject belongs to describes the subject, it is not a count of what happened."""
    head = first.head
    prep = head.head if head.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "of" or prep.head.lower_ != "one":
        return False
    one = prep.head
    if first.i < 2 or first.doc[first.i - 1].i != prep.i or one.i != prep.i - 1:
        return False  # "one of the two guards" picks one of a known group: left to the rules
    if lemma(head.lower_) in PEOPLE:
        return False  # "he was one of four men who fell" may be the story's own count
    return one.dep_ == "attr" and token_lemma(one.head) in ("be", "remain")


_RESULTS = frozenset("revenue revenues profit profits earnings sales turnover income".split())


def company_result(num: Token) -> bool:
    """ "took in $13 billion in revenue last year", "$2.5 billion in profits", "$40 million in
    sales": what a company earns describes the company, not the story's happening (what it
    lost, "lost $10 million in advertising revenue", may be the happening's cost)."""
    verb = clause_verb(num)
    if verb is not None and token_lemma(verb) in ("lose", "cost", "forgo", "miss", "wipe"):
        return False
    for token in (num, num.head):
        for child in token.children:
            pobjs = [p.lower_ for p in child.children if p.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ == "in" and set(pobjs) & _RESULTS:
                return True
    noun = counted_noun(num)
    return noun is not None and noun.lower_ in _RESULTS


_PERSONS = frozenset("who he she i we they".split())


def members_of(doc: Doc, first: Token, last: Token) -> bool:
    """ "the 14 members of the regional bloc", "all 27 member states of the union", "a union
    with 9,500 members": the size of an organisation, not a count of what happened ("three
    members of Congress" is left)."""
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    words = [t.lower_ for t in doc[last.i + 1 : last.i + 4]]
    own = words[:1] == ["members"] and words[1:2] != ["of"]  # not "with 30 members of the guard"
    if before == "with" and own and doc[first.i - 2].pos_ == "NOUN":
        return True  # "The Judges Club, a union with 9,500 members, said" (Crisis egypt-dec12)
    owned = first.i > 0 and doc[first.i - 1].tag_ in ("POS", "PRP$")  # "the EU's 27 member states"
    # "the league's 20 member clubs", "its 28 member countries": "member" before the plural
    kinds = last.i + 2 < len(doc) and doc[last.i + 2].tag_ == "NNS"
    return (before in ("the", "all") or owned) and (
        words[:2] == ["members", "of"] or (words[:1] == ["member"] and kinds)
    )


# Verbs that say whom an organisation is made of: "the DEC, which brings together 13 major
# British-based charities" (Timeline17 Haiti, agreed by two outlets), "three societies which
# collectively represent more than 20,000 scientists" (ECB+, by four), "a coalition uniting 40
# groups". Said in the present, they describe who speaks; "the rally brought together 2,000
# people" tells what happened, and a lawyer who "represents 300 families" counts the plaintiffs.
_GATHERS = frozenset("represent unite bring".split())
_PRESENT = frozenset({"VBZ", "VBP", "VBG"})
_COUNSEL = frozenset("lawyer attorney counsel firm".split())


def gathered(num: Token) -> bool:
    """Whether the number counts whom an organisation represents or brings together (above)."""
    noun = counted_noun(num)
    if noun is None or noun.dep_ != "dobj" or noun.head.tag_ not in _PRESENT:
        return False
    verb = noun.head
    word = token_lemma(verb)
    if word not in _GATHERS:
        return False
    if word == "bring" and not any(c.lower_ == "together" for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ in ("relcl", "acl"):
        subjects.append(verb.head)  # "the DEC, which brings together": the DEC
    return not any(s.ent_type_ == "PERSON" or token_lemma(s) in _COUNSEL for s in subjects)


_EXTENDS = frozenset("stretch span cover extend sprawl".split())


def describes_a_place(num: Token, kind: str) -> bool:
    """ "the 530,000-acre Nantahala National Forest", "Murmansk stretches for 11 miles": the
    size of a named place describes the place, not the happening."""
    noun = counted_noun(num)
    described = noun.head if noun is not None and noun.dep_ in ("compound", "amod") else None
    if kind == "area" and described is not None and described.pos_ == "PROPN":
        return True
    verb = clause_verb(num)
    return (
        verb is not None
        and token_lemma(verb) in _EXTENDS
        and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.children)
    )
