"""What a number in a parsed sentence counts, and where: the counted noun (through compounds,
names and parentheses), or for a bare number what its clause says it is; its happening (the verb
of the clause); the place it is scoped to. Token-level readings used by ``facts.extraction``,
which says what a quantity is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from storyline.facts.numbers import (
    CURRENCY,
    MEASURES,
    ORDINAL,
    ORDINAL_WORDS,
    PEOPLE,
    TIME_UNITS,
    currency_after_scale,
    ends_in_scale,
    lemma,
    word_value,
)
from storyline.facts.roles import blows_taken, did_it, is_dateline, is_demonym, struck, token_lemma
from storyline.facts.totals import total_noun

Token = Any  # spacy.tokens.Token: the parser is imported lazily, so its types are not
Doc = Any


RANGE_TOKEN = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$")


_PLACE_PREPS = frozenset("in at near inside outside across throughout around".split())


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
_EVENT_KIND = {
    "kill": "killed", "die": "killed", "perish": "killed", "claim": "killed", "drown": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured", "hospitalize": "injured",
    "maim": "injured", "miss": "missing", "rescue": "rescued", "save": "rescued",
    "evacuate": "evacuated", "flee": "displaced", "displace": "displaced",
    "arrest": "arrested", "detain": "arrested", "infect": "infected", "sicken": "infected",
    "crush": "killed", "bury": "killed", "murder": "killed", "slay": "killed",
    "march": "crowd", "protest": "crowd", "rally": "crowd",  # not "demonstrate": also "show"
}  # fmt: skip


# Verbs that say something happened to whom a count counts ("killed two climbers").
HAPPENED_TO = frozenset(_EVENT_KIND)


_LOCATES = re.compile(
    r"^(?:\(\s?\S+ \S+\s?\) )?"
    r"(?:(?:to the )?(?:north|south|east|west)(?:east|west)?(?:ward)?|from|outside|inland)"
    r"\b(?: of)?",
    re.I,
)


_EPICENTRE = re.compile(r"\bepicent(?:er|re)\b", re.I)


_QUAKE = re.compile(r"\b(?:quake|earthquake|tremor|aftershock|richter|magnitude|seismic)", re.I)


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
# People named by what happened to them: the noun is the count's kind, not a sub-group of it.
_STATUS = {"refugee": "displaced", "evacuee": "evacuated", "detainee": "arrested"}


# What a count of people says happened to them: the kinds ``counted_thing`` gives such counts
# ("crowd": people who marched, protested or rallied, or a crowd estimated, GUIDELINES' protesters
# whose size police and organisers dispute).
PEOPLE_KINDS = frozenset(
    """killed injured missing rescued evacuated displaced arrested infected casualty survivor
    crowd""".split()
)
_GENERIC_PEOPLE = frozenset({"people", "person", "persons", "other", "victim", "individual"})


def is_number(token: Token) -> bool:
    text = token.text
    if ORDINAL.match(text) or token.lower_ in ORDINAL_WORDS:
        return False
    return word_value(text) is not None or RANGE_TOKEN.match(text) is not None


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
    return noun


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
        if word in _EVENT_KIND and child.dep_ in ("acl", "relcl", "amod"):
            return _EVENT_KIND[word]
    toll = toll_subject(num)
    if toll is not None:
        return _toll_kind(toll) if token_lemma(toll) != "crowd" else "crowd"
    head = num.head.head if num.dep_ == "pobj" and num.head.dep_ == "prep" else num.head
    if num.dep_ == "pobj" and num.head.lower_ == "of" and token_lemma(num.head.head) == "crowd":
        return "crowd"  # "a crowd of 10,000"
    if num.dep_ in ("dobj", "nsubj", "nsubjpass", "conj") and head.pos_ == "VERB":
        kind = _EVENT_KIND.get(token_lemma(head))
        if kind:
            return kind
    if nxt is not None and nxt.lower_ in _ON_BOARD:
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
    return _STATUS.get(word, _SYNONYMS.get(word, word))


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


# Nouns of a killing whose "of" names its victims ("the massacre of 108 people").
_KILLING_NOUNS = frozenset("massacre slaughter killing murder execution death".split())


def _people_kind(noun: Token, num: Token) -> str | None:
    """A count of people counts what happened to them: its verb or a participle after it."""
    for child in noun.children:
        # a participle with an object of its own is a clause of its own, not what befell the
        # people: "killed at least one person, injured dozens" (parsed "person injured dozens")
        own = (
            child.dep_ == "acl"
            and child.doc[child.i - 1].text == ","
            and any(c.dep_ == "dobj" for c in child.children)
        )
        if child.dep_ in ("acl", "relcl", "amod") and token_lemma(child) in _EVENT_KIND and not own:
            return _EVENT_KIND[token_lemma(child)]
        if child.dep_ == "amod" and child.lower_ in CASUALTY:
            return CASUALTY[child.lower_]
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
        if word in _EVENT_KIND:
            return _EVENT_KIND[word]
        for child in verb.children:  # "33,495 others were reported as injured"
            if (
                child.dep_ in ("advcl", "acomp", "oprd", "xcomp")
                and token_lemma(child) in _EVENT_KIND
            ):
                return _EVENT_KIND[token_lemma(child)]
            if child.dep_ in ("acomp", "oprd", "attr") and child.lower_ in CASUALTY:
                return CASUALTY[child.lower_]
    return None


def speaks(num: Token) -> bool:
    """Whether the counted thing is who reports the news: the subject of "said", "reported"."""
    noun = counted_noun(num) or of_noun(num)
    return (
        noun is not None
        and noun.dep_ == "nsubj"
        and noun.head.pos_ == "VERB"
        and token_lemma(noun.head) in _SAY_VERBS
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
    verb = clause_verb(num, reporting=False)
    percent = num.head if num.head.lower_ in ("percent", "%", "pct") else num
    if percent.dep_ == "pobj" and percent.head.lower_ == "by":
        return None  # "to raise salaries by 20 percent": how much a thing changes, no one's share
    # "Putin won 52 percent, Zyuganov 29 percent": a name before a share whose verb is left
    # out (the parse hangs the share on the name or the name on the share; a name on a verb's
    # object is the object's: "led Trump 46 percent")
    if percent.dep_ == "appos" and percent.head.pos_ == "PROPN" and percent.head.i < num.i:
        return str(percent.head.text).lower()
    named = [c for c in percent.children if c.dep_ in ("nmod", "compound") and c.i == num.i - 1]
    if named and named[0].pos_ == "PROPN" and percent.dep_ in ("npadvmod", "appos", "conj"):
        return str(named[0].text).lower()
    rival = _rivals_share(percent, verb)
    if rival is not None:
        return rival
    holder = with_holder(percent)
    if holder is not None:
        return str(holder.text).lower()  # "New Democracy with 30 percent of the vote"
    for prep in (c for c in percent.children if c.dep_ == "prep" and c.lower_ == "for"):
        for whom in (c for c in prep.children if c.dep_ == "pobj"):
            if whom.ent_type_ in ("PERSON", "ORG"):
                return str(whom.text).lower()  # "against 20 percent for Zyuganov"
    level = percent.dep_ == "pobj" and percent.head.lower_ in ("to", "at", "from")
    if level and verb is not None and any(c.dep_ == "dobj" for c in verb.children):
        return None  # "the Fed slashed rates to 1 percent": the rate's level, not the Fed's share
    for _ in range(3):
        if verb is None:
            return None
        for child in verb.children:
            party = holder_name(child) if token_lemma(child) in _PARTY_NOUNS else None
            if child.dep_ == "nsubj" and party is not None:
                return str(party.text).lower()  # "the Syriza party gained almost 27 per cent"
            if child.dep_ in ("nsubj", "nsubjpass") and child.ent_type_ in ("PERSON", "ORG"):
                return str(child.text).lower()
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None  # the clause is about someone else ("polls put ...")
        verb = clause_verb(verb, reporting=False)
    return None


# Verbs that set two shares side by side: "X led Y 46 percent to 41 percent".
_VERSUS = frozenset("lead beat top edge".split())


def _rivals_share(percent: Token, verb: Token | None) -> str | None:
    """The share after "to" in "Clinton led Trump 46 percent to 41 percent": the rival's, the
    name between the verb and the first share (the parse may hang it anywhere)."""
    if verb is None or token_lemma(verb) not in _VERSUS:
        return None
    if not (percent.dep_ == "pobj" and percent.head.lower_ == "to" and percent.head.i > verb.i):
        return None
    names = [t for t in percent.doc[verb.i + 1 : percent.head.i] if t.pos_ == "PROPN"]
    if not names:
        return None
    name = names[0]
    while name.dep_ == "compound" and name.head.pos_ == "PROPN":
        name = name.head  # "John Miller": Miller, as a subject's share is named
    return str(name.text).lower()


# Words that tell a share was measured by asking people: a poll's figure, not a count or a vote.
_POLLS = frozenset("poll pollster survey respondent approval".split())
_POLLS_WORDS = frozenset(("polls", "polling"))
POLLED = "in polls"


def polled(num: Token, share: str | None) -> str | None:
    """A share's scope once its sentence says it comes from polls ("opinion polls put his
    approval rating at 50 percent", "58 percent of respondents would choose Putin"): ``share``
    "in polls". A poll's figure is not the vote ("Putin had 52.4 percent of the vote"), and two
    polls are two measures, not one figure moving or contested (``alignment.is_loose``)."""
    close = num.doc[max(num.sent.start, num.i - 8) : min(num.sent.end, num.i + 9)]
    words = (*_source_words(num), *close)
    if not any(token_lemma(t) in _POLLS or t.lower_ in _POLLS_WORDS for t in words):
        return share
    return f"{share} {POLLED}" if share else POLLED


def _source_words(num: Token) -> Iterator[Token]:
    """The words of the clauses above a number that say where it comes from: each clause head,
    its dependents, their modifiers and the objects of their prepositions ("in a new Gallup
    poll", "opinion polls say", "58 percent of respondents", "his approval rating", "according
    to a Gallup poll")."""
    for node in (num, *num.ancestors):
        yield node
        for child in node.children:
            yield child
            for grandchild in child.children:
                if grandchild.dep_ in ("compound", "amod", "pobj", "poss"):
                    yield grandchild
                    yield from (c for c in grandchild.children if c.dep_ == "compound")
                elif child.lower_ == "according" and grandchild.dep_ == "prep":
                    # "according to a Gallup poll": the object of "to", if a poll (a health
                    # agency's survey measures, it asks no one's choice)
                    named = (c for c in grandchild.children if c.dep_ == "pobj")
                    yield from (c for c in named if token_lemma(c) in ("poll", "pollster"))


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


def _area(noun: Token) -> str | None:
    """A place written into the noun phrase: "three Atlanta-area bombings", "Southern bombings"."""
    for child in noun.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > noun.i:
            continue
        if child.ent_type_ in ("GPE", "LOC"):
            return str(child.text)
        if child.lower_ in _COMPASS and token_lemma(noun) not in PEOPLE:
            return str(child.text)  # not "two Western journalists": the West is no place
        if child.lower_ == "area" and child.i > 0:
            return str(child.doc[child.i - 2].text) if child.i >= 2 else None
    return None


_COMPASS = frozenset(
    "northern southern eastern western north south east west central nationwide".split()
)


_SITUATED = frozenset("lie sit situate locate".split())


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
    verb = clause_verb(noun)
    if verb is not None and token_lemma(verb) in _SITUATED:
        # "Brega, which lies about 240 km east of the capital": where a town lies; not where
        # a wreck lies ("the plane lies ... 60 miles south of Nantucket": the event's place)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl":
            subjects.append(verb.head)
        if any(t.pos_ == "PROPN" or t.ent_type_ in PLACE_ENTS for t in subjects):
            return True
    # "we are 12 miles from the centre": where the writer or a witness is, not the event
    if (
        verb is not None
        and verb.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.tag_ == "PRP" for c in verb.children)
    ):
        return True
    anchor = noun.head
    target = anchor.head if anchor.dep_ in ("prep", "advmod") and anchor.i != noun.i else anchor
    if target.pos_ == "PROPN" or target.ent_type_ in PLACE_ENTS or target.dep_ == "appos":
        return True
    # "Ivanovo, a textile centre 190 miles east of Moscow" read without the apposition: the
    # noun the distance hangs on opens right after a name and a comma.
    edge = target.left_edge.i
    return bool(
        target.pos_ == "NOUN"
        and target.i < first.i
        and edge >= 2
        and doc[edge - 1].text == ","
        and doc[edge - 2].pos_ == "PROPN"
    )


