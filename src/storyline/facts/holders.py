"""Whose a share, votes or seats are: the candidate or party their clause is about ("Putin had
52.4 percent", "the Syriza party won 71 seats", "New Democracy with 30 percent of the vote"), the
rival's in "Clinton led Trump 46 percent to 41 percent", whether a share comes from polls (scope
``reading.POLLED``: a poll's figure is not the vote), and the chamber seats are in ("52 Senate
seats"). Two candidates' counts of one day are two counts, not one figure disputed.
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.facts.reading import POLLED, Token, clause_verb
from storyline.facts.roles import token_lemma

# The scope of a change "by" a percentage: what changed ("change in economy").
CHANGE_IN = "change in "


def changed_thing(verb: Token | None) -> str | None:
    """What a change "by" a percentage is of: the object its verb changes ("raise salaries by 20
    percent"), else the subject that changes ("its economy would contract by 3.7 percent",
    "passenger traffic fell by 3.7 percent": two things, Timeline17's financial reports agreed
    them). None where the clause names no noun (a pronoun: "it fell by 3 percent")."""
    if verb is None:
        return None
    roles = {c.dep_: c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")}
    thing = roles.get("dobj") or roles.get("nsubjpass") or roles.get("nsubj")
    if thing is None or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    return CHANGE_IN + token_lemma(thing)


def changes(scope: str | None) -> bool:
    """Whether a percentage's scope is what it says changed (``changed_thing``)."""
    return scope is not None and scope.startswith(CHANGE_IN)


def share_of(num: Token) -> str | None:
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
        # "to raise salaries by 20 percent": how much a thing changes, no one's share
        changes = percent.head.head  # the verb "by" hangs on: "saw traffic fall by 3.7 percent"
        return changed_thing(changes if changes.pos_ in ("VERB", "AUX") else verb)
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


def polled(num: Token, share: str | None) -> str | None:
    """A share's scope once its sentence says it comes from polls ("opinion polls put his
    approval rating at 50 percent", "58 percent of respondents would choose Putin"): ``share``
    "in polls". A poll's figure is not the vote ("Putin had 52.4 percent of the vote"), and two
    polls are two measures, not one figure moving or contested (``loose.is_loose``)."""
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


def holder_of(noun: Token) -> str | None:
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
