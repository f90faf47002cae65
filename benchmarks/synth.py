"""A seeded generator of synthetic news with gold labels, for benchmarks that need scale.

Real corpora with wire-copy and story labels are small and cannot ship in the repo, so this module
writes news the way a newsroom economy produces it: *stories* (a topic, named places and people,
numbers) unfold as *events* over several days; each event is covered by several outlets, each in its
own words (same facts, different wording: the hard negatives for de-duplication); some events are
covered by an agency whose one text is reprinted by several outlets with a new headline, a photo
caption on top, the outlet's sign-off lines, a cut ending and a few copy-edits (the positives).
Some outlets also quote the same spokesperson verbatim, and an outlet's follow-up reuses one
background sentence, so that different articles share some exact text, as they do in real life.

Every article carries gold labels: ``story_id``, ``event_id`` and ``wire_group`` (shared by an
agency text, its reprints and exact re-posts; unique for everything else). All vocabulary is
invented or written here; no data is read. ``generate`` is a generator over blocks of stories, so
memory stays constant up to millions of articles; ``python -m benchmarks.synth`` measures its speed.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.models import RawDocument

# --------------------------------------------------------------------------------------------------
# Word lists (written for this module).

_SYLLABLES = (
    "ar bel cor dan el fen gar hol ist jor kel lan mar nor ost pel quin ros sel tor ul ven wes "
    "yar zel bra cla dro fli gra kro mil nav pra sto tre vil"
).split()
_PLACE_ENDINGS = ("ton", "by", "ford", "holm", "ava", "grad", "mouth", "field", "ora", "stead")
_FIRST_NAMES = (
    "Anna Ben Clara David Elena Farid Grace Hugo Ines Jonas Kira Leo Maya Nikolai Olga Pablo "
    "Rosa Samir Tess Umar Vera Walter Yusuf Zora Amir Bianca Carl Dana Emil Freya"
).split()
_ROLES = (
    "mayor",
    "police spokesperson",
    "regional governor",
    "health minister",
    "fire chief",
    "union leader",
    "company spokesperson",
    "opposition leader",
    "emergency coordinator",
    "court official",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# topic: (headline noun, event nouns, quantity units, cause phrases, consequence phrases)
_TOPICS: tuple[
    tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...
] = (
    (
        "wildfire",
        ("the wildfire", "the blaze", "the fire", "the forest fire"),
        ("hectares", "homes", "residents", "firefighters"),
        ("dry winds", "a heatwave", "a downed power line", "a campfire left unattended"),
        ("evacuation orders", "road closures", "school closures", "smoke warnings"),
    ),
    (
        "flood",
        ("the flooding", "the floods", "the high water", "the storm surge"),
        ("households", "people", "kilometres of road", "rescue workers"),
        ("days of heavy rain", "a burst dam", "melting snow", "a slow-moving storm"),
        ("power cuts", "emergency shelters", "train cancellations", "boil-water notices"),
    ),
    (
        "strike",
        ("the strike", "the walkout", "the industrial action", "the stoppage"),
        ("workers", "flights", "trains", "shifts"),
        ("a pay dispute", "pension changes", "staff shortages", "a contract deadline"),
        ("cancelled services", "long queues", "talks with mediators", "emergency timetables"),
    ),
    (
        "election",
        ("the election", "the vote", "the ballot", "the runoff"),
        ("votes", "seats", "polling stations", "voters"),
        ("a snap decision by parliament", "a collapsed coalition", "a court ruling", "a recall"),
        ("a recount", "coalition talks", "protests", "a narrow majority"),
    ),
    (
        "trial",
        ("the trial", "the hearing", "the case", "the proceedings"),
        ("witnesses", "charges", "days of testimony", "documents"),
        ("a fraud inquiry", "a whistleblower report", "an audit", "a police raid"),
        ("an appeal", "a delayed verdict", "a plea deal", "a new indictment"),
    ),
    (
        "outbreak",
        ("the outbreak", "the infections", "the cluster of cases", "the epidemic"),
        ("cases", "patients", "hospital beds", "vaccine doses"),
        ("contaminated water", "a crowded festival", "a new variant", "a hospital cluster"),
        ("a vaccination drive", "school closures", "travel advice", "testing centres"),
    ),
    (
        "factory",
        ("the factory closure", "the plant shutdown", "the layoffs", "the closure"),
        ("jobs", "workers", "million euros", "suppliers"),
        ("falling orders", "rising energy costs", "a merger", "a failed takeover"),
        ("retraining schemes", "a rescue plan", "protests at the gates", "a government loan"),
    ),
    (
        "transport",
        ("the derailment", "the crash", "the collision", "the accident"),
        ("passengers", "carriages", "injured people", "investigators"),
        ("a signal failure", "a broken rail", "driver fatigue", "icy tracks"),
        ("line closures", "replacement buses", "a safety review", "compensation claims"),
    ),
)

_SAID = ("said", "told reporters", "said in a statement", "told a news conference", "said on")
_OFFICIALS = (
    "officials",
    "authorities",
    "local officials",
    "the authorities",
    "regional officials",
)
_ADVERBS = (
    "Earlier",
    "Meanwhile",
    "Later",
    "On Tuesday",
    "Overnight",
    "By evening",
    "Since then",
    "At the same time",
    "This week",
    "In the morning",
    "Elsewhere",
    "Separately",
)
_SUBJECTS = (
    "residents",
    "volunteers",
    "local businesses",
    "neighbours",
    "aid groups",
    "experts",
    "critics",
    "families",
    "shop owners",
    "teachers",
    "engineers",
    "lawmakers",
    "farmers",
    "commuters",
    "students",
    "nurses",
    "council members",
    "church leaders",
    "parents",
    "pensioners",
    "hotel owners",
    "bus drivers",
    "scientists",
    "union members",
)
_VERBS = (
    "called for",
    "warned of",
    "complained about",
    "asked about",
    "prepared for",
    "questioned",
    "welcomed",
    "described",
    "pointed to",
    "raised concerns over",
    "demanded answers on",
    "criticised",
    "argued over",
    "signed a petition about",
    "held a vigil over",
    "wrote to ministers about",
    "praised",
    "debated",
    "shared stories about",
    "voiced anger at",
    "sought clarity on",
    "organised meetings on",
)
_OBJECTS = (
    "the response",
    "the cost of repairs",
    "the lack of information",
    "the slow pace of help",
    "the planning rules",
    "the budget",
    "the warnings issued",
    "long-term damage",
    "the next steps",
    "the risk to livelihoods",
    "the new measures",
    "the timeline",
    "insurance payouts",
    "rising prices",
    "the clean-up effort",
    "missing relatives",
    "emergency funding",
    "the official figures",
    "future safety checks",
    "the closed roads",
    "compensation rules",
    "temporary housing",
    "the investigation",
    "water supplies",
)
_TAILS = (
    "in recent days",
    "at a packed meeting",
    "on social media",
    "in interviews",
    "outside the town hall",
    "in a joint letter",
    "during a visit",
    "at a briefing",
    "late into the night",
    "at the weekend",
    "in a radio phone-in",
    "at the local school",
    "through a spokesperson",
    "in an open letter",
    "at a street protest",
    "over coffee in the square",
    "in a televised debate",
    "at the market",
)
_QUOTES = (
    "We are doing everything we can to keep people safe",
    "This is a difficult moment for the whole community",
    "We will not rest until every question has been answered",
    "The situation remains serious but it is under control",
    "People deserve clear information and they will get it",
    "We have never seen anything on this scale before",
    "Our priority is the families who have lost everything",
    "There will be a full and independent review",
)

_EDITS = {
    "said": "stated",
    "people": "residents",
    "about": "around",
    "more": "over",
    "began": "started",
    "large": "big",
    "near": "close to",
    "officials": "authorities",
    "help": "assistance",
    "warned": "cautioned",
    "percent": "per cent",
}

_OUTLETS = (
    ("The Daily Courier", "Click here to join the Daily Courier channel for breaking news."),
    ("Northern Herald", "Follow the Northern Herald on social media for live updates."),
    ("Metro Gazette", "© 2026 Metro Gazette. All rights reserved."),
    ("The Evening Post", "Sign up for The Evening Post morning briefing, delivered free."),
    ("Valley Tribune", "Got a news tip? Email the Valley Tribune newsroom."),
    ("Coastal Times", "Click here to join our WhatsApp group for the latest news."),
    ("City Ledger", "Read more local stories at City Ledger online."),
    ("The Observer Star", "Subscribe to the Observer Star to support local journalism."),
    ("Highland News", "Share this story: Facebook | X | Email"),
    ("Riverside Journal", "Copyright Riverside Journal. Not for redistribution."),
    ("Capital Dispatch", "Click here to join Capital Dispatch on Telegram for alerts."),
    ("Harbour Voice", "Listen to the Harbour Voice daily podcast wherever you get podcasts."),
)
_AGENCIES = ("Continental Press", "Global Wire Service", "United News Agency")


# --------------------------------------------------------------------------------------------------
# Data types.


@dataclass(frozen=True)
class SynthConfig:
    """Shape of the synthetic stream: by default about half the articles are copies of a text."""

    stories_per_block: int = 40
    days_per_block: int = 7
    events_per_story: tuple[int, int] = (2, 5)
    outlets_per_event: tuple[int, int] = (1, 4)  # own-words articles (hard negatives of each other)
    wire_probability: float = 0.6  # an event gets an agency text
    reprints_per_wire: tuple[int, int] = (1, 6)
    agency_published_probability: float = 0.5  # the agency's own copy is in the stream too
    exact_repost_probability: float = 0.03
    brief_probability: float = 0.1  # very short articles: harder for containment


@dataclass(frozen=True)
class SynthArticle:
    """One generated article with its gold labels."""

    id: str
    title: str
    source: str
    published: date
    text: str
    story_id: str
    event_id: str
    wire_group: str  # same value = copies of one text ("is a reprint of" holds between them)
    kind: str  # original | agency | reprint | repost

    def to_raw(self) -> RawDocument:
        return RawDocument(
            text=self.text,
            origin=f"synth:{self.id}",
            title=self.title,
            source=self.source,
            published=self.published,
            doc_key=self.id,
        )

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.published.isoformat(),
            "text": self.text,
            "story_id": self.story_id,
            "event_id": self.event_id,
            "wire_group": self.wire_group,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class _Story:
    id: str
    topic: int
    places: tuple[str, ...]
    people: tuple[tuple[str, str], ...]  # (name, role)
    start: date


@dataclass(frozen=True)
class _Event:
    id: str
    story: _Story
    day: date
    numbers: tuple[int, ...]
    cause: str
    consequence: str
    quote: str
    person: tuple[str, str]
    place: str


# --------------------------------------------------------------------------------------------------
# Text generation.


def _pick(rng: random.Random, seq: Sequence[str]) -> str:
    """``rng.choice`` without its overhead: this runs millions of times."""
    return seq[int(rng.random() * len(seq))]


def _name(rng: random.Random, endings: Sequence[str] = ()) -> str:
    word = _pick(rng, _SYLLABLES) + _pick(rng, _SYLLABLES)
    if endings:
        word += _pick(rng, endings)
    return word.capitalize()


def _make_story(rng: random.Random, story_id: str, start: date) -> _Story:
    places = tuple(_name(rng, _PLACE_ENDINGS) for _ in range(3))
    people = tuple(
        (f"{_pick(rng, _FIRST_NAMES)} {_name(rng)}", _pick(rng, _ROLES)) for _ in range(3)
    )
    return _Story(story_id, int(rng.random() * len(_TOPICS)), places, people, start)


def _make_event(rng: random.Random, story: _Story, index: int, day: date) -> _Event:
    topic = _TOPICS[story.topic]
    scale = 10 ** (1 + int(rng.random() * 4))
    numbers = tuple(int(scale * (1 + rng.random() * 9)) for _ in range(3))
    return _Event(
        id=f"{story.id}.e{index}",
        story=story,
        day=day,
        numbers=numbers,
        cause=_pick(rng, topic[3]),
        consequence=_pick(rng, topic[4]),
        quote=_pick(rng, _QUOTES),
        person=story.people[int(rng.random() * len(story.people))],
        place=story.places[int(rng.random() * len(story.places))],
    )


def _number(rng: random.Random, value: int) -> str:
    hedge = ("", "about ", "more than ", "nearly ", "at least ", "some ")[int(rng.random() * 6)]
    return f"{hedge}{value:,}"


def _fact_sentences(rng: random.Random, ev: _Event) -> list[str]:
    """The event's facts, each in one of several wordings: outlets share facts, not phrasing."""
    topic = _TOPICS[ev.story.topic]
    thing = _pick(rng, topic[1])
    units = topic[2]
    name, role = ev.person
    weekday = _DAYS[ev.day.weekday()]
    n0, n1, n2 = (_number(rng, n) for n in ev.numbers)
    u0, u1, u2 = units[0], units[1], units[2 % len(units)]
    said = _pick(rng, _SAID)
    officials = _pick(rng, _OFFICIALS)
    near = f"{thing.capitalize()} near {ev.place}"
    lead = (
        f"{near} has affected {n0} {u0}, {officials} said on {weekday}.",
        f"{officials.capitalize()} in {ev.place} said {n0} {u0} had been affected by {thing}.",
        f"On {weekday}, {thing} around {ev.place} reached {n0} {u0}, according to {officials}.",
        f"{n0.capitalize()} {u0} have been hit by {thing} in the {ev.place} area.",
    )
    second = (
        f"The {role}, {name}, {said} that {n1} {u1} were involved.",
        f"{name}, the {role}, put the number of {u1} at {n1}.",
        f"According to {name}, {n1} {u1} were affected so far.",
        f"{n1.capitalize()} {u1} are involved, the {role} {name} {said}.",
    )
    cause = (
        f"Investigators believe {thing} was caused by {ev.cause}.",
        f"{ev.cause.capitalize()} is thought to be behind {thing}.",
        f"The cause was {ev.cause}, {_pick(rng, _OFFICIALS)} believe.",
        f"Early reports point to {ev.cause} as the trigger.",
    )
    consequence = (
        f"The situation has led to {ev.consequence} across the region.",
        f"Residents now face {ev.consequence}, with {n2} {u2} on standby.",
        f"{ev.consequence.capitalize()} followed, affecting {n2} {u2}.",
        f"In response, {officials} announced {ev.consequence}.",
    )
    quote = f'"{ev.quote}," {name} {said}.'
    return [
        _pick(rng, lead),
        _pick(rng, second),
        _pick(rng, cause),
        _pick(rng, consequence),
        quote,
    ]