def _per_hour(doc: Doc, end: int) -> bool:
    """ "600 miles an hour", "90 kilometres per hour", "36 km/h": a speed, not a distance."""
    words = doc[end + 1 : end + 3].text.lower().replace(" ", "")
    return re.match(r"^(?:anhour|ahour|perhour|/h\b|/hr\b)", words) is not None


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
        return "percent", "percent", polled(num, _share_of(num)), after.i + (1 if per_cent else 0)
    noun = counted_noun(num) or of_noun(num)
    if noun is not None and noun.lower_ in _ON_BOARD:
        noun = None  # "the plane with 239 onboard", the word tagged a noun: the people aboard
    if capacity_compound(num, doc):
        noun = num.head  # "the 1,500-seat Bataclan hall" holds 1,500 seats, not 1,500 halls
    if noun is not None and is_dateline(noun):
        noun = noun.doc[
            noun.i - 1
        ]  # "40 demonstrators SANAA, Yemen -": the dateline is not counted
    unit = doc[after.i + 1] if after is not None and after.i + 1 < len(doc) else None
    if after is not None and after.lower_ in _SQUARE and unit is not None and _squared(unit):
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
        whose = _toll_of(toll) if toll is not None and kind in PEOPLE_KINDS else None
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
    if MEASURES.get(word, ("",))[0] == "length" and locates and _places_a_place(noun, first):
        return "", "", None, end
    if MEASURES.get(word, ("",))[0] == "length" and _per_hour(doc, end):
        return "speed", "kph" if MEASURES[word][1] == 1000.0 else "mph", None, end
    squared = f"square {word}"
    if squared in MEASURES and any(t.lower_ in _SQUARE for t in doc[num.i + 1 : noun.i]):
        # "a 1,500-square-kilometer island", "60,000 sq km", "23,000 sq. miles": not a length
        return "area", squared, None, end
    if word in MEASURES:
        return MEASURES[word][0], word, dimension(num, noun, doc, MEASURES[word][0]), end
    if word == "life" and token_lemma(clause_verb(noun) or noun) in _SAVING:
        return "saved", word, None, end  # "have saved an estimated 100 lives": no one died
    if word in CASUALTY:
        return CASUALTY[word], word, _whose(noun), end
    if word in _STATUS:  # "147,000 refugees" are the displaced, whatever the verb
        return _STATUS[word], word, None, end
    partner = _uncounted_partner(noun)
    if partner is not None and word in PEOPLE and token_lemma(partner) in PEOPLE:
        # "carrying 239 passengers and crew": one count of both, not of the passengers, whom
        # "227 passengers and 12 crew" count
        return _people_kind(noun, num) or "people", "people", None, max(end, partner.i)
    if word in PEOPLE or noun.ent_type_ == "NORP" or is_demonym(noun):
        kind = _people_kind(noun, num)
        scope = None if word in _GENERIC_PEOPLE else _others(noun, word)
        if kind is not None and scope is None:
            scope = aboard(noun)  # "all 109 people on board", "four people on the ground"
        if kind is None:  # "the city's four other mob families" are not its five families
            other = "other" if _other(noun) and word not in _GENERIC_PEOPLE else None
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
        return kind, word, _holder(noun), end
    return kind, word, "other" if _other(noun) else None, end


