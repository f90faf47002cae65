"""Who "Smith" is: a summary's first mention of a person written in full.

News names a person in full at first mention ("Augusto Pinochet") and by surname afterwards
("Pinochet said ..."). An extractive summary that takes a later sentence gives the reader the bare
surname without the full name it stands for. :func:`bare_surname` finds such an opening;
:func:`full_name` finds the full name that the sentence's own article wrote before it, so the
summary can write it (the article the sentence cites says both: who, and what they said). Both
look only where a sentence opens with a capitalised word or ends on a claimant ("..., Wilson
said."): the article is searched for that one surname, never read word by word (which cost
more than the summary itself).

A person is recognised only by that convention, not by a name list: the article writes
"Given Surname" (a capitalised given name, optionally a middle initial) and later the surname alone.
A capitalised word that the text also writes in lower case ("Police said", "Climate change") is a
common word, not a surname, and so is a place after a compass word ("South Florida").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from storyline.text import STOPWORDS

# Capitalised words that are never a given name in front of a surname: titles, function words
# that open sentences, calendar words, compass words ("South China", "Northern Ireland").
_NOT_GIVEN = frozenset(
    """mr mrs ms miss dr sir lord lady gen general president prime minister sen senator rep
    representative gov governor judge justice king queen prince princess pope col colonel capt
    captain lt lieutenant sgt sergeant adm admiral chancellor secretary chairman chairwoman chief
    officer professor prof ambassador spokesman spokeswoman commander mayor premier sheikh
    ayatollah rev reverend bishop cardinal father brother sister saint st
    although though after before when while since until unless because despite if as so then
    one two three four five six seven eight nine ten dozens hundreds thousands
    yesterday today tomorrow last next first former late new old young
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec north south east west northern southern eastern western central upper lower
    greater""".split()
)
_VOWEL = re.compile(r"[aeiouy]")
# A sentence that opens with one capitalised word and goes on in lower case (or with "'s" or a
# comma): "Pinochet said ...", "Barak's government ...", "Lundy, who ...".
_OPENING = re.compile(r"^([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=(?:'s|’s)?,?\s+[a-z(\"“])")
# Or the claimant a sentence ends on: "..., Wilson said.", "..., said Wilson.", "..., according to
# Wilson." News attributes by surname once the person is named, so the claimant is often bare.
_SAYS = frozenset(("said", "says", "added"))
_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _claimant(sentence: str) -> tuple[str, int] | None:
    """The capitalised word a sentence ends on as its claimant, and where it is. Read from the
    last words with string methods: it runs on every candidate sentence of a summary."""
    tail = sentence[-40:]
    if "sa" not in tail and "added" not in tail and "told" not in tail and "accord" not in tail:
        return None  # most sentences
    text = sentence.rstrip(" .'\"”’")
    last = text.rsplit(None, 3)
    if len(last) < 3:
        return None
    if last[-1] in _SAYS or last[-2] == "told":
        word = last[-2] if last[-1] in _SAYS else last[-3]
        before = text[: text.rfind(word)].rstrip()
        if not before.endswith((",", ",'", ',"', ",”", ",’")):
            return None
    elif last[-2] in _SAYS or (last[-2] == "to" and last[-3] == "according"):
        word = last[-1]
    else:
        return None
    if not _WORD.fullmatch(word):
        return None
    return word, text.rfind(word)


def surnames_at(sentence: str) -> list[tuple[str, int]]:
    """The capitalised words that may be a bare surname, with where they are: the one opening
    the sentence and the claimant it ends on ("..., Wilson said.")."""
    found = []
    opening = _OPENING.match(sentence)
    if opening is not None and _may_be_surname(opening[1]):
        found.append((opening[1], 0))
    claimant = _claimant(sentence)
    if claimant is not None and _may_be_surname(claimant[0]):
        found.append(claimant)
    return found


def _may_be_surname(word: str) -> bool:
    lower = word.lower()
    return lower not in STOPWORDS and lower not in _NOT_GIVEN


# The words just before a surname: "Given ", "Given M. " or "First Middle ", at the end of the
# text searched. A full name is thus at most "First Given M. Surname": it adds at most three words
# to the surname it replaces (the summarizer relies on the bound to look names up lazily).
MOST_ADDED_WORDS = 3
_GIVEN_BEFORE = re.compile(
    r"(?:(?<![\w.])([A-Z][a-z]+)\s+)?(?<![\w.])([A-Z][a-z]+)((?:\s+[A-Z]\.)?)\s+$"
)


class Words:
    """What a text writes, looked up word by word on demand and remembered: whether it writes a
    word in lower case, and whether it writes a capitalised word with no capitalised word after
    it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: dict[str, bool] = {}
        self._alone: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        """Whether the text writes ``word`` (lower case) as a word of its own."""
        if not isinstance(word, str):
            return False
        found = self._lower.get(word)
        if found is None:
            found = self._lower[word] = _word_at(self.text, word, alone=False)
        return found

    def alone(self, word: str) -> bool:
        """Whether the text writes the capitalised ``word`` without a capitalised word after it:
        "Various reports" shows "Various" is no given name; "Ehud" never comes without "Barak"."""
        found = self._alone.get(word)
        if found is None:
            found = self._alone[word] = _word_at(self.text, word, alone=True)
        return found