def _filler(rng: random.Random, ev: _Event) -> str:
    place = ev.story.places[int(rng.random() * len(ev.story.places))]
    return (
        f"{_pick(rng, _ADVERBS)}, {_pick(rng, _SUBJECTS)} in {place} {_pick(rng, _VERBS)} "
        f"{_pick(rng, _OBJECTS)} {_pick(rng, _TAILS)}."
    )


def _background(ev: _Event) -> str:
    """One sentence an outlet reuses across its follow-ups (deterministic per story)."""
    story = ev.story
    return (
        f"{_TOPICS[story.topic][1][0].capitalize()} first made news on {story.start:%B} "
        f"{story.start.day} in {story.places[0]}, where {story.people[0][0]} leads the response."
    )


def _body(rng: random.Random, ev: _Event, *, brief: bool) -> str:
    """Sentences in paragraphs of one to three; facts lead, filler and background follow."""
    facts = _fact_sentences(rng, ev)
    if brief:
        sentences = facts[:3]
    else:
        tail = facts[2:] + [_filler(rng, ev) for _ in range(6 + int(rng.random() * 12))]
        rng.shuffle(tail)
        sentences = facts[:2] + tail
        if rng.random() < 0.5:
            sentences.insert(len(sentences) - 2, _background(ev))
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        size = 1 + int(rng.random() * 3)
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    return "\n\n".join(paragraphs)


