"""Key facts in news text: counted quantities, who said what, and quotes (the names involved are
found by :mod:`storyline.entities`).

Everything here is a pure function over :class:`~storyline.models.Article` and
:class:`~storyline.models.Sentence`, rules only (regular expressions and short word lists, about
0.2 ms a sentence), so that facts can be drawn from every article of a large story.

What counts as a quantity is what a reader would compare across outlets: "17 people died",
"25 boats", "40 million crowns", "12%". Durations ("24 hours"), ages, years, clock times and
fractions are left out on purpose: they date or describe an event rather than measure it, and
comparing them across outlets produces noise rather than disagreements.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from storyline.entities import TITLES, VERBISH
from storyline.models import Article, Sentence
from storyline.text import STOPWORDS, split_sentences

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Quantity:
    """A number and what it counts, as written in one sentence.

    ``start``/``end`` index into ``Article.text`` and cover the number and its noun. ``upper`` is
    set for ranges ("40 to 60 millimetres"). ``kind`` is a normalised category (``deaths``,
    ``injured``, ``missing``, ``rescued``, ``money``, ``percent``...) or, when the text names no
    such category, the noun's lemma (``village``, ``boat``).
    """

    value: float
    approx: bool
    unit: str
    kind: str
    text: str
    article_id: str
    start: int
    end: int
    upper: float | None = None
    place: str | None = None


@dataclass(frozen=True)
class Attribution:
    """Who a sentence says its content came from ("the ministry said", "according to police")."""

    speaker: str
    verb: str
    article_id: str
    start: int  # span of the attributing phrase in Article.text
    end: int
    forward: bool = False  # "X said <what>" covers what follows; ", X said" what comes before

    @property
    def key(self) -> str:
        """The speaker without determiners, lower-cased: "The Ministry" and "the ministry" match."""
        return speaker_key(self.speaker)


@dataclass(frozen=True)
class Quote:
    """Text inside quotation marks and who said it (None when the article does not say)."""

    text: str
    speaker: str | None
    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """One reported quantity in context: what, how many, where, when, from whom.

    ``start``/``end`` are the span of the *sentence* in ``Article.text`` (what a citation links
    to); ``text`` is the quantity phrase itself. ``when`` is the date the fact refers to: the
    article's publication date unless a per-sentence date was supplied.
    """

    kind: str
    unit: str
    value: float
    approx: bool
    article_id: str
    start: int
    end: int
    text: str
    outlet: str
    when: date | None = None
    attributed_to: str | None = None
    place: str | None = None
    upper: float | None = None

    @property
    def source_key(self) -> tuple[str, str | None]:
        """Who stands behind the number: the outlet and, if named, the party it quotes."""
        return (self.outlet, speaker_key(self.attributed_to) if self.attributed_to else None)


# --------------------------------------------------------------------------- numbers

_UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "one" is left out: "one of", "no one", "the next one" make it more often a pronoun than a count.
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
# Plural scales are vague counts: "hundreds of families" is some hundreds, kept as the low end.
_VAGUE = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0,
          "millions": 2e6}  # fmt: skip
_APPROX = (
    r"at least|at most|about|around|approximately|nearly|almost|roughly|more than|over|"
    r"fewer than|less than|up to|some|an estimated|estimated|as many as|close to|upwards of"
)
_WORD_NUM = r"(?:{})(?:[- ](?:{}))?".format(
    "|".join(sorted(_UNITS, key=len, reverse=True)),
    "two|three|four|five|six|seven|eight|nine",
)
_NUMBER = re.compile(
    rf"(?P<approx>\b(?:{_APPROX})\s+)?"
    r"(?P<num>"
    r"(?P<currency>[$€£])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    rf"|\b(?P<dozen>(?:a|two|three|four|five) dozen)\b|\b(?P<word>{_WORD_NUM})\b"
    rf"|\b(?P<vague>{'|'.join(_VAGUE)}) of\b"
    r")"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|bn|m)\b)?"
    r"(?P<pct>\s?(?:%|per ?cent\b))?",
    re.IGNORECASE,
)
_RANGE_TAIL = re.compile(r"\s*(?:to|-|–|and)\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b")
_DETERMINER = re.compile(r"\b(?:the|these|those|its|their|his|her|our|my|your|whose)\s+$", re.I)
_TIME_AFTER = re.compile(r"^(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock|gmt|utc)\b", re.I)
_DURATIONS = frozenset(
    "second minute hour day night week month year decade century fortnight weekend am pm".split()
)


def _number_value(match: re.Match[str]) -> tuple[float, bool] | None:
    """The value of a number match and whether the wording itself makes it approximate."""
    approx = bool(match["approx"])
    if match["digits"]:
        value = float(match["digits"].replace(",", ""))
    elif match["word"]:
        parts = re.split(r"[- ]", match["word"].lower())
        value = float(sum(_UNITS[p] for p in parts))
    elif match["dozen"]:
        head = match["dozen"].lower().split()[0]
        value = 12.0 * (1 if head == "a" else _UNITS[head])
    elif match["vague"]:
        value, approx = _VAGUE[match["vague"].lower()], True
    else:
        return None
    if match["scale"]:
        value *= _SCALES[match["scale"].lower()]
    return value, approx


# --------------------------------------------------------------------------- nouns and kinds

_PEOPLE = frozenset(
    """people person persons resident civilian man men woman women child children villager
    passenger worker tourist student patient pilgrim migrant refugee miner fisherman fishermen
    soldier troop police officer protester demonstrator family families farmer victim crew
    member""".split()
)
_CURRENCY = frozenset(
    "crown dollar euro pound yen franc rupee shekel dinar rouble ruble yuan krona lira".split()
)
_PERCENT = frozenset({"percent", "per cent", "%"})
_CASUALTY_NOUNS = {
    "dead": "deaths", "death": "deaths", "deaths": "deaths", "fatality": "deaths",
    "fatalities": "deaths", "killed": "deaths", "injured": "injured", "wounded": "injured",
    "injuries": "injured", "missing": "missing", "casualties": "casualties",
    "casualty": "casualties",
}  # fmt: skip
# Context cues that turn a count of people into a count of an outcome. Nearest cue wins.
_CUES: tuple[tuple[str, str], ...] = (
    (
        "deaths",
        r"died|dead|killed|killing|kills|death toll|deaths?|lost their lives|perished|drowned",
    ),
    ("injured", r"injured|wounded|hurt|injuries|hospitali[sz]ed"),
    ("missing", r"missing|unaccounted for"),
    ("rescued", r"rescued|rescue|saved|pulled|brought|lifted|airlifted"),
    ("evacuated", r"evacuated|evacuation|fled|displaced|homeless"),
    ("arrested", r"arrested|detained|held in custody"),
    ("body", r"bod(?:y|ies)"),
)
_CUE = re.compile(
    "|".join(f"(?P<{kind}>\\b(?:{words})\\b)" for kind, words in _CUES), re.IGNORECASE
)
_TOLL = re.compile(
    r"\b(?:death toll|toll|number of (?:\w+ )?(?:killed|dead|deaths)"
    r"|(?P<inj>number of (?:\w+ )?(?:injured|wounded))"
    r"|(?P<mis>number of (?:\w+ )?missing))\b[^.;]*?\b(?:at|to|of|reached|is|was|hit)\s*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()“”\"]|\s[-–—]\s|\bbut\b|\bwhile\b|\bwhereas\b")
_NOUN_TOKEN = re.compile(r"\s*([A-Za-z][a-z]*(?:-[a-z]+)*)")
_PLACE_AFTER = re.compile(  # used with .match(text, pos): no "^", which ignores pos
    r"\s+(?:from|in|near|at)\s+(?:the (?:village|town|city|province|region|district) of\s+)?"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)
_IRREGULAR = {"people": "people", "men": "man", "women": "woman", "children": "child",
              "sorties": "sortie", "series": "series", "species": "species",
              "fishermen": "fisherman", "police": "police", "lives": "life",
              "casualties": "casualty", "injuries": "injury", "fatalities": "fatality"}  # fmt: skip


def lemma(word: str) -> str:
    """A plural noun's singular by suffix rules: enough for the nouns that follow numbers."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def _noun_after(text: str, pos: int) -> tuple[str, int] | None:
    """The noun a number counts: up to three words, ending at the first plural."""
    words: list[str] = []
    end = pos
    while len(words) < 3:
        m = _NOUN_TOKEN.match(text, end)
        if not m:
            break
        word = m[1].lower()
        if word in _CASUALTY_NOUNS and not words:
            return word, m.end()
        if word in STOPWORDS or word in VERBISH or (word.endswith("ed") and word != "need"):
            if not words and word in ("more", "other", "additional", "further", "new"):
                end = m.end()
                continue
            break
        words.append(word)
        end = m.end()
        if (word.endswith("s") and not word.endswith("ss")) or word in _PEOPLE:
            break
    if not words:
        return None
    return " ".join(words), end


