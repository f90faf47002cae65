"""Vote tallies: "the Senate voted 52-48", "passed the bill 219 to 212", "a 5-4 ruling".

A tally is two counts in one: the votes for and the votes against, written for-then-against
as the press writes them ("the amendment failed 45-55": 45 for it), unless "against" follows
("voted 7-2 against the plan": 7 against it). Each is its own measured thing (``vote`` for,
``vote`` against), of the body that voted where the sentence names it (the named subject of the
vote, "in the Senate", "the Senate vote"), which ``Quantity.place`` carries: the House's and the
Senate's tallies on one bill are two groups, and a story about one body's vote parts nothing.
A tally's happening is the motion it decided, whatever words name it ("voted 50-48 to confirm" and
"confirmed by a 50-48 vote" are one confirmation), or "vote" where the sentence names none. A story
holds many votes (to advance and to confirm, in committee and on the floor): two tallies of
different motions are two things, and two of one motion in one body that differ are outlets
disagreeing about it. A vote is recorded, and outlets giving two tallies of one motion more often
tell two votes apart (a first and a second reading) than misreport one; so a tally is one thing
with its whole ("52-48"): outlets giving it alike agree, and two tallies never differ.

Two numbers joined by a dash are read as a tally only where the sentence says it is a vote: a
voting noun beside them ("vote", "ballot", "tally"), a verb that decides by votes governing them
("approved 9-4", "upheld 5-4"), or a court's "decision" or "ruling". Elsewhere they stay what
``facts.excluded`` makes of them (a sports score, a range, a season "2019-20").
"""

from __future__ import annotations

import re

from storyline.facts.numbers import MONTHS
from storyline.facts.reading import Doc, Token, entity_text

# What a body decides by votes (not "defeat", "beat", "win": a game's result is a score).
_VOTING_VERBS = frozenset(
    """vote pass approve confirm reject adopt override uphold ratify endorse elect overturn rule
    fail""".split()
)
_VOTE_NOUNS = frozenset("vote ballot tally".split())
_COURT_NOUNS = frozenset("decision ruling".split())
_JOINS = frozenset({"-", "–", "—", "to"})
# The scopes of a tally's two counts, and the motion of a vote whose sentence names none.
TALLY_SIDES = frozenset({"for", "against"})
UNNAMED_MOTION = "vote"
# Verbs of a game's result: "beat the Rovers 98-91" is a score, whatever vote the sentence names.
_GAME_VERBS = frozenset("beat defeat win lose lead trail edge rout top score".split())


def vote_tally(doc: Doc, token: Token) -> tuple[Token, Token, Token] | None:
    """(votes for, votes against, the word that makes it a vote) where ``token`` opens a tally."""
    i = token.i
    if i + 2 >= len(doc) or doc[i + 1].text not in _JOINS:
        return None
    first, second = token, doc[i + 2]
    yes, no = _whole(first.text), _whole(second.text)
    if yes is None or no is None or _a_season(yes, no):
        return None
    if i + 4 < len(doc) and doc[i + 3].text in _JOINS and _whole(doc[i + 4].text) is not None:
        return None  # "45-7-2": a fighter's record, not a vote
    if i >= 2 and doc[i - 1].text in _JOINS and _whole(doc[i - 2].text) is not None:
        return None  # its draws and losses
    if i >= 1 and doc[i - 1].lower_ in MONTHS:
        return None  # "a runoff vote June 16-17": the days it is held
    if i >= 1 and doc[i - 1].lower_ in ("from", "between"):
        return None  # "the vote raised the board from 5 to 7 members": a change, not a tally
    if doc[i + 1].text != "to" and (first.whitespace_ or doc[i + 1].whitespace_):
        return None  # "a vote on the 52 - 48 split" is not how a tally is written
    anchor = _vote_word(doc, first, second)
    if anchor is None:
        return None
    against = i + 3 < len(doc) and doc[i + 3].lower_ == "against"
    return (second, first, anchor) if against else (first, second, anchor)


def voting_body(anchor: Token, doc: Doc) -> str | None:
    """The named body that voted: the subject of the voting verb ("The Senate voted"), the agent
    of a passive one ("was confirmed by the Senate"), "in the House", "the Senate vote"."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else None
    named: list[Token] = []
    if verb is None:
        named += [c for c in anchor.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        verb = next((h for h in anchor.ancestors if h.pos_ in ("VERB", "AUX")), None)
    holders = [anchor] if verb is None else [anchor, verb]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "nsubj" and child.pos_ == "PROPN":
                named.append(child)
            elif child.dep_ in ("prep", "agent") and child.lower_ in ("in", "by"):
                named += [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
    bodies = [t for t in named if t.ent_type_ in ("ORG", "")]
    if not bodies:
        return None
    name = entity_text(bodies[0], doc)
    return name[4:] if name.lower().startswith("the ") else name


def motion(anchor: Token) -> str:
    """What the vote decided, as a verb lemma: "voted to confirm", "a vote to confirm",
    "confirmed by a vote of": confirm; "approved 9-4": approve; "voted 52-48": vote."""
    verb = anchor
    if anchor.pos_ != "VERB":
        verb = next((h for h in anchor.ancestors if h.pos_ == "VERB"), anchor)
        purpose = [c for c in anchor.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
        if purpose:
            return str(purpose[0].lemma_.lower())
    if verb.lemma_.lower() == "vote":
        purpose = [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]
        return str(purpose[0].lemma_.lower()) if purpose else UNNAMED_MOTION
    lemma = str(verb.lemma_.lower())
    return lemma if lemma in _VOTING_VERBS else UNNAMED_MOTION


def _vote_word(doc: Doc, first: Token, second: Token) -> Token | None:
    if any(h.lemma_.lower() in _GAME_VERBS for h in first.ancestors):
        return None
    near = doc[max(0, first.i - 5) : min(len(doc), second.i + 4)]
    noun = next((t for t in near if t.lemma_.lower() in _VOTE_NOUNS and t.pos_ == "NOUN"), None)
    if noun is not None:
        return noun
    head = first
    for _ in range(4):  # "voted 52-48", "approved the plan 9-4", "passed 219 to 212"
        if head.pos_ == "VERB" and head.lemma_.lower() in _VOTING_VERBS:
            return head
        if head.head.i == head.i:
            break
        head = head.head
    court = any(t.lemma_.lower() in ("court", "justice") for t in doc)
    ruling = next((t for t in near if t.lemma_.lower() in _COURT_NOUNS), None)
    return ruling if court else None


def tally_text(text: str) -> str:
    """A tally as one key, however written: "52-48", "52 to 48" and "52–48" are "52-48"."""
    return "-".join(n.replace(",", "") for n in re.findall(r"\d[\d,]*", text))


def _whole(text: str) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() and not text.startswith(",") else None


def _a_season(first: int, second: int) -> bool:
    """ "the 2019-20 budget", "1998-1999": years, not votes."""
    if not 1800 <= first <= 2100:
        return False
    return second == (first + 1) % 100 or 1800 <= second <= 2100
