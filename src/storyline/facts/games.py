"""Game reports: what players and teams did in play is a game's record, as its score is
(GUIDELINES: sports scores are not quantities). ``scales.a_players_record`` reads a count whose
own noun says play ("11 saves", "two touchdowns"); a game report also gives play in words that
say nothing alone ("ran for 226 yards", "chipped in 16 points", "five catches", "shot 46.8
percent"), which only the report around them tells apart from a distance walked or a market's
points. ECB+'s game reports (an NFL win, a college basketball record, a running back's season)
had their yards, points and carries agreed across outlets, often four players' "16 points" as one.
"""

from __future__ import annotations

import re

from storyline.facts.models import Quantity

# Words only play is told in. A report that uses two of them is a game report; one alone may be
# a figure of speech or another sense ("the shuttle's touchdown", "a quarterback of reform").
_PLAY_WORDS = re.compile(
    r"\b(?:touchdowns?|TDs|field goals?|interceptions?|fumbles?|punts?|rebounds|free throws?|"
    r"(?:three|3)-pointers?|half-?time|innings|home runs?|RBIs|strikeouts|wickets|quarterback|"
    r"yards (?:rushing|receiving|passing)|(?:rushing|receiving|passing) yards|free kicks?|"
    r"penalty kicks?|corner kicks?|hat-?trick|double-double|playoffs?|blocked shots|steals|"
    r"layups?|dunks?|jumpers?|double figures|end zone|(?:first|second|third|fourth) down|"
    r"kickoffs?|receptions|(?:game|team|career|season)-high|"
    r"\d{1,3}-\d{1,3} (?:win|victory|loss|defeat|lead|rout))(?!\w)"  # "a 91-73 victory"
    r"|\(\d{1,2}-\d{1,2}(?:, \d{1,2}-\d{1,2})?\)",  # a team's record: "the Tar Heels (10-0)"
    re.IGNORECASE,
)
PLAY_WORDS_MIN = 2
# Units of play: what a game report counts of its players and teams. Not people (the crowd, the
# players lost to injury), sums (a contract, a fine) nor games (the games an injury cost).
_IN_PLAY = frozenset(
    """point yard carry catch reception punt pass throw shot attempt swat block drive turnover
    touchdown td score rebound assist run inning strikeout tackle sack interception fumble goal
    save""".split()
)


def game_report(text: str) -> bool:
    """Whether the article tells a game: it uses ``PLAY_WORDS_MIN`` different words of play."""
    found = {m.group().lower().replace("-", "") for m in _PLAY_WORDS.finditer(text)}
    return len({word.rstrip("s") for word in found}) >= PLAY_WORDS_MIN


def in_play(quantity: Quantity) -> bool:
    """Whether a game report's quantity counts play: yards, points, carries, catches ... and a
    team's shooting ("shot 46.8 percent")."""
    if quantity.unit in _IN_PLAY:
        return True
    return quantity.kind == "percent" and quantity.event == "shoot"
