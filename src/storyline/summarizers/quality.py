"""Whether a sentence can stand in a summary on its own: what the selectors avoid and what the
benchmark counts.

Extractive summaries go wrong for a reader in four ways that ROUGE does not see: a sentence that
leans on one the reader was not given ("It has a displacement of ...", "Navrotsky said that the
unit was filled with water."; a connective, a reply, a part of a group, "also" further in), the
tail of a quotation or a bare attribution ('"Nine facilities were struck," the statement said.'),
page or broadcast furniture (a transcript's speaker label, a caption run into a sentence, the
writer or a host speaking: "Thank you so much for joining us."), and two sentences that say the
same thing. All but the last are read from the words here, by their structure where it can be
(what follows a noun, where a word stands, what capitals and punctuation do); the last is a
similarity cut-off in the selectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.dates import MONTH_NAME
from storyline.models import Citation, Summary
from storyline.text import STOPWORDS

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
_WORD = re.compile(r"[A-Za-z][\w'-]*")
# "A 28-year-old Frenchman, he was known to ...", "On Monday, they said ...": the subject comes
# after an opening phrase and is a pronoun. "Smith, he said, will ..." is a parenthesis.
_LATE_PRONOUN_SUBJECT = re.compile(
    r"^[^,;:\"“”()]{2,60},\s+(he|she|they)\s+\w+\b(?!\s*,)", re.IGNORECASE
)
# "It is believed the quake killed ...", "There have been no cases since May 14": an expletive
# "it" or an existential "there" holds a place in the sentence and points back at nothing. They are
# recognised by what follows: a form of "be" (after a modal or "have", with adverbs between), then,
# for "it", a predicate whose subject is the clause after it. "It is expected to cost $5bn" and
# "It is likely to pass" are about a thing named before, so a raising predicate followed by "to"
# is not expletive; "It has a displacement of ..." and "There, the army ..." stay references.
_BE = frozenset("is are was were be been being s seems seemed appears appeared remains".split())
_MODALS = frozenset("will would may might could should must can has have had".split())
_ADVERBS = frozenset(
    """not also still now already almost certainly probably likely clearly never always often
    usually reportedly apparently currently definitely surely widely generally highly very too so
    increasingly vitally absolutely equally especially particularly no longer even""".split()
)
# "It is believed (that) ...": expletive unless "to" or "by" follows ("It is believed to be ...").
_RAISING = frozenset(
    """believed understood thought expected reported said feared hoped known estimated claimed
    alleged rumoured rumored likely unlikely certain suggested assumed argued
    agreed announced confirmed predicted""".split()
)
# "It is possible that / to ...", "It was unclear whether ...": expletive before a clause.
_EVALUATIVE = frozenset(
    """possible impossible important unimportant necessary unnecessary essential vital crucial
    clear unclear hard difficult easy true untrue unknown uncertain obvious evident apparent
    time early late unusual rare common surprising significant doubtful imperative
    critical urgent right wrong fair unfair""".split()
)
_CLAUSE = frozenset("that to whether if how what when where why who which for".split())
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
# '"...," the statement said.' / '"...," he added.' : a quotation closed by an attribution only.
_ATTRIBUTION_TAIL = re.compile(
    r"(?:\"|”|'')\s*,?\s*(?:(?:the|a|an)\s+)?[\w .'-]{1,40}?\s+"
    r"(?:said|says|added|told\s+\w+|stated|explained|noted|wrote)\s*\.?\s*$",
    re.IGNORECASE,
)
_OPENING_QUOTE = re.compile(r"^\s*(?:\"|“|``)")
# '"We could hear the river but we could not see it."': a sentence that is all quotation.
_WHOLLY_QUOTED = re.compile(r"""^\s*(?:"|“|``)[^"“”]*(?:"|”|'')\s*$""")
# A quoted part shorter than this, with only an attribution around it, is a stub, not a report.
MIN_QUOTE_WORDS = 12


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


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
    words = _words(text) if words is None else words
    if not words:
        return None
    if words[0] in ("it's", "there's"):  # one word in _WORD's reading, "it" + "s" in tokens()
        words = [words[0][:-2], "s", *words[1:]]
    if words[0] in _OPENERS and not _placeholder(text, words):
        return words[0]
    if words[0] in FIRST_PERSON_OPENERS and not _OPENING_QUOTE.match(text):
        return words[0]
    # "Three of his relatives were arrested", "Most of their staff left": a part of something a
    # possessive points back at
    if len(words) > 2 and words[1] == "of" and words[2] in _POSSESSIVES:
        return words[2]
    if not _DETERMINERS.isdisjoint(words[:5]):  # the subject: "Navrotsky said that the unit"
        seen = set(_words(named)) if named else set()
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
                    if stem in GENERIC_NOUNS:
                        return f"{word} {noun}"
                    after = words[k + 2] if k + 2 < len(words) else ""
                    # "The problem is that ...", "The problem is enforcement": the predicate
                    # gives its content
                    if stem in SHELL_NOUNS and after not in _SHELL_COMPLEMENT and after not in _BE:
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
            if "too" in leaning and text.rstrip(_CLOSERS + ".").endswith((" too", ",too")):
                return "too"  # "... on Sunday too."
        if _ADDITIVE in leaning and _first_clause_also(text):
            return _ADDITIVE
    if words[0] == "because" and "," not in text:
        return "reply"  # "Because people are very much on edge.": a reason for the unsaid
    if _relative_time(text):
        return "earlier" if re.search(r"earlier|before", text[:40], re.IGNORECASE) else "later"
    # counted in words, as _WORD reads them: tokens() also splits off "'s" and keeps figures
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