def _cue_kind(before: str, after: str) -> str | None:
    """The outcome a count of people refers to, from the nearest cue in its clause."""
    after = _CLAUSE_BREAK.split(after)[0][:25]
    for m in _CUE.finditer(after):  # the verb that follows a count is what it counts
        return m.lastgroup
    before = re.split(r"\band\b", _CLAUSE_BREAK.split(before)[-1])[-1][-40:]
    cues = list(_CUE.finditer(before))
    return cues[-1].lastgroup if cues else None


def _kind(noun: str, before: str, after: str, *, percent: bool, currency: bool) -> str:
    head = noun.split()[-1]
    if percent:
        return "percent"
    if currency or lemma(head) in _CURRENCY:
        return "money"
    if head in _CASUALTY_NOUNS:
        return _CASUALTY_NOUNS[head]
    if lemma(head) in _PEOPLE or head in _PEOPLE:
        return _cue_kind(before, after) or lemma(head)
    return lemma(head)


# --------------------------------------------------------------------------- quantities


def _skip_number(text: str, match: re.Match[str]) -> bool:
    """Numbers that are not counts: years, clock times, compounds ("40-kilometre"), "the two"."""
    after = text[match.end() :]
    if re.match(r"[-–][A-Za-z]", after) or _TIME_AFTER.match(after):
        return True
    digits = match["digits"]
    if digits and len(digits) == 4 and 1800 <= float(digits) <= 2100 and not match["approx"]:
        return True
    return bool(not match["approx"] and _DETERMINER.search(text[: match.start()]))


