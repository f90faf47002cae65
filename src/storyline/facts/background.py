"""Numbers of another happening than the story's, or of none (GUIDELINES: background events are
not the story's quantities): an earlier event named in the number's clause ("in a 1983 submarine
accident", "two previous attempts"), what the story is set against ("more deadly than a siege in
January carried out by three militants", "the deadliest since the 2004 bombings, which killed
191"), what would have been or a rule's condition ("would have penetrated 40 feet", "after 40
countries ratify it"), a clause set back in an earlier year ("Back in 1992 there were only 11
foreign players"), the earlier level a rate or a sum moved from ("fell to 7.8 percent from
8.1 percent") and the base a change is measured on ("a 70% increase on the £3bn deal").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.facts.numbers import CURRENCY, MEASURES, MONTHS, TIME_UNITS, lemma
from storyline.facts.reading import Token, clause_verb, counted_noun, is_number
from storyline.facts.roles import token_lemma

# The word for a rate after its number ("8.1 percent", "45%").
PER_CENT = frozenset({"percent", "%", "pct"})

# A happening other than the story's, named in the number's clause: "in a 1983 submarine
# accident", "in the last major accident", "in that quake", "two previous attempts".
_OTHER_TIME = frozenset("previous earlier prior last".split())


def another_time(num: Token) -> bool:
    """Whether the number belongs to an earlier, different happening: its noun is one of
    "previous" or "earlier" ones, or its clause is set "in a 1983 accident" or "in the last
    (major) accident" (a past event named as such, not a time window: "in the last 24 hours")."""
    noun = counted_noun(num)
    before = ("previous", "earlier", "prior")
    if noun is not None and any(c.lower_ in before for c in noun.children):
        return True
    for verb in num.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for prep in verb.children:
            inside = [p for p in prep.children if p.dep_ == "pobj" and _past_event(p)]
            # "in that quake" points away wherever it stands; "in the last accident" only
            # when it sets the scene, before the number ("killed 3 in the last raid" may be
            # the latest one)
            if prep.lower_ == "in" and any(prep.i < num.i or _that(p) for p in inside):
                return True
    return False


_DECADE = re.compile(r"(?:1[89]|20)?\d0'?s|'\d0s")


def back_then(num: Token) -> bool:
    """Whether the number's clause is set "back in 1992", "back in the 1990s" or "back then": a
    writer marks so the history a profile recalls ("Back in 1992 there were only 11 non-British
    footballers in the Premier League", WikiRef), not the story's count. Only a year or a decade
    counts as the time: "back in March" may be this story's own earlier day."""
    verb = clause_verb(num)
    for back in verb.children if verb is not None else ():
        if back.lower_ != "back" or back.dep_ != "advmod":
            continue
        times = [t for p in back.children if p.lower_ == "in" for t in p.children]
        if any(t.lower_ == "then" for t in back.children) or any(
            re.fullmatch(r"(?:1[89]|20)\d\d", t.text) or _DECADE.fullmatch(t.text) for t in times
        ):
            return True
    return False


# Words before "than" that make it part of a number's own phrase: "more than 60 people".
_QUANT_COMPARATIVES = frozenset("more less fewer greater over under".split())


def set_against(num: Token) -> bool:
    """Whether the number stands in what the story is compared with, after "than": "more deadly
    than a siege in January carried out by three militants" is another event, background to the
    story (GUIDELINES), as the WikiRef pages set a new attack against the last. What is compared
    is another happening ("a siege" in January, "an earlier crash"), not one the story names with
    "the" ("less important than the two
    paths they recommend for the $2.2 trillion surplus", DUC; "less than the $184 million
    reported by" a rival, ECB+, is the story's own figure disputed), and not the number's own
    bound ("more than 60 people", which the parse may also hang on "than")."""
    doc = num.doc
    for token in num.ancestors:
        if token.lower_ != "than" or token.dep_ != "prep":
            continue
        before = doc[token.i - 1].lower_ if token.i > 0 else ""
        between = doc[token.i + 1 : num.i]
        if any(t.text in (",", ";") or t.dep_ == "cc" for t in between):
            continue  # "less of the country than when ..., and 25 per cent more territory"
        if before in _QUANT_COMPARATIVES and all(
            t.pos_ in ("NUM", "ADV", "SYM") or t.text in CURRENCY for t in between
        ):
            continue
        for compared in (c for c in token.children if c.dep_ == "pobj"):
            if _past_event(compared) or _another_when(compared) or _anothers_size(compared, num):
                return True
    return False