def _headline(rng: random.Random, ev: _Event) -> str:
    topic = _TOPICS[ev.story.topic]
    return (
        f"{topic[0].capitalize()} in {ev.place}: {ev.consequence} as {_pick(rng, _SUBJECTS)} "
        f"{_pick(rng, _VERBS)} {_pick(rng, _OBJECTS)}"
    )


# --------------------------------------------------------------------------------------------------
# Reprint transformations.


def _caption(rng: random.Random, ev: _Event, agency: str) -> str:
    name = ev.person[0]
    if rng.random() < 0.5:
        return f"FILE PHOTO: {name} speaks in {ev.place} on {_DAYS[ev.day.weekday()]}. ({agency})"
    return (
        f"{_pick(rng, _SUBJECTS).capitalize()} gather in {ev.place}. (Photo: {_name(rng)}/{agency})"
    )


def _trim(rng: random.Random, body: str) -> str:
    """Cut the last 10-50% of the words, at a sentence end when there is one."""
    keep = int(len(body) * (0.5 + rng.random() * 0.4))
    cut = body.rfind(". ", 0, keep)
    return body[: cut + 1] if cut > len(body) // 3 else body[:keep]


def _copy_edit(rng: random.Random, body: str) -> str:
    """A few words changed, the way a sub-editor does it."""
    words = body.split(" ")
    for _ in range(1 + int(rng.random() * 4)):
        i = int(rng.random() * len(words))
        words[i] = _EDITS.get(words[i], words[i] if rng.random() < 0.5 else "the")
    return " ".join(words)