# What candidates and parties win: each one's count is its own.
WON = frozenset("vote seat delegate".split())


def _holder(noun: Token) -> str | None:
    """Who the votes or seats are: the named subject of their clause ("Jarba obtained 55 votes";
    "al-Sabbagh, who obtained 52"; "the Syriza party won 71 seats"), or the name they are with
    ("New Democracy with 30 percent of the vote and 129 seats"). Two candidates' counts the same
    day are no dispute."""
    named = with_holder(noun)
    verb = clause_verb(noun)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb else None
    if subject is None and verb is not None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "the Golden Dawn party had 6.9 per cent, earning 18 seats": the clause it goes on from
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("who", "which", "that") and verb is not None:
        subject = verb.head if verb.dep_ == "relcl" else None
    named = named or (holder_name(subject, known=True) if subject is not None else None)
    if named is None:
        return None
    return " ".join(t.text for t in _name_words(named))


_HOLDERS = frozenset({"PERSON", "ORG", "NORP"})
# What a name stands for when it wins votes, seats or a share: "the Syriza party".
_PARTY_NOUNS = frozenset("party bloc coalition alliance movement".split())
# Entities that are no one who wins: amounts and times the parser may tag a name with.
_NOT_HOLDERS = frozenset("DATE TIME PERCENT MONEY CARDINAL ORDINAL QUANTITY".split())