# Nouns that name a measure of a thing: "the Active's 6-ounce weight".
_SIZES = frozenset("weight size height length width depth thickness".split())


def _anothers_size(compared: Token, num: Token) -> bool:
    """A measure of another named thing, the yardstick the story's own is set against: "larger
    and heavier than the Galaxy S4's 136.6 x 69.8 x 7.9 mm", "lighter than the Active's 6-ounce
    weight", "bulkier than the S5 original (5.59 x 2.85 x 0.32-inches and 5.11 ounces)" (WikiRef
    phone pages). Only measures: "higher than the ministry's 200" may be a figure disputed."""
    named = any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" for c in compared.children)
    if not named:
        return False
    if lemma(compared.lower_) in MEASURES or compared.lower_ in _SIZES:
        return any(c.dep_ == "poss" for c in compared.children)
    noun = counted_noun(num)
    while noun is not None and noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "... x 0.32-inches and 5.11 ounces": the bracket's first measure
    return (
        noun is not None
        and noun.dep_ == "appos"
        and noun.head.i == compared.i
        and (noun.ent_type_ == "QUANTITY" or lemma(noun.lower_) in MEASURES)
    )


# "For reference, the Galaxy S4 had a 9.88 WHr battery", "In comparison, the Galaxy S4
# accounted for 2 percent" (WikiRef phone pages): a clause that says it gives a yardstick.
_YARDSTICKS = frozenset("comparison reference".split())
_SAYS = frozenset("say tell report claim announce".split())


def a_yardstick(num: Token) -> bool:
    """Whether the number's clause opens with "for reference" or "in comparison": what the
    story's figures are measured against, not one of them. Not where someone is quoted giving it
    ("By comparison, the rebels said 300 died" may be the story's figure disputed)."""
    verbs = [t for t in num.ancestors if t.pos_ in ("VERB", "AUX")]
    if any(token_lemma(v) in _SAYS for v in verbs):
        return False
    for verb in verbs:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "in", "by") or prep.i > num.i:
                continue
            yardsticks = [c for c in prep.children if c.dep_ == "pobj" and c.lower_ in _YARDSTICKS]
            if any(not list(c.children) for c in yardsticks):  # not "in comparison with Monday"
                return True
    return False


_BEFORE_WORDS = frozenset("ago earlier last previous".split())