def _reprint(rng: random.Random, ev: _Event, body: str, agency: str, footer: str) -> str:
    if rng.random() < 0.7:
        body = _trim(rng, body)
    if rng.random() < 0.7:
        body = _copy_edit(rng, body)
    parts = []
    if rng.random() < 0.6:
        parts.append(_caption(rng, ev, agency))
    parts.append(body)
    if rng.random() < 0.5:
        parts.append(
            f"Reporting by {_pick(rng, _FIRST_NAMES)} {_name(rng)}; editing by {_name(rng)}"
        )
    parts.append(footer)
    return "\n\n".join(parts)


# --------------------------------------------------------------------------------------------------
# The stream.


def _event_articles(
    rng: random.Random, ev: _Event, config: SynthConfig
) -> Iterator[tuple[str, str, date, str, str]]:
    """(title, source, date, text, kind) for every article about one event, outlets first."""
    lo, hi = config.outlets_per_event
    outlets = rng.sample(
        range(len(_OUTLETS)), k=min(len(_OUTLETS), lo + int(rng.random() * (hi - lo + 1)))
    )
    for o in outlets:
        name, footer = _OUTLETS[o]
        brief = rng.random() < config.brief_probability
        text = _body(rng, ev, brief=brief) + "\n\n" + footer
        yield _headline(rng, ev), name, ev.day, text, "original"
    if rng.random() >= config.wire_probability:
        return
    agency = _pick(rng, _AGENCIES)
    wire = f"{ev.place.upper()} ({agency}) — " + _body(rng, ev, brief=False)
    if rng.random() < config.agency_published_probability:
        yield _headline(rng, ev), agency, ev.day, wire, "agency"
    lo, hi = config.reprints_per_wire
    for o in rng.sample(range(len(_OUTLETS)), k=lo + int(rng.random() * (hi - lo + 1))):
        name, footer = _OUTLETS[o]
        day = ev.day + timedelta(days=int(rng.random() < 0.3))
        yield _headline(rng, ev), name, day, _reprint(rng, ev, wire, agency, footer), "reprint"