# Verb-phrase ellipsis: a short sentence that ends on an auxiliary ("They never really did.",
# "Logic suggests it might.", "But it could not.") leaves its verb to a sentence before it.
_AUXILIARIES = frozenset(
    """did didn't does doesn't do don't will won't would wouldn't can can't cannot could
    couldn't should shouldn't must might may shall hasn't haven't hadn't isn't wasn't aren't
    weren't""".split()
)
# Modals that are also nouns ("China's growing military might", "a strong will"): bare, they are
# read as an elided verb only after a personal pronoun.
_NOUN_MODALS = frozenset("might will can may must".split())
_PERSONAL = frozenset("i you he she it we they".split())
# Sentence-final words after the auxiliary ("... probably didn't, however.").
_TRAILING = frozenset("however too either though anyway then now".split())
_BEFORE_AUXILIARY = frozenset("not never probably certainly still already really just".split())
# The auxiliary closes a clause whose verb is in the sentence itself: a comparison ("than they
# did", "as most units do", "like they always do") or a fronted object ("nothing we could do",
# "what it can do", "everything he does").
_SELF_CONTAINED = frozenset(
    """than as like what how whatever where when if whether all nothing everything anything
    something to""".split()
)
# Longer sentences ending so mostly hold their antecedent ("his mother did not"); a short one
# has room for little besides its subject and the auxiliary.
ELLIPSIS_MAX_WORDS = 12
ELIDED = "elided verb"
_FINAL_WORD = re.compile(r"[A-Za-z][\w'’]*")


def elided_verb(text: str) -> bool:
    """Whether ``text`` is a short sentence whose verb was left to an earlier one: it ends on an
    auxiliary, with nothing but adverbs after it (see _AUXILIARIES, _SELF_CONTAINED)."""
    if text.count(" ") >= ELLIPSIS_MAX_WORDS:  # the common case, checked cheaply
        return False
    tail = text.rstrip(" .!\"”'’)")
    if not tail[-1:].isalpha() or len(text.split()) > ELLIPSIS_MAX_WORDS:
        return False
    if ";" in tail:  # "... made his acknowledgements; his mother did not": its own antecedent
        return False
    words = [w.replace("’", "'") for w in _FINAL_WORD.findall(tail)]
    k = len(words)
    while k and words[k - 1].lower() in _TRAILING:
        k -= 1
    negated = k > 0 and words[k - 1] in ("not", "never")
    while k and words[k - 1] in _BEFORE_AUXILIARY:
        k -= 1
    if k < 2 or words[k - 1] not in _AUXILIARIES:
        return False
    auxiliary, before = words[k - 1], words[k - 2].lower()
    if auxiliary in _NOUN_MODALS and not negated and before not in _PERSONAL:
        return False
    if before in _AUXILIARIES:  # "we could do": "do" is the verb, its object fronted
        return False
    return _SELF_CONTAINED.isdisjoint(w.lower() for w in words[max(0, k - 6) : k - 1])


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


