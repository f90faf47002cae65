"""Whether a sentence opens by pointing back at something the reader was not given: a pronoun,
a connective, a generic or shell noun, a part of a group, a reply, a time counted from before,
"also", a pronoun as claimant or subject, an elided verb."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.summarizers.quality.ellipsis import ELIDED, ELLIPSIS_MAX_WORDS, elided_verb
from storyline.summarizers.quality.expletives import BE, placeholder
from storyline.summarizers.quality.quotations import OPENING_QUOTE
from storyline.summarizers.quality.reading import CLOSERS, lower_case_words

# Words that, opening a sentence, point back at something said before it.
PRONOUN_OPENERS = frozenset(
    """he she it they him them his her its their this that these those such also another other
    others both either neither there""".split()
)
# A first person outside quotation marks is the writer of a column or a review, or a speaker a
# quotation began in an earlier sentence ("We'll have more on the phone soon", "I like to be a
# presence in my kids' school"): nobody the reader of a summary was given.
FIRST_PERSON_OPENERS = frozenset("i i'm i've i'd i'll we we're we've we'd we'll my our us".split())
# Connectives that tie a sentence to the one before it ("But ...", "However, ...").
CONNECTIVE_OPENERS = frozenset(
    """but and or so yet however meanwhile still moreover furthermore nevertheless instead thus
    therefore hence then besides otherwise nonetheless later earlier thereafter afterwards
    afterward subsequently""".split()
)
# Nouns that, after "the"/"this" early in a sentence, usually stand for something named before
# ("the unit", "the company") rather than introduce it. A summary sentence using one must follow
# a sentence that names it.
GENERIC_NOUNS = frozenset(
    """unit company firm man woman boy girl group ship vessel boat plane aircraft jet craft device
    facility move decision measure incident attack agency organization official bill plan
    program programme project deal agreement report study drug system operation mission vehicle
    suspect victim couple pair team body building structure site machine ruling law proposal
    offer figure men women statement spokesman spokeswoman agent announcement""".split()
)
# "The statement also said ...", "Police also found ...": "also" in a sentence's subject or right
# after it adds to something the reader was not given.
_ADDITIVE = "also"
# The same "also" after a subject that an apposition or a relative clause lengthens ("Jean-Claude
# Gayssot, the French transport minister, also said the measures ...", "Lucas, who financed the
# movie himself, also chose ..."); not "Ritalin, also known as ..." (a second name).
_LONG_SUBJECT_ALSO = re.compile(
    r"^\W*[A-Z][^,]{0,40},[^,]{1,80},\s+also\s+(?!known\b|called\b|named\b|spelled\b)"
)
# "Two days earlier, ...", "A week later ...": a time counted from something the reader lacks.
_RELATIVE_TIME = re.compile(
    r"^\W*(?:\w+\s+){1,2}(?:minutes?|hours?|days?|weeks?|months?|years?)\s+"
    r"(?:earlier|later|before\s*,|after\s*,)",
    re.IGNORECASE,
)
# "the two men", "the three were": a count between the determiner and its noun, or standing alone.
_NUMERALS = frozenset("two three four five six seven eight nine ten both".split())
# "The new measure would add ...": a word of a thing's status between the determiner and a
# generic noun leaves the noun as unplaced as without it.
_STATUS = frozenset("new latest proposed planned original revised draft final amended".split())
_VERBS_AFTER = frozenset("were was are is have had has will would could".split())
_POSSESSIVES = frozenset("his her its their".split())
# "..., he said." and "..., he said, ...": the claimant is a pronoun the reader cannot resolve,
# also after a quotation the comma closes ("`` I 've been in tears ... , '' he added .").
_PRONOUN_CLAIMANT = re.compile(
    r",\s*(?:''|\"|”|’|')?\s*(he|she|they)\s+(?:said|says|added|adds|told\s+\w+|explained|noted|affirmed|stressed|"
    r"insisted|warned|argued|wrote|declared|claimed|asserted|acknowledged|admitted|recalled)"
    r"(?:\s*\.?\s*[\"”']*\s*$|\s*,)",
    re.IGNORECASE,
)
# "A 28-year-old Frenchman, he was known to ...", "On Monday, they said ...": the subject comes
# after an opening phrase and is a pronoun. "Smith, he said, will ..." is a parenthesis.
_LATE_PRONOUN_SUBJECT = re.compile(
    r"^[^,;:\"“”()]{2,60},\s+(he|she|they)\s+\w+\b(?!\s*,)", re.IGNORECASE
)
# "It is believed the quake killed ...", "There have been no cases since May 14": an expletive
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
# Shell nouns (Schmid 2000): nouns whose content is a stretch of text ("the problem", "the
# findings", "the comments"). With a determiner and no complement of their own ("the problem is
# that ...", "the decision to ...") they stand for something said before; in a summary sentence
# that no earlier one said, the reader is left to guess it.
SHELL_NOUNS = frozenset(
    """problem issue finding result comment remark phenomenon situation matter allegation claim
    accusation question answer idea fact development change step effort move measure decision
    news controversy dispute episode affair scandal""".split()
)
_RELATIVE = frozenset("that who which whose".split())
# What may follow a shell noun and give it its content: a clause or a complement.
_SHELL_COMPLEMENT = frozenset("that of to whether about for over on in from with".split())
# "The third former guard", "The rest of the phone's stats", "The same day": a place in a
# series or a remainder that an earlier sentence set up.
_SERIES = frozenset("second third fourth fifth sixth latter same remaining rest other".split())
# "The 12-year-old from suburban St. Louis", "The 22-year-old will wear ...": a person known by
# an age stands for one named before (news introduces a person by name, then by age), unless the
# name follows ("The 44-year-old Chavez", "The 20-year-old high jumper Juana Arrendel").
_AGE = re.compile(
    r"^\W*[Tt]he\s+\d+-year-old\s+"
    r"(?!(?:(?!from\b|in\b|of\b|at\b|with\b|who\b|whose\b)[a-z][\w-]*\s+){0,3}[A-Z])"
)
# "Yes, the government's swift purchase ...", "'Guys, it's a movie!' responded Tom Sherak": an
# answer, whose question is in a sentence the reader was not given.
_REPLY = re.compile(r"^\W*(?:yes|no|well)\s*,", re.IGNORECASE)
# The verb of a reply: "replied" and "retorted" wherever they stand; "responded", "answered" and
# "countered"
# as a quotation's attribution ('"...," responded Tom Sherak', '..., he answered.') or before
# what was said ("responded that"): "Police responded with raids" is an action, no reply.
_REPLY_OPENERS = frozenset({"yes", "no", "well"})
_REPLY_VERB = re.compile(
    r"\b(?:replied|retorted)\b|(?:''|[\"”])\s*,?\s*(?:responded|answered|countered)\b"
    r"|\b(?:responded|answered|countered)\s+(?:that\b|[.,]?\s*[\"“`]|\.?\s*$)"
)
# "Among those was ...", "Since then, ...", "Despite this, ...": an opening phrase whose object
# points back. ("Before it closed, the mine ..." points forward: "it" and personal pronouns are
# left out.)
_PREPOSITION_REFERENCE = re.compile(
    r"^\W*(?:among|of|since|after|before|despite|like|unlike|besides|beyond|for|with|without|"
    r"in|on|at|by|from|because\s+of|apart\s+from|in\s+addition\s+to)\s+"
    r"(this|that|these|those|them|then)\b(?!\s+(?:who|which|whom)\b)",
    re.IGNORECASE,
)
# The first words of _PREPOSITION_REFERENCE.
_PREPOSITIONS = frozenset(
    """among of since after before despite like unlike besides beyond for with without in on at
    by from because apart""".split()
)
# "Only one of them remains in power", "Most of those were freed": a part of a group named before.
_PART_OF = re.compile(
    r"^\W*(?:[\w'-]+\s+){1,3}of\s+(them|these\s*,|those\s*,|these(?=\s+(?:are|were|is|was|have|"
    r"had|will|would)\b)|those(?=\s+(?:are|were|is|was|have|had|will|would)\b))",
    re.IGNORECASE,
)
# The first words of _CONNECTIVE_PHRASE.
_PHRASE_OPENERS = frozenset("for in as on by at even until after all nearby elsewhere".split())
# "Many are on edge after ...", "Many more remain uncollected": a quantifier standing for a
# group named before, as the subject of a verb.
_QUANTIFIERS = frozenset("many some most several few all none each".split())
_QUANTIFIER_SUBJECT = re.compile(
    r"^\W*(many|some|most|several|few|all|none|each)\s+(?:more\s+)?(?:are|were|is|was|have|"
    r"had|has|will|would|could|can|remain|remained|say|said)\b",
    re.IGNORECASE,
)
# "For example, ...", "In addition, ...": a connective phrase that ties a sentence to the one
# before it, as CONNECTIVE_OPENERS do in one word; set off by a comma ("In addition to cosmetic
# therapy, ..." is no connective).
_CONNECTIVE_PHRASE = re.compile(
    r"^\W*(?:for\s+example|for\s+instance|in\s+addition|in\s+other\s+words|as\s+a\s+result|"
    r"on\s+the\s+other\s+hand|by\s+contrast|in\s+contrast|at\s+the\s+same\s+time|even\s+so|"
    r"in\s+turn|in\s+that\s+case|in\s+one\s+case|by\s+then|even\s+then|until\s+then|at\s+least|"
    r"at\s+any\s+rate|after\s+all|in\s+fact|in\s+the\s+end|all\s+the\s+same|for\s+reference|"
    r"nearby|elsewhere)\s*,",
    re.IGNORECASE,
)
# A connective set off by commas inside the sentence ("The governor may, however, grant ...",
# "Not everyone welcomed the store, however.", "King Abdullah, meanwhile, has sacked ..."): the
# sentence leans on one before it as much as if it opened with it.
_INNER_CONNECTIVE = re.compile(
    r",\s*(however|meanwhile|instead|though|nevertheless|nonetheless|moreover|furthermore|too|"
    r"therefore|in\s+turn|as\s+well)\s*[,.;]"
)
# The words that _INNER_CONNECTIVE, _REPLY_VERB, _FIRST_CLAUSE_ALSO and a closing "too" need: a
# sentence with none of them (most) is done with one set operation on its words.
_REPLY_WORDS = frozenset("replied retorted responded answered countered".split())
_CONNECTIVE_WORDS = frozenset(
    """however meanwhile instead though nevertheless nonetheless moreover furthermore too
    therefore turn well""".split()
)
_LEANING_WORDS = _REPLY_WORDS | _CONNECTIVE_WORDS | {"also"}
# "Exchange rates in Eastern Europe have also tumbled", "The random telephone survey of 1,000
# people also showed ...": "also" in the first clause (a figure's comma is no clause's end),
# however long its subject, adds to what a
# sentence before it said (after "and", "but" or "or" it adds to the sentence's own first verb:
# "Luvox treats OCD and is also used ..."; "not only ... but also" is its own pair).
_CLAUSE_ENDS = re.compile(r"[;:\"“”`]|,(?!\d)|(?<!\d),")
_JOINTS = frozenset({"and", "but", "or"})
_JOINED_VERBS = frozenset("is are was were has have had will would can may".split())
_SECOND_NAMES = ("known ", "called ", "named ")


def _first_clause_also(text: str) -> bool:
    """Whether "also" stands in ``text``'s first clause (see above), read off the text before
    the first " also " (a regular expression trying every place cost a tenth of the tests)."""
    at = text.find(" also ")
    if at < 0 or at > 100 or text.startswith(_SECOND_NAMES, at + 6):
        return False
    before = text[:at]
    if _CLAUSE_ENDS.search(before) is not None or "not only" in before.lower():
        return False
    last = before.rsplit(None, 2)
    if last and last[-1].lower() in _JOINTS:
        return False
    return not (len(last) > 1 and last[-1] in _JOINED_VERBS and last[-2].lower() in _JOINTS)


_OPENERS = PRONOUN_OPENERS | CONNECTIVE_OPENERS


def opening_reference(
    text: str, *, named: str = "", words: Sequence[str] | None = None
) -> str | None:
    """The word or phrase near the start of ``text`` that points back at something unnamed, or
    None; ``ELIDED`` for a short sentence that ends on an auxiliary whose verb an earlier sentence
    holds ("They never did."). ``named`` is what the reader has already read (earlier summary
    sentences): a generic noun it contains is resolved. ``words``: the text's lower-case tokens,
    when already made (all of them: the tests of what follows the opening look for words in
    them first).
    It runs on every candidate sentence, so each test is skipped where it cannot hold."""
    words = lower_case_words(text) if words is None else words
    if not words:
        return None
    if words[0] in ("it's", "there's"):  # one word in WORD's reading, "it" + "s" in tokens()
        words = [words[0][:-2], "s", *words[1:]]
    if words[0] in _OPENERS and not placeholder(text, words):
        return words[0]
    if words[0] in FIRST_PERSON_OPENERS and not OPENING_QUOTE.match(text):
        return words[0]
    # "Three of his relatives were arrested", "Most of their staff left": a part of something a
    # possessive points back at
    if len(words) > 2 and words[1] == "of" and words[2] in _POSSESSIVES:
        return words[2]
    if not _DETERMINERS.isdisjoint(words[:5]):  # the subject: "Navrotsky said that the unit"
        seen = set(lower_case_words(named)) if named else set()
        for k, word in enumerate(words[:5]):
            if word in _DETERMINERS and k + 1 < len(words):
                noun = words[k + 1]
                if noun in _NUMERALS and k + 2 < min(len(words), 6):  # the words units read
                    if words[k + 2] in _VERBS_AFTER or words[k + 2].endswith("ed"):
                        return f"{word} {noun}"  # "the two were sentenced", "the two directed"
                    noun = words[k + 2]  # "the two men"
                elif noun in _STATUS and k + 2 < min(len(words), 6):
                    noun = words[k + 2]  # "the new measure", "the proposed law"
                stem = noun[:-1] if noun.endswith("s") else noun
                if noun not in seen and stem not in seen:
                    after = words[k + 2] if k + 2 < len(words) else ""
                    # "the Holts founded the agency that would become Holt International": a
                    # relative clause says which
                    if stem in GENERIC_NOUNS and after not in _RELATIVE:
                        return f"{word} {noun}"
                    # "The problem is that ...", "The problem is enforcement": the predicate
                    # gives its content
                    if stem in SHELL_NOUNS and after not in _SHELL_COMPLEMENT and after not in BE:
                        return f"{word} {noun}"
                if word == "the" and k == 0 and noun in _SERIES:
                    return f"{word} {noun}"
        if words[0] == "the" and "-year-old" in text[:24] and _AGE.match(text):
            return "the age"
    if words[0] in _REPLY_OPENERS and _REPLY.match(text):
        return "reply"
    if words[0] in _PREPOSITIONS and (found := _PREPOSITION_REFERENCE.match(text)) is not None:
        return found[1].lower()
    if " of " in text[:40] and (found := _PART_OF.match(text)) is not None:
        return found[1].lower().rstrip(" ,")
    if words[0] in _PHRASE_OPENERS and _CONNECTIVE_PHRASE.match(text):
        return "connective"
    if words[0] in _QUANTIFIERS and (found := _QUANTIFIER_SUBJECT.match(text)) is not None:
        return found[1].lower()
    if leaning := _LEANING_WORDS.intersection(words):
        if not _REPLY_WORDS.isdisjoint(leaning) and _REPLY_VERB.search(text) is not None:
            return "reply"
        if not _CONNECTIVE_WORDS.isdisjoint(leaning):
            if (found := _INNER_CONNECTIVE.search(text)) is not None:
                return found[1].split()[0].lower()
            if "too" in leaning and text.rstrip(CLOSERS + ".").endswith((" too", ",too")):
                return "too"  # "... on Sunday too."
        if _ADDITIVE in leaning and _first_clause_also(text):
            return _ADDITIVE
    if words[0] == "because" and "," not in text:
        return "reply"  # "Because people are very much on edge.": a reason for the unsaid
    if _relative_time(text):
        return "earlier" if re.search(r"earlier|before", text[:40], re.IGNORECASE) else "later"
    # counted in words, as WORD reads them: tokens() also splits off "'s" and keeps figures
    # ("President Obama's announcement also", "At 5.57 ounces, it's also")
    if _ADDITIVE in words[:8]:
        head = [w for w in words[:8] if w != "s" and not w[0].isdigit()]
        if _ADDITIVE in head[1:4] and "only" not in head[:4]:  # not "not only ... but also"
            return _ADDITIVE
    if " also " in text[:130] and _LONG_SUBJECT_ALSO.match(text):
        return _ADDITIVE
    if (claimant := _PRONOUN_CLAIMANT.search(text)) is not None:
        return claimant[1].lower()
    if "," in text[:64] and (late := _LATE_PRONOUN_SUBJECT.match(text)) is not None:
        return late[1].lower()
    if text.count(" ") < ELLIPSIS_MAX_WORDS and elided_verb(text):  # most are longer
        return ELIDED
    return None


def _relative_time(text: str) -> bool:
    """Whether ``text`` opens with a time counted from something before it (_RELATIVE_TIME).
    The expression needs "earlier", "later", "before" or "after", which most sentences lack: an
    ASCII text lower-cased is tested for them first (IGNORECASE compares ASCII letters as
    lower-casing does; beyond ASCII it folds more, so other text goes to the expression)."""
    if text.isascii():
        lowered = text.lower()
        if (
            "earlier" not in lowered
            and "later" not in lowered
            and "before" not in lowered
            and "after" not in lowered
        ):
            return False
    return _RELATIVE_TIME.match(text) is not None