# "53 people in the past 24 hours" counts a window, not the running total: a kind of its own.
_WINDOW = re.compile(
    r"\b(?:in|over|during|within) the (?:past|last|previous) (?:(\w+) )?(hours?|days?|weeks?)\b",
    re.IGNORECASE,
)


def _window(after: str) -> str | None:
    m = _WINDOW.search(_CLAUSE_BREAK.split(after)[0][:80])
    if m is None:
        return None
    return f"in {m[1]} {m[2].lower()}" if m[1] else f"in one {lemma(m[2])}"


def _toll_kind(before: str) -> str | None:
    m = _TOLL.search(before)
    if m is None:
        return None
    return "injured" if m["inj"] else "missing" if m["mis"] else "deaths"


def extract_quantities(sentence: Sentence) -> tuple[Quantity, ...]:
    """Counted quantities in one sentence, with spans into the article text."""
    text = sentence.text
    found: list[Quantity] = []
    pos = 0
    while (match := _NUMBER.search(text, pos)) is not None:
        quantity = _quantity(text, match, sentence)
        pos = match.end()
        if quantity is not None:
            found.append(quantity)
            pos = max(pos, quantity.end - sentence.start)  # a range's second number is taken
    return tuple(found)


def _quantity(text: str, match: re.Match[str], sentence: Sentence) -> Quantity | None:
    parsed = _number_value(match)
    if parsed is None or _skip_number(text, match):
        return None
    value, approx = parsed
    end = match.end()
    upper: float | None = None
    tail = _RANGE_TAIL.match(text, end)
    if tail and match["digits"] and not match["pct"]:
        upper, end = float(tail[1].replace(",", "")), tail.end()
    before = text[: match.start()]
    percent = bool(match["pct"])
    if percent:
        noun, end = "percent", end
    else:
        found = _noun_after(text, end)
        if found is None:
            toll = _toll_kind(before)
            if toll is None:
                return None
            found = (toll, end)
        noun, end = found
    if lemma(noun.split()[-1]) in _DURATIONS:
        return None
    kind = _kind(noun, before, text[end:], percent=percent, currency=bool(match["currency"]))
    window = _window(text[end:])
    if window is not None:
        kind = f"{kind} {window}"
    place = _PLACE_AFTER.match(text, end)
    start = match.start()
    return Quantity(
        value=value,
        approx=approx,
        unit=" ".join(lemma(w) for w in noun.split()),
        kind=kind,
        text=text[start:end],
        article_id=sentence.article_id,
        start=sentence.start + start,
        end=sentence.start + end,
        upper=upper,
        place=place[1] if place else None,
    )