def _placeholder(text: str, words: Sequence[str]) -> bool:
    """Whether the opening "it" or "there" is a placeholder (expletive, existential), not a
    reference: see _BE. ``words``: the opening's lower-case words, "it's" split as "it", "s"."""
    if words[0] not in ("it", "there") or re.match(r"\W*\w+\s*[,;:]", text):
        return False  # "There, the army ..." points at a place
    k = 1
    while k < len(words) and (words[k] in _MODALS or words[k] in _ADVERBS):
        k += 1
    if k >= len(words) or words[k] not in _BE:
        return False
    if words[0] == "there":
        return True  # "There is / have been / will almost certainly be ..."
    if words[k] in ("seems", "seemed", "appears", "appeared"):
        return k + 1 < len(words) and words[k + 1] == "that"  # "It seems that ..."
    k += 1
    while k < len(words) and words[k] in _ADVERBS:
        k += 1
    if k + 1 >= len(words):
        return False  # nothing after the predicate to be its subject
    predicate, after = words[k], words[k + 1]
    if predicate in _RAISING:
        return after not in ("to", "by")  # "It is expected to cost", "It was reported by"
    return predicate in _EVALUATIVE and after in _CLAUSE


# Marks that close or join clauses: no sentence opens with one.
_CLAUSE_PUNCTUATION = frozenset(",;:)]}")
# Short words that prose writes in lower case and headlines, titles and page furniture
# capitalise: two of them capitalised in a sentence's first words (its first word aside, quoted
# words aside) mark a headline run into the sentence after it ("Bush Calls Bailout Vital to
# Economy, Will Meet With McCain and Obama President Bush said yesterday ...") or a page's label
# ("Subscribe to Over To You"). Of Timeline17's 51,107 sentences 51 have them, most such
# furniture; of DUC 2006's 34,855 one, a book's title.
_TITLE_WORDS = frozenset(
    """With That After To For Of On In As At By From Into Over Amid Against Will Is Are Was Be
    And Or But Than Up About Without Under""".split()
)
_TITLE_SPAN = 15
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|``.*?''")
# Where any of _TITLE_WORDS starts in a text. Each is a capital and lower-case letters, so two
# places never overlap and ``findall`` finds every one: fewer than two, and no two words can be.
_TITLE_WORD_ANYWHERE = re.compile("|".join(sorted(_TITLE_WORDS, key=len, reverse=True)))


def _title_run(text: str, words: Sequence[str] | None = None) -> bool:
    """Whether ``text`` opens with words in a headline's capitals (see _TITLE_WORDS). It runs on
    every candidate sentence: a text that holds no two of the words anywhere is done with one
    regular expression (most are), ``words`` (``text.split()``, when already made) serve unless
    a quotation must be cut out first, and the count stops at two."""
    if len(_TITLE_WORD_ANYWHERE.findall(text)) < 2:
        return False
    if '"' in text or "“" in text or "``" in text:
        words = _QUOTED.sub(" ", text).split(None, _TITLE_SPAN + 1)
    elif words is None:
        words = text.split(None, _TITLE_SPAN + 1)
    found = 0
    for word in words[1 : _TITLE_SPAN + 1]:
        if word.strip(",:;") in _TITLE_WORDS:
            found += 1
            if found == 2:
                return True
    return False


# "11 The Premiership is the strongest league ...", "3. In the deposition, ...": a number standing
# before a capitalised function word is a list's or a fact box's numbering, not part of the
# sentence (prose writes "11 people", "2012 Olympics").
# A number closed by a full stop or a bracket is a list's whatever follows ("3. Get an anti-virus
# program and use it.", "2) Deceitfulness, as indicated by ..."): a sentence can open with a
# figure but not with one that its own full stop closes.
_LIST_RUN_IN = re.compile(r"^\d{1,4}([.)]?)\s+[`'\"“‘(]*([A-Z][a-z]*)\b")