def _another_when(noun: Token) -> bool:
    """ "a siege here in January": a happening introduced with "a" and set at a time of its own
    (a month, a year, "two years ago"). Not "a rival, who won 40 percent": a thing compared with
    at the story's own time is the story's."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return False
    return any(
        t.lower_ in MONTHS or t.lower_ in _BEFORE_WORDS or re.fullmatch(r"(?:1[89]|20)\d\d", t.text)
        for t in noun.subtree
        if t.i != noun.i
    )


def since_another(num: Token) -> bool:
    """Whether the number belongs to the earlier event a record is reckoned from: "the deadliest
    in Western Europe since the 2004 train bombings in Madrid, which killed 191 people" (a WikiRef
    page on the Paris attacks). The event after "since" is named as one before the story's; a
    count in the main clause ("since the fighting began, 155,000 have fled") is left."""
    for token in num.ancestors:
        if token.lower_ != "since" or token.dep_ != "prep":
            continue
        for event in (c for c in token.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
            dated = any(re.fullmatch(r"(?:1[89]|20)\d\d", c.text) for c in event.children)
            if dated or _past_event(event):
                return True
    return False


def _that(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "that" for c in noun.children)


def _past_event(noun: Token) -> bool:
    if noun.pos_ != "NOUN" or lemma(noun.lower_) in TIME_UNITS or noun.lower_ in TIME_UNITS:
        return False
    words = [c for c in noun.children if c.i < noun.i]
    dets = {c.lower_ for c in words if c.dep_ == "det"}
    year = any(re.fullmatch(r"(?:1[89]|20)\d\d", c.text) for c in words)
    later = any(c.lower_ in _OTHER_TIME for c in words)
    return bool((dets & {"a", "an"} and year) or ("the" in dets and later) or "that" in dets)


def an_example(num: Token) -> bool:
    """ "they deserve affordable luxuries, like a $2 or $3 cookie" (a WCXB trade page): a number
    in "like a ..." names a kind of thing by example, not what happened (a plain "like" before a
    count, "towns like Homs lost 40 people", is left)."""
    token = num
    while (
        token.dep_ in ("nummod", "conj", "quantmod", "compound", "nmod") and token.head is not token
    ):
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ != "like":
        return False
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


_IF = frozenset("if unless once until after".split())
# Conditions that suppose rather than tell whatever their tense: "If I can get three or four
# players in", "If he had 49.999%" (WikiRef Premier League pages). Only on a clause modifying
# another: "asked if 20 soldiers were killed" is a question about the story's count.
_SUPPOSED = frozenset({"if", "unless"})


# Harm that "nearly" or "almost" before its verb says did not happen: "two nearly killed".
_HARMS = frozenset("kill die drown injure wound".split())


def _nearly_harmed(num: Token) -> bool:
    """ "victims, including two nearly killed when they were shot", "two men were almost killed":
    the verb says the harm did not happen (ECB+); "nearly 50 killed" is the number's own bound."""
    noun = counted_noun(num) or num
    verbs = [t for t in (clause_verb(num), *noun.children) if t is not None and t.pos_ == "VERB"]
    return any(
        lemma(verb.lower_) in _HARMS or verb.lemma_ in _HARMS
        for verb in verbs
        if verb.i > 0
        and verb.doc[verb.i - 1].lower_ in ("nearly", "almost")
        and verb.doc[verb.i - 1].head.i == verb.i
    )


