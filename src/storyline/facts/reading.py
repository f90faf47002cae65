"""The parse as every reader of a number sees it: whether a token is a number, the noun it
counts (through compounds, names and parentheses), the verb of its clause (its happening), whose
happening a part's whole is, and whether the counted are who tell the news; and the words the
readers share: what happened to people (``CASUALTY``, ``HAPPENED_TO``) and the kinds and scopes
they give that ``facts.alignment`` and ``facts.labels`` compare (``PEOPLE_KINDS``, ``ABOARD``,
``POLLED``, ``WON``, ``BODIES_HANDLED``).

The readers built on it each decide one thing: ``facts.nouns`` what a number counts (its kind,
unit and scope), with ``facts.people`` for counts of people, ``facts.measures`` for lengths,
masses, areas and speeds and ``facts.holders`` for whose votes, seats or share; and
``facts.placing`` where a count is. ``facts.extraction`` says what a quantity is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from storyline.facts.numbers import (
    CURRENCY,
    MEASURES,
    ORDINAL,
    ORDINAL_WORDS,
    PEOPLE,
    lemma,
    word_value,
)
from storyline.facts.roles import token_lemma

Token = Any  # spacy.tokens.Token: the parser is imported lazily, so its types are not
Doc = Any


RANGE_TOKEN = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$")

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


_REPORT_VERBS = frozenset(
    """say tell report announce confirm add state claim estimate note quote put insist
    show indicate believe think""".split()
)


# Verbs of telling: their subject is a source ("two newspapers reported"), not the story's count;
# naming someone is telling too ("whom two French media outlets identified as Mostefai").
_SAY_VERBS = frozenset(
    "say tell report announce confirm add state claim note insist identify".split()
)


# What a count of people is a count of, from its verb; and casualty words that are the count.
EVENT_KIND = {
    "kill": "killed", "die": "killed", "perish": "killed", "claim": "killed", "drown": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured", "hospitalize": "injured",
    "maim": "injured", "miss": "missing", "rescue": "rescued", "save": "rescued",
    "evacuate": "evacuated", "flee": "displaced", "displace": "displaced",
    "arrest": "arrested", "detain": "arrested", "infect": "infected", "sicken": "infected",
    "crush": "killed", "bury": "killed", "murder": "killed", "slay": "killed",
    "march": "crowd", "protest": "crowd", "rally": "crowd",  # not "demonstrate": also "show"
}  # fmt: skip


# Verbs that say something happened to whom a count counts ("killed two climbers").
HAPPENED_TO = frozenset(EVENT_KIND)

# What is done with the dead after a disaster: "75,000 bodies had been buried" counts the burials
# so far, a count of its own beside the toll (``bodies_handled``).
BODIES_HANDLED = {"bury": "buried", "collect": "collected", "identify": "identified"}


def bodies_handled(kind: str, verb: Token | None) -> str | None:
    """ "buried" for "At least 70,000 people who died ... have been buried", "collected" for
    "50,000 bodies had been collected": a count of the dead handled so far, not the toll."""
    if kind != "killed" or verb is None:
        return None
    handled = BODIES_HANDLED.get(token_lemma(verb))
    if handled is not None and any(c.dep_ == "neg" for c in verb.children):
        return f"not {handled}"  # "two bodies have not yet been identified": not the toll either
    return handled


CASUALTY = {
    "dead": "killed", "death": "killed", "fatality": "killed", "toll": "killed",
    "body": "killed", "killed": "killed", "life": "killed", "corpse": "killed",
    "injured": "injured", "wounded": "injured", "injury": "injured", "casualty": "casualty",
    "missing": "missing", "survivor": "survivor",
}  # fmt: skip

# What a count of people says happened to them: the kinds ``nouns.counted_thing`` gives such counts
# ("crowd": people who marched, protested or rallied, or a crowd estimated, GUIDELINES' protesters
# whose size police and organisers dispute).
PEOPLE_KINDS = frozenset(
    """killed injured missing rescued evacuated displaced arrested infected casualty survivor
    crowd""".split()
)


def is_number(token: Token) -> bool:
    text = token.text
    if ORDINAL.match(text) or token.lower_ in ORDINAL_WORDS:
        return False
    return word_value(text) is not None or RANGE_TOKEN.match(text) is not None or a_scale(token)


def a_scale(token: Token) -> bool:
    """ "a million packets", "nearly a thousand homes": a scale word after "a" is a number as
    "a dozen" is (a Tohoku page's "would send a million packets" was not read at all). Not a
    part of one ("half a million", "a quarter of a million", "a million and a half": other
    values), and not "a million guys" with no bound or sum around it (ECB+: "I dated a million
    guys" is a figure of speech); "nearly a million people", "a million dollar reward" stay."""
    doc, i = token.doc, token.i
    if token.lower_ not in _A_SCALES or i == 0 or doc[i - 1].lower_ not in ("a", "an"):
        return False
    if i >= 2 and doc[i - 2].lower_ in ("half", "quarter", "third", "of"):
        return False
    after = [t.lower_ for t in doc[i + 1 : i + 4]]
    if after[:1] == ["and"] and ("half" in after or "quarter" in after):
        return False
    bounded = i >= 2 and doc[i - 2].lower_ in _A_SCALE_BOUNDS
    summed = bool(after) and (after[0] in _SCALE_SUMS or lemma(after[0]) in _SCALE_SUMS)
    return bounded or summed


_A_SCALES = frozenset("hundred thousand million billion trillion".split())
# Words before "a million" that make it a count ("nearly a million people"), and sums after it.
_A_SCALE_BOUNDS = frozenset("nearly almost about around over some than roughly".split())
_SCALE_SUMS = frozenset("dollar euro pound yen rupee franc".split())


def head_of(phrase: Sequence[Token]) -> Token:
    inside = {t.i for t in phrase}
    for t in phrase:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return phrase[-1]


def counted_noun(num: Token) -> Token | None:
    """The noun a number counts, through compounds, names and parentheses."""
    head = num.head
    if num.dep_ == "nummod" and head.i < num.i and token_lemma(head) in MEASURES:
        return head  # "magnitude 4.6"
    before = num.doc[num.i - 1] if num.i > 0 else None
    if before is not None and before.lower_ == "magnitude" and before.head.i > num.i:
        return before  # "a magnitude 7 tremor", the scale named before the number it reads
    if num.dep_ not in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"):
        return None
    if head.i <= num.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    between = num.doc[num.i + 1 : head.i]
    if any(t.tag_ in _FINITE or t.text in (";", ":", "--") for t in between):
        return None  # "Three dead as forces storm the square, torch protesters' tents"
    if between and between[0].text in _CAPITAL_ARTICLES:
        # a capital article straight after a number starts another sentence that a headline
        # ran into: "death toll climbs past 4,000 A Shell spokesman said" counts no spokesman
        return None
    alone = head.i == num.i + 2 and head.i + 1 < len(num.doc) and num.doc[head.i + 1].text == ")"
    if _heading_word(head) or (alone and num.doc[num.i + 1].text == "("):
        return None  # "kills three REPORTING FROM BEIRUT", "the toll at 34 (CNN) --"
    noun = head
    while (
        noun.dep_ in ("compound", "nmod", "amod")
        and noun.head.i > noun.i
        and noun.head.pos_ in ("NOUN", "PROPN")
        and token_lemma(noun) not in MEASURES
        and token_lemma(noun) not in CURRENCY
    ):
        noun = noun.head
    doc = num.doc
    glued = noun.i + 2 < len(doc) and not noun.whitespace_ and doc[noun.i + 1].text == "-"
    if glued and not doc[noun.i + 1].whitespace_ and doc[noun.i + 2].pos_ == "NOUN":
        noun = doc[noun.i + 2]  # "two co-workers", "two ex-soldiers", parsed as three nouns
    singular = noun.tag_ == "NNP" and not noun.lower_.endswith("s")  # "five Concordes" counts
    if singular and noun.ent_type_ in _NAMED_ONES:
        return None  # "massacre of 108 National Post Syria blames ...": a name is not counted
    return _coordinated_head(noun, num) or noun


def _coordinated_head(noun: Token, num: Token) -> Token | None:
    """The plural a number counts when the parse heads it with the first word of a coordinated
    modifier: "Forty-five cybersecurity merger and acquisition (M&A) deals" hangs "deals" off
    "merger" as an apposition (a WCXB business page: read as 45 mergers, then "the 45 deals" as
    a second count). A number above one does not count a singular common noun, so the plural
    that the singular's conjunct or apposition leads to is what is counted. Only a modifier
    joined straight on ("merger and acquisition") and a plural with no count or article of its
    own before any comma: "a 10-person tent, blankets" and "a four-man team ... and 71
    specialists" (Timeline17 Haiti) list other things."""
    value = word_value(num.text)
    doc = num.doc
    if noun.tag_ != "NN" or value is None or value <= 1 or noun.i + 1 >= len(doc):
        return None
    if token_lemma(noun) in MEASURES or token_lemma(noun) in CURRENCY:
        return None
    if doc[noun.i + 1].lower_ not in ("and", "or"):
        return None
    for child in noun.children:
        if child.i < noun.i or child.dep_ not in ("conj", "appos"):
            continue
        plural = child if child.tag_ == "NNS" else None
        if plural is None:
            plural = next(
                (c for c in child.children if c.dep_ == "appos" and c.tag_ == "NNS"), None
            )
        if plural is None or any(t.text in (",", ";") for t in doc[noun.i : plural.i]):
            continue
        if any(c.dep_ in ("det", "nummod") for c in plural.children):
            continue
        return plural
    return None


_CAPITAL_ARTICLES = frozenset({"A", "An", "The"})
# Entities there is one of: a number before one's name in the singular counts something else.
_NAMED_ONES = frozenset({"GPE", "LOC", "ORG", "FAC", "PERSON"})
# Tags of a finite verb: a noun past one is in another clause, whatever the parse attached.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _heading_word(token: Token) -> bool:
    """A word in capitals that is no acronym ("REPORTING" of a dateline "REPORTING FROM
    BEIRUT", a heading run into the text), in a sentence written in lower case: it begins
    another line of the page, and the number before it counts nothing it names."""
    text = token.text
    if not (text.isalpha() and text.isupper() and len(text) >= 4):
        return False
    return any(t.is_alpha and t.is_lower for t in token.sent)


def of_noun(num: Token) -> Token | None:
    """ "75 of the passengers", "10 of 12 American victims": the noun after "of". Several "of the
    squad" are its members, whom a singular thing does not name: no noun then."""
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    noun = counted_noun(pobj) or pobj
                    several = word_value(num.text) not in (None, 1.0)
                    whole = noun.tag_ == "NN" and token_lemma(noun) not in PEOPLE
                    return None if several and whole else noun
    return None


def clause_verb(token: Token, *, reporting: bool = False) -> Token | None:
    """The verb of the clause a token belongs to (a reporting verb, "said", only if asked)."""
    node = token
    below = token
    for _ in range(5):
        if node.pos_ in ("VERB", "AUX") and node.i != token.i:
            stranded = _relative_object(below)
            if stranded is not None:
                return stranded
            if token_lemma(node) in _REPORT_VERBS and not reporting:
                return _raised(node, below)
            return node
        if node.head.i == node.i:
            return None
        below, node = node, node.head
    return None


def _relative_object(subject: Token) -> Token | None:
    """The verb a subject is the object of where the parser read it wrongly: in "the attacks
    that killed at least 128 people were an act of war" it takes "128 people" for the subject
    of "were", and leaves "killed", just before them, with no object. A relative clause's
    active verb that stands right before the noun phrase and has no object of its own is
    the verb whose object it is."""
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject.left_edge.i == 0:
        return None
    verb = subject.doc[subject.left_edge.i - 1]
    if verb.dep_ != "relcl" or verb.pos_ != "VERB" or verb.head.i > verb.i:
        return None
    objects = ("dobj", "attr", "ccomp", "xcomp", "auxpass", "nsubjpass", "prt", "dative")
    return None if any(c.dep_ in objects for c in verb.children) else verb


def _raised(report: Token, subject: Token) -> Token | None:
    """The happening a reporting verb's passive subject is said to have undergone: "200,000
    people are thought to have fled" fled, "40 people were reported killed" were killed. The
    report is only how it is known; with no such verb ("50 people are confirmed to have the
    virus") the clause has no happening of its own."""
    if subject.dep_ != "nsubjpass":
        return None
    said = (c for c in report.children if c.dep_ == "xcomp" and c.pos_ == "VERB")
    return next((c for c in said if token_lemma(c) not in ("have", "be", "do")), None)


def speaks(num: Token) -> bool:
    """Whether the counted thing is who reports the news: the subject of "said", "reported", or
    whom a sentence gives its content "according to": "according to two officials", "according
    to the two groups' statements" (Timeline17 Egypt: the two groups agreed across reports)."""
    noun = counted_noun(num) or of_noun(num)
    if noun is not None and noun.dep_ == "poss":
        noun = noun.head  # "the two groups' statements": the statements are the source
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "to":
        return bool(noun.head.head.lower_ == "according")
    return (
        noun is not None
        and noun.dep_ == "nsubj"
        and noun.head.pos_ == "VERB"
        and token_lemma(noun.head) in _SAY_VERBS
    )


# The scope of a share its sentence says comes from polls (``holders.polled``).
POLLED = "in polls"

_OWNERS = frozenset("his her their its our your these those".split())


def whole_of_part(num: Token, first: Token) -> bool:
    """Whether the number is the whole a part is taken from, and what the sentence says happened
    is the part's: "landed 28 of his 68 punches" did not land 68, "10 of 12 American victims
    were brought back" did not bring 12 back. The whole is a count all the same (of his punches,
    of the victims), of no happening unless its own ("178 of 369 punches thrown")."""
    doc = num.doc
    noun = counted_noun(num)
    prep = noun.head if noun is not None and noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "of" and prep.dep_ == "prep":
        # "Of the 80 people admitted, 29 remained in intensive care": the whole named first, on
        # the part's verb, whose subject is the bare number of the part
        subjects = (c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass"))
        if any(c.i > prep.i and is_number(c) for c in subjects):
            return True
    i = first.i - 1
    if i >= 0 and doc[i].lower_ in _OWNERS:
        i -= 1
    if i < 1 or doc[i].lower_ != "of" or not is_number(doc[i - 1]) or doc[i - 1].lower_ == "one":
        return False
    return noun is None or not any(c.dep_ in ("acl", "relcl") for c in noun.children)


# What candidates and parties win: each one's count is its own.
WON = frozenset("vote seat delegate".split())

# Where the people a toll counts were: aboard a craft or on the ground below it (``people.aboard``).
ABOARD = frozenset(("aboard", "on the ground"))


def entity_text(token: Token, doc: Doc) -> str:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return str(ent.text)
    return str(token.text)