def holder_name(subject: Token, *, known: bool = False) -> Token | None:
    """The name a winner of votes, seats or a share goes by: a name ("Pasok", "New Democracy")
    or a party named by its noun ("the Syriza party": Syriza). None for other subjects. ``known``:
    a bare name only where the parser takes it for a person, an organisation or a people (a
    place's "France posted 3.1 percent growth" is no winner's share); after "with" ("New
    Democracy with 30 percent of the vote"), any name, the parser's type for party names being
    no guide."""
    if token_lemma(subject) in _PARTY_NOUNS:
        # "the Syriza party", "the Liberal Party": the parser hangs the name as a compound or as
        # an adjective, and may take "Party" for a name of its own
        names = [c for c in subject.children if c.dep_ in _NAMING and c.pos_ == "PROPN"]
        if names or subject.pos_ == "NOUN":
            return names[-1] if names else None
    if subject.pos_ == "PROPN" and subject.ent_type_ not in _NOT_HOLDERS:
        return subject if not known or subject.ent_type_ in _HOLDERS else None
    return None


def with_holder(token: Token) -> Token | None:
    """Whom a share or seats are "with": "showed New Democracy with 30 percent of the vote and
    128 seats", "Pasok placed third, with 12 percent" (the subject of the verb "with" hangs on)."""
    node = token
    for _ in range(4):
        if node.dep_ == "conj":
            node = node.head  # "30 percent of the vote and 128 seats"
        elif node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.i != node.i:
            node = node.head.head  # "of the vote": the share it is of
        else:
            break
    if node.dep_ != "pobj" or node.head.lower_ != "with":
        return None
    owner: Token | None = node.head.head
    if owner is not None and owner.pos_ in ("VERB", "AUX"):
        # "projections showed New Democracy with 30 percent": the object, else the subject
        named = [c for c in owner.children if c.dep_ == "dobj" and c.pos_ == "PROPN"]
        subjects = [c for c in owner.children if c.dep_ == "nsubj"]
        owner = (named or subjects or [None])[0]
    return holder_name(owner) if owner is not None else None