def _word_at(text: str, word: str, *, alone: bool) -> bool:
    """Whether ``text`` writes ``word`` as a whole word (``alone``: with no capitalised word
    after it). ``str.find`` first: a regular expression per word scanned every article."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        whole = (at == 0 or not text[at - 1].isalpha()) and not text[end : end + 1].isalpha()
        if whole and not (alone and re.match(r"\s+[A-Z]", text[end : end + 3])):
            return True
        at = text.find(word, at + 1)
    return False


def lower_words(texts: Iterable[str]) -> Words:
    """The words of the texts: a capitalised opener they also write in lower case is a common
    word ("Police said"), not a surname."""
    return Words("\n".join(texts))


def bare_surname(sentence: str, *, common: Words) -> str | None:
    """The first capitalised word that opens ``sentence`` or is the claimant it ends on and may
    be a surname standing alone, else None. ``common``: :func:`lower_words` of the story's
    texts."""
    return next((w for w, _ in surnames_at(sentence) if w.lower() not in common), None)


def full_name(surname: str, words: Words, *, before: int | None = None) -> str | None:
    """The first "Given [M.] Surname" that ``words``' text writes (before offset ``before``), or
    None. No capitalised word may follow ("Stonewall Democratic Federation" is not a person, nor
    "Agence France-Presse"), and the given name must not be a title, a function, calendar or
    compass word, a word the text writes in lower case, nor one it writes alone somewhere
    ("Various Ardanian officials" and "Various reports"). "Gen. Augusto Pinochet" gives
    "Augusto Pinochet"."""
    text = words.text
    end = len(text) if before is None else before
    at = text.find(surname, 0, end)
    while at >= 0:
        after = at + len(surname)
        whole = at > 0 and not text[after : after + 1].isalpha()
        # nor a hyphen and a capital: "Agence France-Presse" names no one called France
        if whole and not re.match(r"\s+[A-Z]|-[A-Z]", text[after : after + 3]):
            match = _GIVEN_BEFORE.search(text, max(0, at - 40), at)
            if match is not None and _given_name(match[2], surname, words):
                # "Eric Robert Rudolph" in full; "Prime Minister Ehud Barak" from "Ehud".
                first = match[1] if match[1] and _given_name(match[1], surname, words) else ""
                return f"{first} {match[2]}{match[3]} {surname}".lstrip()
        at = text.find(surname, at + 1, end)
    return None


def _given_name(given: str, surname: str, words: Words) -> bool:
    lower = given.lower()
    if given == surname or lower in STOPWORDS or lower in _NOT_GIVEN:
        return False
    if not _VOWEL.search(lower):
        return False  # "Pr", "Dr": an abbreviation, not a given name
    return lower not in words and not words.alone(given)


def introduced(surname: str, read: str) -> bool:
    """Whether the text already read names the person: the surname after a capitalised word
    ("Augusto Pinochet", "Gen. Pinochet") or alone (then that earlier sentence was the first
    mention)."""
    return surname in read and _word_at(read, surname, alone=False)


def bare_first_mentions(texts: Sequence[str], words: Words) -> list[str]:
    """The sentences of ``texts`` (a summary in reading order) that open with a person's bare
    surname ("Barak has promised ...") no earlier one wrote, where the story's text (``words``:
    :func:`lower_words` of its articles) names the person in full ("Ehud Barak"): the reader
    meets "Barak" without being told who that is."""
    return [texts[k] for k in bare_first_mentions_at(texts, words)]


def bare_first_mentions_at(texts: Sequence[str], words: Words) -> list[int]:
    """The indices in ``texts`` of :func:`bare_first_mentions`."""
    found: list[int] = []
    read = ""
    for index, text in enumerate(texts):
        surname = bare_surname(text, common=words)
        if surname and not introduced(surname, read) and full_name(surname, words):
            found.append(index)
        read += " " + text
    return found


class FullNames:
    """:func:`full_name` for sentences of one story's articles, each article's words looked up
    once (made per summary, so nothing outlives the call)."""

    def __init__(self) -> None:
        self._words: dict[int, Words] = {}

    def __call__(self, text: str, article: str, start: int, *, read: str = "") -> str | None:
        """The full name to write for a bare surname that opens ``text`` (a sentence at
        ``start`` in ``article``) or is the claimant it ends on, or None: when no such word is a
        surname, when ``read`` (the summary before it) already wrote it, or when the article does
        not name the person in full before the sentence."""
        found = self.locate(text, article, start, read=read)
        return None if found is None else found[0]

    def locate(
        self, text: str, article: str, start: int, *, read: str = ""
    ) -> tuple[str, int, str] | None:
        """(full name, offset in ``text``, surname) for :meth:`__call__`'s answer."""
        for surname, at in surnames_at(text):  # most sentences: none, the article not searched
            if introduced(surname, read) or (at and introduced(surname, text[:at])):
                continue  # "Mirela Vostrak warned ..., Vostrak said."
            words = self._words.get(id(article))
            if words is None:
                words = self._words[id(article)] = Words(article)
            if surname.lower() in words:
                continue  # a common word ("Police said")
            name = full_name(surname, words, before=start)
            if name is not None:
                return name, at, surname
        return None


def write_names_in_full(
    texts: list[str], sources: list[tuple[str, int]], *, words_left: int | None
) -> list[str]:
    """``texts`` (a summary's sentences in reading order) with each person's first mention, when
    it is a bare surname opening the sentence or its claimant, written in full as the sentence's
    own article wrote it earlier (``sources``: each sentence's article text and its offset),
    while the added words fit in ``words_left`` (None: no word limit). A surname the article
    does not name in full before the sentence stays as it is: the name must come from the
    article the sentence cites."""
    out: list[str] = []
    read = ""
    name_in_full = FullNames()
    for text, (article, start) in zip(texts, sources, strict=True):
        found = name_in_full.locate(text, article, start, read=read)
        extra = len(found[0].split()) - 1 if found else 0
        if found is not None and (words_left is None or extra <= words_left):
            name, at, surname = found
            text = text[:at] + name + text[at + len(surname) :]
            words_left = None if words_left is None else words_left - extra
        out.append(text)
        read += " " + text
    return out