# A sentence that trails off ("... taking over will be former Portland Coach...") was cut short
# by a teaser or a transcript; one whose first bracket closes ("538) in Portland, ...") began
# inside a bracket of the sentence before it.
_TRAILS_OFF = ("...", "…")
_CLOSERS = "\"'”’)] "
# A sentence that gives an e-mail address or a telephone number speaks to readers or editors, not
# about the story: a reporter's or a desk's contact line ("The news manager is Paul Foutch,
# 404-526-5429, pfoutch(at)coxnews.com."), a syndicate's sales notice, where to order or whom to
# call. Wire services repeat them under many articles, so a selector that counts what several
# articles share ranks them high. Addresses also as wire copy hides them from harvesters,
# "name(at)host.com"; numbers as North American ("404-526-5429", "(602) 444-7942",
# "1-800-444-0267") and international ("+44 20 7946 0958") ones are written, or any after a
# label ("fax, 47-42-80-44").
_MAIL = re.compile(r"[\w.+-](?:@|\(at\))[\w-]+\.[A-Za-z]")
_PHONE = re.compile(r"\d{3}\)?[\s.-]?\d{3}-\d{4}(?!\d)")
_INTERNATIONAL = re.compile(r"\+\d{1,3}[\s.-]\(?\d{1,4}\)?(?:[\s.-]\d{2,4}){2,}")
_LABELLED = re.compile(r"\b(?:fax|tel|telex|phone)[:,.]?\s*\+?\(?\d", re.IGNORECASE)
# A number written with hyphens has one before a digit: a pattern that opens with one character
# is found by a tight scan, so it rules out most sentences before the others are tried (a
# labelled number without a hyphen, "Tel: 0171 555 1234", is left in: the cost is on every
# candidate sentence).
_HYPHEN_DIGIT = re.compile(r"-\d")
# The writer's tagline under an article ("Duane D. Stanford writes for the Atlanta
# Journal-Constitution, Atlanta, Ga."): about who wrote it, not about the story.
_WRITER_NOTE = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,4}writes\s+for\s+(?:the\s+)?[A-Z]")


# An entry of a chronology box ("Oct. 8, 1998: A large piece of a Concorde's rudder falls off",
# "-- July 25, 2000: An Air France Concorde ... crashes", "Nov. 26 -- Great-uncle Lazaro Gonzalez
# granted temporary custody", "Nov. 5 - Jackson issues his own findings"): a date label, then a
# colon or a dash, then the entry in the chronology's present or clipped past. It tells a day of
# the background and is a timeline's material; in a summary it reads as a list item torn out of
# its box.
_LABEL_YEAR = r"(?:1[6-9]|20)\d\d"
_DATE_LABEL = (
    rf"(?:{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s*{_LABEL_YEAR})?"
    rf"|\d{{1,2}}\s+{MONTH_NAME}(?:\s+{_LABEL_YEAR})?|{MONTH_NAME}\s*,?\s*{_LABEL_YEAR}"
    rf"|{_LABEL_YEAR}(?:\s*[-–]\s*\d{{2,4}})?)"
)
_CHRONOLOGY_ENTRY = re.compile(rf"^\s*(?:--|—|–|-)?\s*{_DATE_LABEL}\s*(?::|--|—|–|(?<=\s)-\s)\s*\S")


# A speaker's label in a transcript ("KURTZ : Now, I don't know ...", "U.S. PRESIDENT BARACK
# OBAMA : When President Mubarak addressed ...") or a listing's heading ("STAR WARS: EPISODE I _
# THE PHANTOM MENACE: Science fiction."): words in capitals only, then a colon. A list's item
# label ("Two : They want to change the constitution.") is a number word and a colon. Either
# is a line of a transcript or a box, not a report.
_LABEL_SPAN = 60
_NUMBER_LABEL = re.compile(
    r"^\W*(?:one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|"
    r"last|finally)\s*:",
    re.IGNORECASE,
)


def label(text: str) -> bool:
    """Whether ``text`` opens with a speaker's or a heading's label: see _LABEL_SPAN."""
    colon = text.find(":", 0, _LABEL_SPAN)
    if colon <= 0:
        return False
    head = text[:colon]
    if not any(c.islower() for c in head) and sum(c.isupper() for c in head) >= 2:
        return True
    return _NUMBER_LABEL.match(text) is not None