def _name_words(name: Token) -> list[Token]:
    """A name with the names compounded on it: "New Democracy", "Golden Dawn"."""
    return [*(c for c in name.children if c.dep_ in _NAMING and c.pos_ == "PROPN"), name]


_NAMING = frozenset({"compound", "amod"})


def chamber(noun: Token) -> str | None:
    """Which body the seats or votes are in, where the sentence names it: "52 Senate seats",
    "200 seats in the House": their place (``Quantity.place``). A party's seats in two chambers
    are two counts, not one moving; where a story names one chamber only, it parts nothing (as
    any one place: ``alignment``), so "129 seats" and "128 seats in the Parliament" are one."""
    named = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    verb = clause_verb(noun)
    holders = (noun, verb) if verb is not None else (noun,)
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in"):
        named += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
    return str(named[0].text) if len(named) == 1 and named[0].ent_type_ in ("ORG", "") else None


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


def _uncounted_partner(noun: Token) -> Token | None:
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


def _toll_of(toll: Token) -> str | None:
    """The people a toll is of: "the death toll of its peacekeepers rose to 14", "the toll among
    UN staff" (a sub-group); not the people the count is of by its kind ("the number of
    refugees", "the toll of dead") nor the cases of an outbreak."""
    who = _whose(toll)
    if who is None or who in _STATUS or who in CASUALTY or who in ("case", "infection"):
        return None
    return who


def _whose(noun: Token) -> str | None:
    """Whose bodies or deaths a count is: "30 bodies of Gadhafi loyalists", "the deaths of 12
    soldiers", "the toll among UN staff" name a sub-group as "12 soldiers killed" does (any
    plural: loyalists, miners); "bodies of victims" name none."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "among"):
            continue
        for held in prep.children:
            who = token_lemma(held)
            people = who in PEOPLE or held.tag_ in ("NNS", "NNPS") or is_demonym(held)
            if held.dep_ == "pobj" and people and who not in _GENERIC_PEOPLE:
                return who
    return None


def _others(noun: Token, word: str) -> str:
    """The sub-group of a count of named people: "three other Americans" (killed beside the
    ambassador) counts others than someone the sentence names, not all the Americans that "four
    Americans" counts, so it is a sub-group of its own. Plain "others" and "15 other people" are
    the people besides those counted before ("killed 600 and injured 33,000 others"): no
    sub-group either way. So for things: "two other ships" are not the ships "three ships"
    counts."""
    if _other(noun):
        return f"other {word}"
    nation = [c for c in noun.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
    joined = any(c.dep_ == "conj" for n in nation for c in n.children)  # "Iraqi and Syrian"
    if len(nation) == 1 and not joined and word not in _GENERIC_PEOPLE:
        # "one Turkish soldier" and the Austrian government's "two of its soldiers" wounded on
        # one day are two armies' counts, not one count two outlets dispute
        return f"{nation[0].text} {word}"
    return word


# Where the people a toll counts were: aboard a craft or on the ground below it (``aboard``).
ABOARD = frozenset(("aboard", "on the ground"))
# The word for being aboard, as papers write it; the parser may take it for the counted noun.
_ON_BOARD = frozenset(("aboard", "onboard"))
# Verbs whose lives are kept, not lost ("saved 5,000 lives").
_SAVING = frozenset("save spare protect rescue credit".split())
# What carries people, for "on board", "aboard the ship", "in the plane".
_CRAFT = frozenset(
    "board plane airplane aircraft airliner jet ship ferry boat train bus vessel flight".split()
)


def aboard(token: Token) -> str | None:
    """Where the people a toll counts were, where the sentence says it of a craft: "all 109
    people on board", "109 aboard", "four on the ground". A crash's toll aboard and on the
    ground are parts of its whole ("killing 113"), not the whole written two ways."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.lower_ in _ON_BOARD:
        return "aboard"  # "killing all 109 aboard", however the parse hangs "aboard"
    for child in token.children:
        if child.lower_ in _ON_BOARD:
            return "aboard"
        if child.dep_ != "prep" or child.lower_ not in ("on", "in", "inside"):
            continue
        for obj in (c for c in child.children if c.dep_ in ("pobj", "pcomp")):
            if token_lemma(obj) in _CRAFT:
                return "aboard"
            if obj.lower_ == "ground":
                return "on the ground"
    return None


