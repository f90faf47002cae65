"""Numbers on a scale rather than counts of what happened: a sports score ("a 126-119 victory") or
a team's or a player's record ("a 5-19 start", "11 goals in 32 outings"), a share of a round
whole ("one in five", "nine out of 10"), a rating ("four stars out of five", "734 out of a
possible 1,000 points"), a whole percent of emphasis ("100% lab-driven") and the level a rule
sets ("the legal limit is 0.08 percent"). GUIDELINES: sports scores are not quantities; a rating
is a judgement, as a score is.
"""

from __future__ import annotations

import re

from storyline.facts.numbers import lemma, word_value
from storyline.facts.reading import Doc, Token, clause_verb, counted_noun
from storyline.facts.roles import token_lemma


def how_wholly(doc: Doc, last: Token) -> bool:
    """ "are 100% lab-driven", "is 100 percent free": a whole percent that says how much a
    predicate adjective holds is emphasis, as "100 percent sure" is; "12 percent higher" (a
    comparative) measures a change and stays."""
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    sign = nxt if nxt is not None and nxt.lower_ in ("%", "percent", "pct") else last
    head = sign.head
    return sign.dep_ == "npadvmod" and head.dep_ == "acomp" and head.tag_ in ("JJ", "VBN")


_EVERY = frozenset(("every", "each"))


def proportion(doc: Doc, first: Token, last: Token) -> bool:
    """Either number of "one in five" or "nine in 10" (and "out of 10"'s second, and "one in
    every 500"'s): a smaller number in a round one (2 to 10, 100, 1,000), or one in any whole
    ("one in every 500 Windows users", "1 in 500 users", two of ECB+'s outlets on one estimate).
    "Killed 30 in 10 villages", "12 in 2008" and "one in 2008" are counts."""

    def value(i: int) -> float | None:
        return word_value(doc[i].text) if 0 <= i < len(doc) else None

    def share(at_part: int, at_whole: int) -> bool:
        part, whole = value(at_part), value(at_whole)
        if part is None or whole is None:
            return False
        year = re.fullmatch(r"(?:1[89]|20)\d\d", doc[at_whole].text) is not None
        round_whole = 2 <= whole <= 10 or whole in (100, 1000)
        return (round_whole or (part == 1 and not year)) and 0 < part < whole

    def whole_after(at_in: int) -> int:
        """The whole's position after "in", past "every" or "each"."""
        every = at_in + 1 < len(doc) and doc[at_in + 1].lower_ in _EVERY
        return at_in + 2 if every else at_in + 1

    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "in":
        return share(last.i, whole_after(last.i + 1))
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    if before in _EVERY and first.i >= 3 and doc[first.i - 2].lower_ == "in":
        return share(first.i - 3, first.i)
    if before == "in":
        return share(first.i - 2, first.i)
    out_of = before == "of" and first.i >= 3 and doc[first.i - 2].lower_ == "out"
    return out_of and share(first.i - 3, first.i)


def a_score(doc: Doc, first: Token, last: Token) -> bool:
    """ "a 126-119 victory": two numbers joined by a dash, the second below the first (a range
    rises: "15-20"), are a score (GUIDELINES: sports scores are not quantities). A vote's tally
    ("approved 9-4 in a vote") is read before this, by ``facts.tallies``."""

    def pair(a: int) -> bool:
        if a < 0 or a + 2 >= len(doc) or doc[a + 1].text != "-":
            return False
        low, high = doc[a + 2].text, doc[a].text
        if not (low.isdigit() and high.isdigit()):
            return False
        after = doc[a + 3].lemma_.lower() if a + 3 < len(doc) else ""
        # a range never ends where it starts ("tied 13-13", "an 8-8 record"); a team's
        # wins and losses rise as a range does ("a 5-19 start")
        return int(low) <= int(high) or after in _RECORDS

    if first.i >= 1 and doc[first.i - 1].lower_ in (",", "with"):
        # "(52-3, 46 KOs)", "58-3 with 51 knockouts": a number added to a fighter's or a
        # team's record is more of the record; "45-7-2" ends on its draws
        k = first.i - 2
        while k >= 2 and doc[k - 1].text == "-" and doc[k - 2].text.isdigit():
            k -= 2
        if k < first.i - 2 and pair(k):
            return True
    return pair(first.i) or pair(first.i - 2)


_RECORDS = frozenset("record start finish season mark tie".split())

# Words after "N points" that place a team against another in a table: "10 points behind
# fifth-placed Chelsea", "six points clear at the top", "three points adrift of safety".
_STANDING = frozenset("behind clear adrift ahead".split())
# A gap in a poll is a result's share (GUIDELINES: a poll), not a table's standing.
_POLLS = re.compile(r"\b(?:polls?|polling|survey|percentage)\b", re.IGNORECASE)