# --------------------------------------------------------------------------- attributions

_SAY = (
    r"said|says|say|told|tells|reported|reports|announced|confirmed|insisted|insists|added|warned|"
    r"maintains|maintained|"
    r"stated|claimed|claims|alleged|accused|denied|denies|rejected|disputed|dismissed|"
    r"estimated|acknowledged|admitted|wrote|tweeted|posted|noted|explained|argued|suggested"
)
_AUX = r"(?:(?:has|have|had|was|were)\s+)?(?:(?:also|later|earlier|previously|repeatedly)\s+)?"
_SPEAKER_WORD = r"[A-Za-z][\w'’.&-]*"
_SPEAKER = rf"(?:{_SPEAKER_WORD})(?:\s+(?:{_SPEAKER_WORD})){{0,6}}?"
# Speaker then verb, after the sentence start or a clause break: "the ministry said", "RT reported".
_NOT_REPORTING = r"(?!\s+(?:missing|dead|killed|injured|wounded|safe|alive|lost|found)\b)"
_SPEAKER_VERB = re.compile(
    rf"(?:^|[,;:”\"]\s*|\band\s+|\bbut\s+)(?P<speaker>{_SPEAKER})\s+{_AUX}"
    rf"(?P<verb>{_SAY})\b{_NOT_REPORTING}"
)
# Speaker with an appositive name: "its chief engineer, Pell Marrack, told the Herald".
_APPOSITIVE = re.compile(
    rf"(?:^|[,;:”\"]\s*)(?:{_SPEAKER}),\s+(?P<speaker>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,2}}),"
    rf"\s+{_AUX}(?P<verb>{_SAY})\b{_NOT_REPORTING}"
)
# Verb then speaker: "“...,” said Edda Varn, 46".
# Speaker with a relative clause: "The state water authority, which operates the dam, said".
_RELATIVE = re.compile(
    rf"^(?P<speaker>{_SPEAKER}),\s+(?:who|which)\b[^,]{{0,80}},\s+{_AUX}(?P<verb>{_SAY})\b"
)
_VERB_SPEAKER = re.compile(
    rf"[,”\"]\s*(?P<verb>said|says|added|asked)\s+(?P<speaker>{_SPEAKER})(?=\s*(?:[,.;]|$|who\b))"
)
_ACCORDING = re.compile(rf"\baccording to\s+(?P<speaker>{_SPEAKER})(?=\s*(?:[,.;]|$))")
_NOT_SPEAKERS = frozenset(
    "it this that there which what who he she they we i you a an what".split()
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_SPEAKER_LEAD = re.compile(
    r"^(?:(?:in|on|at|by|after|before|as|with|for|from|when|meanwhile|earlier|later|also|"
    r"separately|however|but|and|yet|so)\b[^,]*,\s*)+",
    re.IGNORECASE,
)


def speaker_key(speaker: str) -> str:
    words = [w for w in re.findall(r"[\w'’&-]+", speaker.lower()) if w not in ("the", "a", "an")]
    return " ".join(words)


def _plausible_speaker(speaker: str) -> bool:
    """A speaker is a short noun phrase: no verbs, numbers or sentence-long subjects."""
    words = speaker.split()
    if not words or len(words) > 6:
        return False
    lower = [w.lower() for w in words]
    if lower[-1] in STOPWORDS and lower[-1] not in _PRONOUNS:
        return False
    if len(words) == 1 and lower[0] in _NOT_SPEAKERS - _PRONOUNS:
        return False
    if any(ch.isdigit() for ch in speaker):
        return False
    verbs = {"is", "are", "was", "were", "be", "been", "had", "has", "have", "would", "could",
             "will", "that", "which", "if", "when", "than"}  # fmt: skip
    return not any(w in verbs for w in lower[:-1])


def _trim_speaker(speaker: str) -> str:
    """Drop words that belong to the clause before the speaker.

    "a step the authority" -> "the authority"; "a charge Petra Illic" -> "Petra Illic".
    """
    speaker = re.sub(r"^(?!(?:the|its|their)\s)[a-z].*?\s(?=(?:the|its|their)\s)", "", speaker)
    return re.sub(r"^(?!(?:the|its|their)\s)[a-z][a-z\s]*?\s(?=[A-Z])", "", speaker)


def extract_attributions(sentence: Sentence) -> tuple[Attribution, ...]:
    """Who the sentence attributes its content to; several when it quotes several parties."""
    text = sentence.text
    out: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_ACCORDING, _VERB_SPEAKER, _APPOSITIVE, _RELATIVE, _SPEAKER_VERB):
        for m in pattern.finditer(text):
            raw = _SPEAKER_LEAD.sub("", m["speaker"]).strip(" .")
            speaker = re.sub(r"^(?:and|but|while|as)\s+", "", raw)
            joined = speaker != raw  # "..., while X maintains <what>" speaks forward
            speaker = _trim_speaker(speaker)
            if not _plausible_speaker(speaker):
                continue
            start, end = m.start("speaker"), m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            verb = m.groupdict().get("verb") or "according to"
            opener = text[: m.start("speaker")].rstrip()
            forward = pattern not in (_VERB_SPEAKER, _ACCORDING) and (
                not opener or opener.endswith((" and", " but", ";")) or joined
            )
            out.append(
                Attribution(
                    speaker=speaker,
                    verb=verb.lower(),
                    article_id=sentence.article_id,
                    start=sentence.start + start,
                    end=sentence.start + end,
                    forward=forward,
                )
            )
    out.sort(key=lambda a: a.start)
    return tuple(out)