def _other(noun: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ == "other" for c in noun.children)


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


# Words that say a length is how deep something lies ("100 meters deep", "354 feet below the
# surface", "in 300 feet of water", "at a depth of 100 meters"), and words for a vessel, whose
# mass is its displacement ("the 14,000-ton Kursk", "a displacement of 14,700 tons").
_DEPTH_AFTER = frozenset("deep down below beneath underwater".split())
_DEPTH_BEFORE = frozenset("depth depths".split())
_FALLS = frozenset("fall sink plunge dive drop descend rise surface climb".split())
_VESSELS = frozenset(
    "submarine sub ship vessel warship tanker ferry carrier cruiser liner freighter boat".split()
)


def dimension(num: Token, unit: Token, doc: Doc, kind: str) -> str | None:
    """Which fixed property of a thing a measure gives, where the sentence says so: ``depth``
    (where a wreck or a submarine lies) or ``displacement`` (a vessel's mass). A property of one
    thing has one true value, so outlets that give different ones contradict each other (see
    ``facts.labels``); other lengths and masses (an altitude in a dive, a distance flown so far)
    move or are several things, and stay without a dimension. What a thing can do ("can dive to
    depths of up to 500 meters") is its design, not where it is."""
    verb = next((t for t in num.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and _can(verb):
        return None
    before = [t.lower_ for t in doc[max(0, num.i - 5) : num.i]]
    after = [t.lower_ for t in doc[unit.i + 1 : unit.i + 4]]
    if kind == "length":
        if after[:2] in (["down", "to"], ["down", "from"]):
            return None  # "plummeted from 9,900 meters down to 5,730": a fall, not a depth
        if set(after[:1]) & _DEPTH_AFTER or after[:2] == ["of", "water"]:
            return "depth"
        if after[:3] in (["on", "the", "bottom"], ["on", "the", "seabed"]):
            return "depth"
        # "fell from a depth of 20 meters": where a fall began, not where the thing lies
        moving = "from" in before and verb is not None and token_lemma(verb) in _FALLS
        return "depth" if _DEPTH_BEFORE & set(before) and not moving else None
    if kind == "mass":
        words = {token_lemma(t) for t in doc}
        vessel = bool(words & _VESSELS) or (unit.head.pos_ == "PROPN" and unit.head.i > unit.i)
        glued = unit.dep_ in ("compound", "amod") and unit.head.i > unit.i  # "14,000-ton"
        if "displacement" in words or (vessel and (glued or "weigh" in words)):
            return "displacement"
    return None


def _can(verb: Token) -> bool:
    """Whether a verb says what something can do or may be ("can dive", "able to dive", "capable
    of locating a black box to a depth of 20,000 feet", "may be more than three miles deep")."""
    modals = ("can", "could", "may", "might") if verb.lemma_ == "be" else ("can", "could")
    modal = any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)
    capable = verb.head.lower_ == "of" and verb.head.head.lower_ == "capable"
    return modal or capable or verb.head.lower_ == "able"


# "square" as papers write it before a unit, in full or cut short.
_SQUARE = frozenset({"square", "sq", "sq."})


def _squared(unit: Token) -> bool:
    return f"square {lemma(unit.lower_)}" in MEASURES


def _place_holders(num: Token, noun_end: Token) -> list[Token]:
    """The words a phrase placing the count may hang on: the number, its noun, and the verb of
    the count's clause with its subjects (a participle after the noun that says what befell it
    being that clause: see ``place_of``)."""
    own = [c for c in noun_end.children if c.dep_ == "acl" and c.pos_ == "VERB"]
    verb = own[0] if own else clause_verb(noun_end)
    candidates = [num, noun_end]
    # "55 percent of the vote in Virginia", "40 percent of voters in Ohio": the whole a share is
    # of is placed where the share is
    if noun_end.lower_ in ("percent", "%", "pct", "cent"):
        of = [c for c in noun_end.children if c.dep_ == "prep" and c.lower_ == "of"]
        candidates += [w for p in of for w in p.children if w.dep_ == "pobj"]
    if verb is not None and not in_a_part(num):
        candidates.append(verb)
        candidates += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return candidates


def _place_phrase(child: Token, noun_end: Token) -> bool:
    return (
        child.dep_ == "prep"
        and child.lower_ in _PLACE_PREPS
        and not of_a_part(child)
        and noun_end.head.i != child.i  # "in some 30 countries" counts them: no place
    )


# The area of a count over places it lists ("20 killed in Taiz, Hudeida and Sana'a"): no one of
# them is its place, but the story happens in more than one (``facts.places.place_keys``).
LISTED = "listed places"


def listed_places(num: Token, noun_end: Token) -> bool:
    """Whether the count's place phrase lists several places ("in Kenya and Tanzania", "in the
    cities of Taiz, Hudeida and Sana'a"), which ``place_of`` gives no place for."""
    return any(
        _place_phrase(child, noun_end) and any(_lists_places(p) for p in child.children)
        for node in _place_holders(num, noun_end)
        for child in node.children
    )


def _lists_places(pobj: Token, depth: int = 0) -> bool:
    """Whether a place phrase's object lists places, as ``_place_in`` reads one ("in clashes in
    the cities of Taiz, Hudeida and Sana'a")."""
    if pobj.dep_ != "pobj":
        return False
    if pobj.ent_type_ in PLACE_ENTS:
        return several_places(pobj)
    if token_lemma(pobj) in _NAMED_BY_OF:  # "the cities of Taiz, Hudeida and Sana'a"
        of = [n for o in pobj.children if o.lower_ == "of" for n in o.children]
        if any(n.dep_ == "pobj" and n.ent_type_ in PLACE_ENTS and several_places(n) for n in of):
            return True
    inner = [c for c in pobj.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS]
    return depth < 2 and any(_lists_places(p, depth + 1) for c in inner for p in c.children)


def place_of(num: Token, noun_end: Token, doc: Doc) -> str | None:
    """A place the count is scoped to: "in Kenya", "Istanbul 984 dead", "the bombing in Nairobi";
    where a participle after the counted noun says what befell it, that clause is the count's,
    not the sentence's ("the bodies of eight Chinese nationals killed in the quake have arrived
    in Beijing": not killed in Beijing)."""
    candidates = _place_holders(num, noun_end)
    for node in candidates:
        for child in node.children:
            if _place_phrase(child, noun_end):
                found = _place_in(child, doc)
                if found is not None:
                    return found
            near = node.i in (num.i, noun_end.i)
            if near and child.dep_ in ("compound", "nmod") and child.ent_type_ in PLACE_ENTS:
                return entity_text(child, doc)
    area = _area(noun_end) if noun_end.pos_ in ("NOUN", "PROPN") else None
    if area is not None:
        return area
    prev = doc[num.i - 1] if num.i > 0 else None
    if prev is not None and prev.ent_type_ in PLACE_ENTS and prev.ent_iob_ in ("B", "I"):
        return entity_text(prev, doc)
    if prev is None or num.i + 1 >= len(doc):
        return None
    opens = prev.i == 0 or doc[prev.i - 1].is_punct
    # "Istanbul 984 dead, 2,924 injured": a table row opened by its place.
    # Not a word that opens any sentence: "With 33 dead, ..." names no place.
    upper = prev.text[:1].isupper() and prev.is_alpha and not prev.is_stop
    if opens and upper and doc[num.i + 1].lower_ in CASUALTY:
        return str(prev.text)
    return None


# Words that take a part of a count: a place said of them is the part's ("65 people, most in
# Mexico"; "almost all of the 74 dead were in Mexico"), not the count's.
_PARTS = frozenset("most mostly all many some half majority mainly largely none".split())


def in_a_part(num: Token) -> bool:
    """Whether the count is the whole a part is taken from ("almost all of the 74 dead"): the
    clause then says where the part is."""
    return num.dep_ == "pobj" and num.head.lower_ == "of" and num.head.head.lower_ in _PARTS


def of_a_part(prep: Token) -> bool:
    """Whether a place phrase is said of a part of the count ("most in Mexico")."""
    return any(c.dep_ in ("advmod", "amod") and c.lower_ in _PARTS for c in prep.children)


_REGIONS = frozenset("province state city region district county town village area".split())
# Nouns that name an area by the name after "of": "the republic of Ingushetia", "the city of Homs".
_NAMED_BY_OF = _REGIONS | {"republic", "territory", "island"}


def named_area(token: Token) -> str | None:
    """The name an area noun is given after "of" ("the tiny republic of Ingushetia", "the
    province of Idlib"): that place, as if named alone. Not an area with a name of its own
    ("the Houla area of Homs province": in Homs, not all of it), nor "the capital of Syria" (a
    city in the country, not the country), nor "the cities of X and Y" (no one place)."""
    if token.tag_ != "NN" or token_lemma(token) not in _NAMED_BY_OF:
        return None
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children):
        return None  # "the Houla area of Homs province": an area with a name of its own
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for name in (c for c in prep.children if c.dep_ == "pobj"):
            if name.ent_type_ in ("GPE", "LOC") and not several_places(name):
                return entity_text(name, token.doc)
    return None


