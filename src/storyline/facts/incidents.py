"""Incidents: what kind of happening a toll's sentence names around it.

A story followed over weeks (a war, an uprising) reports many incidents, each with its toll: a
storm that left eight dead, blasts at a university that killed 80, a massacre of 100 in another
town. Such tolls carry no place the parse ties to them and share a kind (``killed``), so they
meet in one group and read as one toll rising (8, 80, 100: "changed") or as two outlets
contradicting each other on one day ("disputed"). A toll re-reported as it rises names its
incident alike from one report to the next (a "blast" and an "explosion", a "quake" and an
"earthquake"); two incidents are told with different words ("storm" and "blasts", "fighting"
and "car bombs").

``incident_kinds`` gives the classes of incident named within ``WINDOW`` words of a quantity in
its sentence (a massacre is told as a shooting as often as not, so both are "fighting");
``incidents_differ`` says two facts name incidents and no class in common. Words that say
nothing of the kind ("attack", "violence", "incident") belong to no class, so a sentence that
names its incident only that way never parts a group. One word may belong to two classes
("bombing" is a bomb set off or bombs dropped from the air), and then meets either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Words either side of a quantity, within its sentence, searched for an incident's name: far
# enough to reach "A storm hit ... leaving 8 people dead", near enough to keep clear of the other
# headlines a wire page strings into one sentence.
WINDOW = 20

_CLASSES: dict[str, tuple[str, ...]] = {
    "blast": (
        "blast", "blasts", "explosion", "explosions", "exploded", "explodes", "explode",
        "suicide", "bomber", "bombers", "detonated", "detonates", "ied", "ieds", "bomb",
        "bombs", "bombing", "bombings", "bombed",
    ),
    "bombardment": (
        "airstrike", "airstrikes", "air strike", "air strikes", "air raid", "air raids",
        "warplane", "warplanes", "jets", "bombardment", "missile", "missiles", "shelling",
        "shelled", "shells", "mortar", "mortars", "artillery", "rocket", "rockets", "strike",
        "strikes", "bomb", "bombs", "bombing", "bombings", "bombed", "drone", "drones",
    ),
    "fighting": (
        "clash", "clashes", "clashed", "fighting", "battle", "battles", "firefight",
        "gunbattle", "skirmish", "skirmishes", "shooting", "shootings", "gunfire", "gunmen",
        "gunman", "sniper", "snipers", "shot", "opened fire", "open fire", "crackdown",
        "tank", "tanks", "massacre", "massacres", "mass killing", "executed", "execution",
        "executions",
    ),
    "weather": (
        "storm", "storms", "snow", "snowstorm", "hurricane", "typhoon", "cyclone", "flood",
        "floods", "flooding", "mudslide", "mudslides", "landslide", "landslides", "tornado",
        "blizzard", "heatwave", "heat wave",
    ),
    "quake": ("earthquake", "earthquakes", "quake", "quakes", "aftershock", "aftershocks",
              "tsunami"),
    "crash": ("crash", "crashed", "crashes", "collision", "collided", "derailed", "derailment"),
    "disease": ("flu", "influenza", "virus", "outbreak", "epidemic", "pandemic", "disease",
                "infection", "infections", "cholera"),
    # not a happening but a measurement: "a study of 151 patients", "330 patients are being
    # enrolled in a trial" (``two_things.study_sizes``)
    "study": ("study", "studies", "trial", "trials", "enrolled", "survey", "surveyed"),
}  # fmt: skip
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_PHRASES = {w for words in _CLASSES.values() for w in words if " " in w}


def _classes_of(word: str) -> frozenset[str]:
    return frozenset(name for name, words in _CLASSES.items() if word in words)


def incident_kinds(sentence: str, start: int, end: int) -> frozenset[str]:
    """The incident classes named within ``WINDOW`` words of ``sentence[start:end]`` (offsets
    into the sentence), as "blast", "weather", ...; empty when none is named."""
    before = _WORD.findall(sentence[:start].lower())[-WINDOW:]
    after = _WORD.findall(sentence[end:].lower())[:WINDOW]
    words = [*before, *after]
    found: set[str] = set()
    for i, word in enumerate(words):
        found |= _classes_of(word)
        pair = " ".join(words[i : i + 2])
        if pair in _PHRASES:
            found |= _classes_of(pair)
    return frozenset(found)


def incidents_differ(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two facts' sentences name incidents of no common class ("storm", "blasts")."""
    return bool(a) and bool(b) and not set(a) & set(b)