def _is_person_name(speaker: str) -> bool:
    words = speaker.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and words[0] != "The"


_PERSON_MENTION = re.compile(
    r"\b(?:[A-Z][a-z]+\s+)?(?:[a-z]+\s+)?"  # "Opposition lawmaker", "Prime Minister"
    r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})(?=,\s+(?:who|a|an|the|\d)|\s+(?:said|told|who))"
)


def resolve_pronouns(
    attributions: Sequence[tuple[Attribution, ...]],
    sentences: Sequence[Sentence] | None = None,
) -> tuple[tuple[Attribution, ...], ...]:
    """Replace "he said"/"it said" with the last person / body named before it in the article.

    "he"/"she" take the last person's name (from a speaker or, given the sentences, a mention
    such as "Prime Minister Aurel Vance, who ..."); "it"/"they" the last speaker that is not one.
    """
    last_person: str | None = None
    last_body: str | None = None
    resolved: list[tuple[Attribution, ...]] = []
    for index, row_in in enumerate(attributions):
        row: list[Attribution] = []
        for a in row_in:
            word = a.speaker.lower()
            target = last_person if word in ("he", "she") else last_body
            if word in _PRONOUNS and target is not None:
                a = replace(a, speaker=target)
            elif word not in _PRONOUNS:
                if _is_person_name(a.speaker.split(",")[0]):
                    last_person = a.speaker
                else:
                    last_body = a.speaker
            row.append(a)
        resolved.append(tuple(row))
        if sentences is not None:
            mentions = _PERSON_MENTION.findall(sentences[index].text)
            if mentions:
                last_person = re.sub(rf"^(?:{TITLES})\s+", "", mentions[-1])
    return tuple(resolved)