# A caption or a headline that lost its full stop runs into the sentence after it ("Rescuers pull
# a child from the rubble of the Haiti earthquake There are mounting security concerns ...",
# "Police fire gun shots to disperse looters in Port-au-Prince More than 2,000 US Marines ..."):
# a word that only a sentence's start capitalises (a determiner, a pronoun, a round number) stands
# capitalised after a word, with no punctuation between, and a lower-case word follows it (a
# title it opened would go on in capitals: "in The Hague", "read The New York Times").
_STARTER_RUN_IN = re.compile(
    r"[a-z0-9]\s+(?:The|There|It|He|She|They|We|This|These|Those|Hundreds|Thousands|Dozens|"
    r"Tens|Millions|Many|Some|Several|Most)\s+[a-z]|[a-z]\s+More\s+than\b"
)
# The writer or a broadcast's host speaking ("Thank you so much for joining us.", "While we're
# still on the point of the hardware design, ...", "In and around this year's transfer gossip,
# you may have noticed ..."): a first- or second-person pronoun outside quotation marks is
# nobody the reader of a summary was given. "I" counts before a lower-case word and after a
# lower-case word or a comma ("World War I veterans" is a name).
_VOICE = re.compile(r"(?<![\w'’.-])(?:[Ww]e|us|[Oo]urs?|[Yy]ou|[Yy]ours?|me|[Mm]y)(?![\w-])")
_LET = re.compile(r"\b[Ll]et(?:\s*'s|\s+us)\b")
_FIRST_PERSON_I = re.compile(r"(?:^|(?<= ))I(?=(?:'[a-z]+)?\s+[a-z])")


_STARTERS = frozenset(
    """The There It He She They We This These Those Hundreds Thousands Dozens Tens Millions More
    Many Some Several Most""".split()
)
# The forms in which the pronouns of _VOICE stand between white space: a sentence holding none
# (most) is done with one set operation on its words.
_VOICE_FORMS = frozenset(
    word + mark
    for lower in """we us our ours you your yours me my I I'm I've I'd I'll we're we've we'd
    we'll you're you've you'd you'll""".split()
    for word in {lower, lower[0].upper() + lower[1:]} - {"Us", "Me"}
    for mark in ("", ",", ".", ";", ":", "?", "!", ")", "''", '"', "”", "’")
)


# Every word that _title_run, _starter_run_in or writers_voice looks for, as white space
# leaves it (a title word with the marks _title_run strips).
_MARKED_WORDS = (
    _STARTERS
    | _VOICE_FORMS
    | {"let", "let's"}
    | {
        before + word + after
        for word in _TITLE_WORDS
        for before in ("", ",", ":", ";")
        for after in ("", ",", ":", ";")
    }
)

# A first word that the writer's voice needs: "Let's ...", "You can still charge ...", "We are
# living through ..." (one that other tests need is capitalised by its place, not marked).
_OPENING_MARKS = frozenset({"Let", "Let's"} | {w for w in _VOICE_FORMS if w[:1].isupper()})


def _starter_run_in(text: str, words: Sequence[str]) -> bool:
    """Whether a caption or headline runs into ``text``'s sentence (_STARTER_RUN_IN), quoted
    titles aside ("``Varicella Vaccine: Is It a Travel Immunization?''"). ``words``:
    ``text.split()``; a text with none of _STARTERS after its first word is done with them."""
    if _STARTERS.isdisjoint(words[1:]) or _STARTER_RUN_IN.search(text) is None:
        return False
    if '"' in text or "“" in text or "``" in text:
        return _STARTER_RUN_IN.search(_QUOTED.sub(" ", text)) is not None
    return True


def writers_voice(text: str, *, words: Sequence[str] | None = None) -> bool:
    """Whether ``text`` speaks in the first or second person outside quotation marks.
    ``words``: ``text.split()``, when already made."""
    words = text.split() if words is None else words
    if _LET.search(text) is not None:
        return True  # "Let 's go now live to Cairo", "Now let's go to Wolf in Washington"
    if _VOICE_FORMS.isdisjoint(words):
        return False  # the common case
    if '"' in text or "“" in text or "``" in text:
        text = _QUOTED.sub(" ", text)
    if _VOICE.search(text) is not None:
        return True
    for found in _FIRST_PERSON_I.finditer(text):
        before = text[: found.start()].split()
        # "War I veterans": a name's numeral; "Frankly, I think", "Sometimes I wonder": the
        # writer (a first word is capitalised by its place)
        if len(before) < 2 or not before[-1][:1].isupper() or not before[-1][-1].isalnum():
            return True
    return False