def a_standing(doc: Doc, last: Token) -> bool:
    """A gap between teams in a league table: "just 10 points behind fifth-placed Chelsea" (a
    WikiRef Premier League page). A standing is a sports record, as a score is (GUIDELINES:
    sports scores are not quantities); a market's "fell 10 points" names no rival, and a
    poll's "10 points behind Labour" is a result's share and stays."""
    nxt = doc[last.i + 1 : last.i + 3]
    if len(nxt) < 2 or lemma(nxt[0].lower_) != "point" or nxt[1].lower_ not in _STANDING:
        return False
    return not _POLLS.search(doc[last.i].sent.text)


# What a player or a team is credited with in play: "scored 11 goals in 32 outings", "top scorer
# with six goals", "his 11 saves", "had three chances in the first 15 minutes", "denied us three
# penalties", "20 appearances", "12 rebounds", "two touchdowns" (WikiRef Premier League pages;
# DUC's and ECB+'s sports wires). A game's record, as its score is (GUIDELINES: sports scores are
# not quantities). Not the same words in a court or a prison: "21 death penalties", "two court
# appearances".
_IN_PLAY = frozenset(
    """goal save outing appearance assist penalty chance rebound touchdown wicket interception
    strikeout""".split()
)
_OFF_THE_FIELD = frozenset("death court".split())
# Verbs of a team's results over games: "won 19 out of 23 games".
_RESULTS = frozenset("win lose draw play".split())


def a_players_record(num: Token) -> bool:
    """A count of what happened in play ("11 goals in 32 outings", "his 11 saves"), the games a
    team played ("have played 595 matches", "518 conceded in 595 matches", a WikiRef league
    page) or the games its wins are out of ("have won 19 out of 23 games"): a sports record, as
    a score is ("168 games will be shown live" is a broadcaster's deal, and stays). Only the noun
    the number counts decides it: "11 saves" is play, "11 goals" of a summit would be read the
    same, a risk the audits (DUC walk, Crisis, ECB+) showed no case of."""
    noun = counted_noun(num)
    if noun is None or noun.i < num.i:
        return False
    if any(c.dep_ == "compound" and token_lemma(c) in _OFF_THE_FIELD for c in noun.children):
        return False
    word = token_lemma(noun)
    if word in _IN_PLAY:
        return True
    if word not in ("game", "match"):
        return False
    if noun.dep_ == "dobj" and token_lemma(noun.head) == "play":
        return True  # "They have played 595 matches and conceded 809 goals": a team's record
    if noun.dep_ == "pobj" and noun.head.lower_ == "in":
        return True  # "518 conceded in 595 matches", as "11 goals in 32 outings"
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    out = noun.head.head
    verb = clause_verb(num)
    won = verb is not None and token_lemma(verb) in _RESULTS
    return out.lower_ == "out" and won


def per_game(doc: Doc, last: Token) -> bool:
    """A count "a game" or "per match" ("1163 goals - almost two a game", a WikiRef league
    page): a player's or a team's average over its games, a record as a score is. The caller
    leaves sums and shares ("£10.2m per match" is what a broadcaster pays)."""
    after = [t.lower_ for t in doc[last.i + 1 : last.i + 3]]
    return len(after) == 2 and after[0] in ("a", "per") and lemma(after[1]) in ("game", "match")


def a_scales_top(num: Token) -> bool:
    """A scale's top after "out of" ("a score of 734 out of a possible 1,000 points", "out of a
    perfect 10"): a scale is named with an article and a word before its number; a whole
    ("30 out of 45 victims") is left to the rules for parts and wholes."""
    noun = counted_noun(num) or num
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "of" or prep.head.lower_ != "out":
        return False
    words = num.doc[prep.i + 1 : num.i]
    return len(words) >= 2 and words[0].lower_ == "a" and words[-1].pos_ == "ADJ"


_RATING_WORDS = frozenset("- and a half star stars point points".split())


def rated(doc: Doc, last: Token) -> bool:
    """A rating on a small scale: "a score of four-and-a-half stars out of five", "rated it 8
    out of 10" (a WikiRef phone review): a judgement, as a sports score is, not a count. A top
    above 10 is a whole the number is part of ("30 out of 45 victims")."""
    for k in range(last.i + 1, min(last.i + 9, len(doc) - 2)):
        if doc[k].lower_ == "out" and doc[k + 1].lower_ == "of":
            top = word_value(doc[k + 2].text)
            return top is not None and top <= 10
        if doc[k].lower_ not in _RATING_WORDS:
            return False
    return False


RULE_WORDS = frozenset("minimum maximum threshold needed required mark limit".split())


def a_rules_level(num: Token) -> bool:
    """Whether the number is what a rule's level "is": "the legal limit is 0.08 percent"."""
    verb = clause_verb(num)
    if verb is None or token_lemma(verb) != "be":
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(lemma(c.lower_) in RULE_WORDS for c in subjects)