_QUOTE = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"")


def extract_quotes(
    article: Article, *, sentences: Sequence[Sentence] | None = None
) -> tuple[Quote, ...]:
    """Quoted passages and their speakers.

    A quote takes the speaker of its own sentence; a quote sentence without one continues the
    previous quote's speaker if it is in the same paragraph (the usual way a long quote runs on).
    """
    sentences = split_sentences(article) if sentences is None else sentences
    per_sentence = resolve_pronouns([extract_attributions(s) for s in sentences], sentences)
    quotes: list[Quote] = []
    previous: tuple[int, str | None] = (-1, None)
    for sentence, attributions in zip(sentences, per_sentence, strict=True):
        matches = list(_QUOTE.finditer(sentence.text))
        if not matches:
            continue
        speaker = attributions[0].speaker if attributions else None
        if speaker is None and previous[0] == sentence.paragraph:
            speaker = previous[1]
        for m in matches:
            body = m[1] if m[1] is not None else m[2]
            start = sentence.start + m.start() + 1
            quotes.append(Quote(body, speaker, article.id, start, start + len(body)))
        previous = (sentence.paragraph, speaker)
    return tuple(quotes)


# --------------------------------------------------------------------------- facts

When = Mapping[Sentence, date | None]


def article_facts(article: Article, *, when: When | None = None) -> tuple[Fact, ...]:
    """Every quantity of an article as a Fact, dated and attributed.

    ``when`` maps a sentence to the date it reports on (see ``storyline.dates``); a sentence not
    in it, or no mapping at all, falls back to the article's publication date.
    """
    sentences = split_sentences(article)
    attributions = resolve_pronouns([extract_attributions(s) for s in sentences], sentences)
    facts: list[Fact] = []
    for sentence, said in zip(sentences, attributions, strict=True):
        quantities = extract_quantities(sentence)
        if not quantities:
            continue
        day = when.get(sentence, article.published) if when is not None else article.published
        for q in quantities:
            facts.append(
                Fact(
                    kind=q.kind,
                    unit=q.unit,
                    value=q.value,
                    approx=q.approx,
                    article_id=article.id,
                    start=sentence.start,
                    end=sentence.end,
                    text=q.text,
                    outlet=article.outlet,
                    when=day,
                    attributed_to=_speaker_for(q, said),
                    place=q.place,
                    upper=q.upper,
                )
            )
    return tuple(facts)


def _speaker_for(quantity: Quantity, said: Sequence[Attribution]) -> str | None:
    """The attribution whose scope holds the quantity, nearest first.

    "X said <content>" covers what follows it and ", X said" what comes before; a sentence that
    quotes two sides ("the army said 12 ..., while rebels said 40") gives each number its own.
    """
    covering = [
        a
        for a in said
        if (a.forward and a.end <= quantity.start) or (not a.forward and a.start >= quantity.end)
    ]
    if not covering:
        # A trailing ", police said, with three missing" still vouches for the whole sentence.
        covering = [a for a in said if not a.forward]
    if not covering:
        return None
    nearest = min(
        covering, key=lambda a: min(abs(a.start - quantity.end), abs(quantity.start - a.end))
    )
    return nearest.speaker


def story_facts(articles: Iterable[Article], *, when: When | None = None) -> tuple[Fact, ...]:
    """Facts of several articles, in input order."""
    return tuple(f for article in articles for f in article_facts(article, when=when))