def chronology_entry(text: str) -> bool:
    """Whether ``text`` is an entry of a chronology box: a date label, then a colon or a dash."""
    return _CHRONOLOGY_ENTRY.match(text) is not None


def contact_details(text: str) -> bool:
    """Whether ``text`` gives an e-mail address or a telephone number (the cheap tests first: it
    runs on every candidate sentence)."""
    if ("@" in text or "(at)" in text) and _MAIL.search(text):
        return True
    if (
        "-" in text
        and _HYPHEN_DIGIT.search(text)
        and (_PHONE.search(text) or _LABELLED.search(text))
    ):
        return True
    return "+" in text and _INTERNATIONAL.search(text) is not None


def writer_note(text: str) -> bool:
    """Whether ``text`` is the writer's tagline: "<name> writes for <outlet>"."""
    return " writes for " in text and _WRITER_NOTE.match(text) is not None


def layout_fragment(text: str, words: Sequence[str]) -> str | None:
    """Why the way a page was laid out or spoken makes ``text`` no whole report: "unbalanced
    bracket" (a treebank ")" with no "(" before it), "label" (a transcript's speaker), "headline
    run-in" (a caption or headline run into the sentence), "writer's voice"; or None. ``words``:
    ``text.split()``. Such a sentence cannot be quoted, but still says which day it is about
    (a timeline weighs it as evidence: ``DatedUnits.unquotable``)."""
    if "-RRB-" in text and "-LRB-" not in text[: text.find("-RRB-")]:  # Penn Treebank's ")"
        return "unbalanced bracket"
    if ":" in text and label(text):
        return "label"
    # one set operation on the words after the first finds the sentences (few) that the tests
    # of capitals and of the writer's voice need (a first word is capitalised by its place, and
    # one of the first person is an opening reference)
    # (all the words first: most sentences hold none, and a slice of them is a copy)
    if (words and words[0] in _OPENING_MARKS) or (
        not _MARKED_WORDS.isdisjoint(words) and not _MARKED_WORDS.isdisjoint(words[1:])
    ):
        if _title_run(text, words) or _starter_run_in(text, words):
            return "headline run-in"
        if writers_voice(text, words=words):
            return "writer's voice"
    return None


def _aside(text: str) -> bool:
    """Whether ``text`` is wholly in brackets, or opens a bracket it does not close: "(The
    federal government could approve the project if the state refuses.)" is an aside to the
    sentence before it, which it often names only by reference ("the project", "the state"), and
    "(Overweight is defined as a body mass index of 25 to 29; obese is ..." the first sentence of
    one. "(Reuters) The minister resigned." closes its bracket before the sentence."""
    body = text.strip().lstrip("\"'“‘`")
    if not body.startswith("("):
        return False
    depth = 0
    for at, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return not body[at + 1 :].strip(_CLOSERS + ".!?")
    return True


# A sentence that announces what comes after it ("The following are major news items in leading
# Israeli newspapers Friday.", a wire digest's lead in DUC 2007), not "The following day, ...".
_FOLLOWING = re.compile(
    r"(?:The\s+)?following\s+(?:(?:edited\s+)?(?:excerpts?|material|items?|list|statement|text)\b"
    r"|(?:is|are|was|were)\b)",
    re.IGNORECASE,
)