def toll_place(num: Token) -> str | None:
    """Where a toll is counted when its clause names no place but its subject is one, or the
    subject of the clause it hangs on: "Sakarya province ranked second with 3,046 deaths",
    "Istanbul is the hardest hit and 107 bodies have been recovered". Only for counts of what
    happened to people: a country that is the subject of "struck 53 targets" is who struck."""
    verb = next((t for t in num.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or num in [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]:
        return None
    for clause in (verb, verb.head) if verb.dep_ in ("conj", "advcl", "ccomp") else (verb,):
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subject.ent_type_ == "GPE" and subject.pos_ == "PROPN":
                return entity_text(subject, subject.doc)
            named = [c for c in subject.children if c.dep_ == "compound"]
            if token_lemma(subject) in _REGIONS and named and named[0].text[:1].isupper():
                return entity_text(named[0], subject.doc)  # "Sakarya province"
    return None


# The place of a count over the world ("160 people worldwide", "in 17 countries").
WORLD = "world"


def _place_in(prep: Token, doc: Doc, *, depth: int = 0) -> str | None:
    """The place a prepositional phrase names: "in Kenya", "at the embassy in Nairobi", "in the
    Nairobi blast" (not "at the U.S. embassy": a country that owns a building is not its place);
    numbered places ("in 17 countries", "in 41 states") are the world or a set of regions."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        numbered = pobj.tag_ == "NNS" and any(c.dep_ == "nummod" for c in pobj.children)
        if numbered and token_lemma(pobj) in ("country", "nation") and prep.lower_ == "in":
            return WORLD  # "787 infections in 17 countries": the tally over all it reached
        if numbered and token_lemma(pobj) in _REGIONS and prep.lower_ == "in":
            return f"several {pobj.lower_}"  # "896 cases in 41 states": no one state's, no world's
        if pobj.ent_type_ in PLACE_ENTS and several_places(pobj):
            return None  # "in Kenya and Tanzania": a count over both is neither one's
        if pobj.ent_type_ in PLACE_ENTS:
            return entity_text(pobj, doc)
        if (area := named_area(pobj)) is not None:
            return area  # "in the province of Idlib"
        for child in pobj.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS and depth < 2:
                found = _place_in(child, doc, depth=depth + 1)
                if found is not None:
                    return found
        named = [c for c in pobj.children if c.ent_type_ in PLACE_ENTS and c.i < pobj.i]
        if named and named[0].dep_ in ("compound", "nmod") and token_lemma(pobj) not in _OWNED:
            return entity_text(named[0], doc)  # "in the Nairobi blast"
    return None


def several_places(place: Token) -> bool:
    """Whether a place is listed with others ("in Kenya and Tanzania", "in Moscow and two other
    Russian cities"): a count over all of them is none of them's."""
    return any(
        c.dep_ == "conj" and (c.ent_type_ in PLACE_ENTS or token_lemma(c) in _REGIONS)
        for c in place.children
    )


_OWNED = frozenset(
    """embassy consulate army force troop government official ministry company navy police
    military authority""".split()
)


def entity_text(token: Token, doc: Doc) -> str:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return str(ent.text)
    return str(token.text)
