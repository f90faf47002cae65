"""Who said what: attributions ("the ministry said", "according to police"), pronouns resolved
to the last named speaker, and quoted passages.

Rules over one sentence at a time (regular expressions and short word lists): attributions are
read for every sentence of a story, most of which hold no number and are never parsed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.entities import TITLES
from storyline.facts.models import Attribution, Quote
from storyline.models import Article, Sentence
from storyline.text import STOPWORDS, split_sentences

# --------------------------------------------------------------------------- attributions

_SAY = (
    r"said|says|say|told|tells|reported|reports|announced|confirmed|insisted|insists|added|warned|"
    r"maintains|maintained|"
    r"stated|claimed|claims|claim|alleged|allege|accused|denied|denies|deny|rejected|disputed|"
    r"dismissed|insist|admit|estimate|"
    r"estimated|acknowledged|admitted|wrote|tweeted|posted|noted|explained|argued|suggested|"
    # "Preliminary reports suggest it occurred at a depth of 24.4 km": with "suggest" a saying
    # verb, "reports" is the speaker's noun, not the verb of a speaker "Preliminary"
    r"suggests|suggest"
)
# Not "was" or "were": a saying verb in the passive names who was told, denied or accused, not
# who spoke ("the gunman was denied a permit, police said"; "residents were told to leave").
_AUX = r"(?:(?:has|have|had)\s+)?(?:(?:also|later|earlier|previously|repeatedly)\s+)?"
_SPEAKER_WORD = r"[A-Za-z][\w'’.&-]*"
_SPEAKER = rf"(?:{_SPEAKER_WORD})(?:\s+(?:{_SPEAKER_WORD})){{0,6}}?"
# Speaker then verb, after the sentence start or a clause break: "the ministry said", "RT reported".
_NOT_REPORTING = r"(?!\s+(?:missing|dead|killed|injured|wounded|safe|alive|lost|found)\b)"
_SPEAKER_VERB = re.compile(
    rf"(?:^|[,;:”\"]\s*|\band\s+|\bbut\s+)(?P<speaker>{_SPEAKER})\s+{_AUX}"
    rf"(?P<verb>{_SAY})\b{_NOT_REPORTING}(?!\s+{_AUX}(?:{_SAY})\b)"
)
# ("Various Russian reports said": "reports" is the speaker's noun when a saying verb follows.)
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


# Words a speaker's noun phrase never opens with: a clause word, or a count of the things
# (who says something is named, not counted).
_NOT_OPENING = frozenset(
    """where when while whom whose what which why how several many some few most all both
    two three four five six seven eight nine ten eleven twelve dozens hundreds thousands""".split()
)


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
    if lower[0] in _NOT_OPENING or lower == ["one"]:
        return False  # "where several people said", "Eleven confirmed ...", "Several countries"
    verbs = {"is", "are", "was", "were", "be", "been", "had", "has", "have", "would", "could",
             "will", "that", "which", "if", "when", "than"}  # fmt: skip
    return not any(w in verbs for w in lower[:-1])


def _trim_speaker(speaker: str) -> str:
    """Drop words that belong to the clause before the speaker.

    "a step the authority" -> "the authority"; "a charge Petra Illic" -> "Petra Illic".
    """
    speaker = re.sub(r"^(?!(?:the|its|their)\s)[a-z].*?\s(?=(?:the|its|their)\s)", "", speaker)
    return re.sub(r"^(?!(?:the|its|their)\s)[a-z][a-z\s]*?\s(?=[A-Z])", "", speaker)


@functools.lru_cache(maxsize=8192)  # a story page reads each sentence for facts and for claims
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
            # a sentence that opens "But Newsday reported ...": the conjunction is not the speaker
            speaker = _trim_speaker(re.sub(r"^(?:But|And|Yet|So|Still)\s+", "", speaker))
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