def fragment(text: str, *, words: Sequence[str] | None = None, layout: bool = True) -> str | None:
    """Why ``text`` is not a whole report ("lower-case start", "punctuation start", "headline
    run-in", "list number", "cut off", "lead-in" (a line that introduces what follows it, ending
    in a colon), "unbalanced bracket", "aside" (a sentence wholly in brackets), "contact
    details", "writer's note", "unbalanced quote",
    "attribution stub"), or None. ``words``: ``text.split()``, when already made. ``layout``:
    also the tests of :func:`layout_fragment` (without them, a headline run in by its capitals
    is still one)."""
    stripped = text.lstrip("\"'“‘`( ")
    if stripped[:1].islower():
        return "lower-case start"
    # ", chairman of the committee, to determine ...": the tail of a sentence cut after a
    # bracket ("Rep. Barney Frank (D-Mass.) , chairman ..." in Timeline17 finan)
    if stripped[:1] in _CLAUSE_PUNCTUATION:
        return "punctuation start"
    if text.rstrip(_CLOSERS).endswith(_TRAILS_OFF):
        return "cut off"
    if text.rstrip().endswith(":") or _FOLLOWING.match(stripped):
        return "lead-in"  # "The key points:", "Among the spending Clinton will seek:"
    if ")" in text and "(" not in text[: text.find(")")]:
        return "unbalanced bracket"
    if "(" in text[:3] and _aside(text):
        return "aside"
    if words is None:
        words = text.split()
    if layout:
        laid_out = layout_fragment(text, words)
    else:
        laid_out = "headline run-in" if _title_run(text, words) else None
    if laid_out is not None:
        return laid_out
    run_in = _LIST_RUN_IN.match(stripped) if stripped[:1].isdigit() else None
    if run_in is not None and (run_in[1] or run_in[2].lower() in STOPWORDS):
        return "list number"
    if contact_details(text):
        return "contact details"
    if writer_note(text):
        return "writer's note"
    if '"' not in text and "`" not in text and "'" not in text and "“" not in text:
        return None  # most sentences quote nothing: skip the regular expressions
    # Quotation marks (straight, curly, PTB's `` and ''), counted kind by kind: no two kinds
    # share a character. Both tests after this need a quotation opening the text.
    straight = text.count('"')
    opening = text.count("“") + text.count("``")
    closing = text.count("”") + text.count("''")
    if straight % 2 or opening != closing or _single_quote_unbalanced(text):
        return "unbalanced quote"
    if not (straight or opening) or not _OPENING_QUOTE.match(text):
        return None
    if _ATTRIBUTION_TAIL.search(text):
        quoted = _ATTRIBUTION_TAIL.sub("", text)
        if len(_words(quoted)) < MIN_QUOTE_WORDS:
            return "attribution stub"
    if _WHOLLY_QUOTED.match(text):  # its opening is _OPENING_QUOTE
        return "unattributed quote"  # who said it is in another sentence
    return None


# British pages quote in single marks ("He said: 'The country is facing critical times." is the
# first sentence of a quote that runs on; "... no dependence on official posts.'" its last), where
# a straight mark is also an apostrophe. An opening mark starts a word and is no contraction
# ("'s" of tokenised text, "'em"); a closing one follows the end of a sentence or clause, which
# a plural possessive ("the leaders' talks") never does.
#
# Each pattern opens with the mark and looks behind it after: a pattern that opens with a
# lookbehind or an alternation is tried at every character, which made these two tests a quarter
# of quality.fragment's time (the lookbehind of the opening mark, "not after a character outside
# the set", also holds at the text's start).
_SINGLE_OPENING = re.compile(
    r"""['‘`](?<![^\s(:;,\u2014\u2013"“]['‘`])(?!(?:s|re|ve|ll|d|m|t|em|n)\b)(?=[A-Za-z])"""
)
_SINGLE_CLOSING = re.compile(r"""['’](?<=[\w.,!?]['’])(?=[\s.,;:!?)"”-]|$)""")
_SINGLE_CLOSING_AFTER_STOP = re.compile(r"""['’](?<=[.,!?]['’])(?=[\s)"”]|$)""")


def _single_quote_unbalanced(text: str) -> bool:
    """Whether a single-quoted quotation opens and does not close in ``text``, or closes in it
    without having opened (the sentences of a quote that runs over several)."""
    if "'" not in text and "‘" not in text and "’" not in text:
        return False
    openings = [m.start() for m in _SINGLE_OPENING.finditer(text)]
    if openings:
        return not any(m.start() > openings[-1] for m in _SINGLE_CLOSING.finditer(text))
    return _SINGLE_CLOSING_AFTER_STOP.search(text) is not None