def not_so(num: Token) -> bool:
    """A count of what did not (or not yet) happen: "it would have penetrated 40 feet" (what
    would have been), "the treaty takes effect after 40 countries ratify it" (a condition, in
    the present tense: a rule, not a report), "if he had 49.999%" (a supposition, in any tense),
    "two nearly killed" (harm that did not happen)."""
    if _nearly_harmed(num):
        return True
    verb = next((t for t in num.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if _denied(num, verb):
        return True
    for clause in _governing(num, verb):
        aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        if {"would", "have"} <= aux and clause.tag_ == "VBN":
            return True
    # the finite clause the number is in: "if you put your phone in standby mode with only 10
    # percent of the battery left" (a WikiRef review) hangs the number on "left", in "put"'s clause
    while verb.tag_ in ("VBN", "VBG") and verb.dep_ in ("pcomp", "acl"):
        above = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if above is None:
            break
        verb = above
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    denied = any(c.dep_ == "neg" for c in verb.children)
    if marks & _SUPPOSED and verb.dep_ == "advcl" and not denied:
        # "If he had 49.999%, ... the board would say no": supposed, in any tense; "we'd be
        # shocked if the phone didn't cost at least $600" says what the writer expects
        return True
    return bool(marks & _IF) and verb.tag_ in ("VBP", "VBZ")


def _governing(num: Token, verb: Token) -> list[Token]:
    """The number's clause, the one it is joined to, and, for a count that is an argument of its
    clause, the clauses it is said in: "we wouldn't have seen more than 100,000 lives being
    perished" hangs the lives on "perished", whose clause is what "would have seen" supposes
    (Timeline17 Egypt: a cyclone's toll that was not, agreed with another war's). A figure deeper
    in its clause names a thing that is, whatever is supposed of it ("money that would have been
    used to pay part of a $33.5 million judgment", DUC D0745J)."""
    clauses = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    argument = _argument_of(num, verb)
    while argument and verb.dep_ in ("conj", "ccomp", "xcomp") and verb.head.pos_ in _VERBS:
        verb = verb.head
        clauses.append(verb)
    return clauses


_VERBS = ("VERB", "AUX")


def _argument_of(num: Token, verb: Token) -> bool:
    """Whether the number counts the subject, object or predicate noun of ``verb``."""
    noun = counted_noun(num) or num
    return noun.head.i == verb.i and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")


def _negated(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "neg"), None)


def _denied(num: Token, verb: Token) -> bool:
    """Whether the clause denies the number rather than reports it: "there aren't just two
    elements" (a denied existence), "never got within six feet of the president" (a measure of
    what did not happen, after the negation), "India did not allow four Chinese ships to join
    the hunt" (the happening the count is the subject of did not take place). A count of people
    or things a negated verb says something about is still theirs: "the 118 sailors could not be
    rescued", "two bodies have not been identified", "won't even put a scratch in the $33.5
    million judgment" (DUC D0745J), "is not expected to halt the seizure of the 20-acre compound"
    (D0701A), and so is a figure before the negation ("the Concorde, at 1,350 mph, twice as
    fast, is not just ...", D0631D). Timeline17 and WikiRef held-out samples."""
    neg = _negated(verb)
    if neg is not None and any(c.dep_ == "expl" for c in verb.children):
        return True
    noun = counted_noun(num) or num
    # "the $33.5 million judgment", "its 20-acre compound": a thing that is, whatever did not
    # happen to it
    plain = not any(c.dep_ in ("det", "poss") for c in noun.children)
    prep = noun.head if noun.dep_ == "pobj" else None
    after = neg is not None and prep is not None and prep.head.i == verb.i and neg.i < prep.i
    if after and plain and verb.lemma_ != "be":
        return True
    # "did not allow four ships to join": the count is the subject of what was not let happen
    above = verb.head
    subject = noun.dep_ == "nsubj" and noun.head.i == verb.i
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.dep_ in ("ccomp", "xcomp") and subject and to and _negated(above) is not None


def level_changed_from(phrase: Sequence[Token]) -> bool:
    """ "fell to 7.8 percent from 8.1 percent", "58 percent, down from 62 percent", "narrowed to
    $1.1 trillion from $1.3 trillion": a rate or a sum "from" which its clause says the level moved
    to another it gives first is the level of an earlier time (last month's rate, last election's
    turnout), not a second report of the present one. Counts are left: a toll that "rose to 75
    from 50" is one running count (GUIDELINES)."""
    if any(t.lower_ in ("to", "-", "–") for t in phrase):
        return False  # "from 6% to 7%", "from $12,401 to $50,400": a range or a whole move
    inside = {t.i for t in phrase}
    head = next((t for t in phrase if t.head.i not in inside or t.head.i == t.i), phrase[-1])
    if head.head.lower_ in PER_CENT and head.head.i > head.i:
        head = head.head  # "8.1 percent": the number hangs on the word
    if head.dep_ != "pobj" or head.head.lower_ != "from":
        return False
    moved = head.head.head
    clause = moved if moved.pos_ in ("VERB", "AUX") else moved.head
    # the new level before it: "from $999 up to $1099" is a range, and "rose from 50 to 75"
    # may be one
    percent = head.lower_ in PER_CENT
    return any(t.i < head.head.i and _a_level(t, percent=percent) for t in clause.subtree)


# Nouns of a change that an amount after "on" is the base of: "a 70% increase on the current £3bn
# deal".
_CHANGES = frozenset("increase rise jump gain drop fall decrease cut decline improvement".split())


def a_base(num: Token) -> bool:
    """Whether the number is the base a change is measured on: "a 70% increase on Sky and BT's
    current £3bn deal" (a WikiRef TV-rights page) is the earlier deal, not the story's sum.
    Not what a figure is "compared with": dev's "down by 2 to 3 points compared to the 60 percent
    he had received" is the poll's earlier share, which GUIDELINES labels."""
    for prep in num.ancestors:
        if prep.dep_ == "prep" and prep.lower_ == "on" and lemma(prep.head.lower_) in _CHANGES:
            return _changed_by(prep.head)
    return False


def _changed_by(change: Token) -> bool:
    """ "a 70% increase": the change gives its own size, so what follows "on" is its base."""
    return any(is_number(t) for t in change.subtree if t.i < change.i)


def _a_level(token: Token, *, percent: bool) -> bool:
    """A rate ("7.8 percent", "45%") or a sum ("$1.1 trillion") written with ``token``."""
    if not is_number(token):
        return False
    doc = token.doc
    if percent:
        return token.i + 1 < len(doc) and doc[token.i + 1].lower_ in PER_CENT
    return any(t.text in CURRENCY for t in doc[max(0, token.i - 2) : token.i])