def _block(rng: random.Random, block: int, config: SynthConfig, start: date) -> list[SynthArticle]:
    out: list[SynthArticle] = []
    for s in range(config.stories_per_block):
        story_start = start + timedelta(days=int(rng.random() * config.days_per_block))
        story = _make_story(rng, f"s{block}.{s}", story_start)
        lo, hi = config.events_per_story
        day = story_start
        for e in range(lo + int(rng.random() * (hi - lo + 1))):
            ev = _make_event(rng, story, e, day)
            wire_group = f"{ev.id}.w"
            for n, (title, source, published, text, kind) in enumerate(
                _event_articles(rng, ev, config)
            ):
                group = wire_group if kind in ("agency", "reprint") else f"{ev.id}.o{n}"
                out.append(
                    SynthArticle("", title, source, published, text, story.id, ev.id, group, kind)
                )
                if rng.random() < config.exact_repost_probability:
                    out.append(
                        SynthArticle(
                            "", title, source, published, text, story.id, ev.id, group, "repost"
                        )
                    )
            day += timedelta(days=1 + int(rng.random() * 3))
    out.sort(key=lambda a: a.published)
    return out


def generate(
    n: int, *, seed: int = 0, config: SynthConfig | None = None, start: date = date(2024, 1, 1)
) -> Iterator[SynthArticle]:
    """Yield ``n`` articles, roughly in date order, with gold labels. Same seed, same articles.

    Works block by block (``config.stories_per_block`` stories over ``config.days_per_block`` days),
    so memory does not grow with ``n``. Ids are ``a0000000``, ``a0000001``, ... in yield order.
    """
    config = config or SynthConfig()
    rng = random.Random(seed)
    produced = 0
    block = 0
    while produced < n:
        day0 = start + timedelta(days=block * config.days_per_block)
        for article in _block(rng, block, config, day0):
            if produced >= n:
                return
            yield SynthArticle(
                f"a{produced:07d}",
                article.title,
                article.source,
                article.published,
                article.text,
                article.story_id,
                article.event_id,
                article.wire_group,
                article.kind,
            )
            produced += 1
        block += 1


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the synthetic news generator.")
    parser.add_argument("-n", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=0, help="print this many articles")
    args = parser.parse_args()
    t0 = time.perf_counter()
    words = 0
    for i, article in enumerate(generate(args.n, seed=args.seed)):
        words += len(article.text.split()) if i < 10_000 else 0
        if i < args.show:
            print(
                f"--- {article.id} {article.source} {article.published} {article.kind} "
                f"{article.wire_group}\n# {article.title}\n{article.text}\n"
            )
    elapsed = time.perf_counter() - t0
    print(
        f"{args.n} articles in {elapsed:.1f} s: {args.n / elapsed:,.0f} articles/s, "
        f"{words / min(args.n, 10_000):.0f} words/article"
    )


if __name__ == "__main__":
    main()