# "rejected that argument as inadmissible", "expects that number to decline", "pressed those
# ideas": a demonstrative inside a sentence points back at something its own words do not name
# (an opening one is opening_reference's). Read for precision: a quotation's own "this country"
# points at the speaker's world, "this week" at the date, "that officials were" is a clause,
# and "this dull film", "this part of Turkey" carry their own content.
_DEMONSTRATIVE = re.compile(
    r"\b(?P<det>[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?P<noun>[a-z][a-z-]+)\b"
    r"(?:(?P<gap>[ ,;:.]*)(?P<after>[A-Za-z'’]+))?"
)
_DEICTIC_NOUNS = frozenset(
    """week weekend year month day morning afternoon evening night time summer winter spring
    fall autumn season century decade era hour minute moment point stage past way far
    much""".split()
)
# Words after which a noun phrase has ended ("those ideas since May").
_ENDS = STOPWORDS | frozenset("since last next".split())
_COUNT_NOUNS = frozenset("figure number total toll amount sum estimate count".split())
_AUX_VERBS = _BE | _MODALS | frozenset("did does do shall".split())


_FUNCTION_BEFORE = frozenset(
    "on in of about for with at by from to under after before over against into despite".split()
)


def _after_preposition_or_past(before: str) -> bool:
    words = before[-24:].split()  # the last word is all it reads
    last = words[-1].lower() if words else ""
    return last in _FUNCTION_BEFORE or (last.endswith("ed") and last not in _BE)


def demonstrative_reference(text: str, *, named: str = "") -> str | None:
    """The first "that argument" or "those ideas" in ``text`` whose noun neither the words before
    it nor ``named`` (what the reader has read) name, or None. "that" is read as a determiner
    only after a preposition or a verb's past, where a singular noun ends its phrase and no
    verb follows ("said that officials were", "a trial that began" are clauses)."""
    # It runs on every candidate sentence, and most hold none of the words (a sentence's opening
    # "This" is opening_reference's): substring tests are the cheap way to find that out.
    if not ("that " in text or "this " in text or "these " in text or "those " in text):
        return None
    plain = _QUOTED.sub(lambda m: " " * len(m[0]), text) if ("``" in text or '"' in text) else text
    for found in _DEMONSTRATIVE.finditer(plain):
        det, noun = found["det"].lower(), found["noun"]
        after = (found["after"] or "").lower()
        if (
            noun in STOPWORDS
            or noun in _DEICTIC_NOUNS
            or noun in _AUX_VERBS
            or noun.endswith(("ly", "ed"))
            or after == "of"  # "this part of Turkey": the complement names it
            # "this dull film": the phrase goes on, and what it names is read for precision
            or (not (found["gap"] or "").strip() and after[:1].islower() and after not in _ENDS)
        ):
            continue
        if (
            det == "that"
            and (
                noun.endswith("s")
                or after in _AUX_VERBS
                or after.endswith("ed")
                # a relative clause ("a decision that found for", "laws that deprive"): "that" is
                # read as a determiner only after a preposition or a verb's past ("rejected that")
                or not _after_preposition_or_past(plain[: found.start()])
            )
        ):
            continue
        before = f"{named} {plain[: found.start()]}".lower()
        if noun in _COUNT_NOUNS and any(c.isdigit() for c in before):
            continue  # "the toll rose to 17,997, but revised that figure down"
        # "recommended ... that recommendation": the noun's first letters name it too
        stem = noun[:6] if len(noun) > 7 else noun[:-1] if noun.endswith("s") else noun
        if re.search(rf"\b{re.escape(stem)}", before) is None:
            return f"{det} {noun}"
    return None


def problems(summary: Summary) -> list[tuple[int, str]]:
    """(sentence index, what is wrong) for every summary sentence that does not stand alone: a
    fragment, or an opening reference that no earlier sentence resolves. A sentence that follows
    its own predecessor in the article (the selector put them together) is resolved by it."""
    found: list[tuple[int, str]] = []
    read = ""
    previous: Citation | None = None
    for index, sentence in enumerate(summary.sentences):
        own = sentence.citations[0] if sentence.citations else None
        follows = (
            own is not None
            and previous is not None
            and previous.article_id == own.article_id
            and 0 <= own.start - previous.end <= 3
        )
        why = fragment(sentence.text) or (
            "chronology entry" if chronology_entry(sentence.text) else None
        )
        if why is None and not follows:
            reference = opening_reference(sentence.text, named=read)
            why = reference if reference == ELIDED else reference and f"opens with {reference!r}"
            if why is None and (pointer := demonstrative_reference(sentence.text, named=read)):
                why = f"refers to {pointer!r}"
        if why is not None:
            found.append((index, why))
        read += " " + sentence.text
        previous = own
    return found
