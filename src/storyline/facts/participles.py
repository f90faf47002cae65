"""Participles: how a finding's heading says what happened to what it counts ("money (paid)",
"target (struck)"), from the verb lemma the parser gives.
"""

from __future__ import annotations

import re

_IRREGULAR_PARTICIPLES = {
    "bring": "brought", "buy": "bought", "catch": "caught", "fall": "fallen", "fight": "fought",
    "find": "found", "fly": "flown", "get": "got", "give": "given", "hit": "hit", "hold": "held",
    "keep": "kept", "leave": "left", "lose": "lost", "make": "made", "pay": "paid", "put": "put",
    "rise": "risen", "run": "run", "see": "seen", "seek": "sought", "sell": "sold", "send": "sent",
    "set": "set", "shoot": "shot", "spend": "spent", "steal": "stolen", "strike": "struck",
    "take": "taken", "tell": "told", "win": "won", "write": "written", "cut": "cut",
    "build": "built", "lead": "led", "cost": "cost", "bet": "bet", "quit": "quit",
    "meet": "met", "drive": "driven", "hide": "hidden", "begin": "begun", "sink": "sunk",
    "hang": "hung", "dig": "dug", "throw": "thrown", "break": "broken", "grow": "grown",
    "know": "known", "draw": "drawn", "speak": "spoken", "shut": "shut", "split": "split",
    "spread": "spread", "sweep": "swept", "freeze": "frozen", "blow": "blown", "feed": "fed",
    "flee": "fled", "beat": "beaten", "bleed": "bled", "shake": "shaken", "choose": "chosen",
    "forgive": "forgiven", "swim": "swum", "sleep": "slept", "wear": "worn", "tear": "torn",
    "withdraw": "withdrawn", "withhold": "withheld", "uphold": "upheld", "undergo": "undergone",
    "overthrow": "overthrown", "rebuild": "rebuilt", "go": "gone", "do": "done", "come": "come",
    "become": "become", "eat": "eaten", "forget": "forgotten", "forbid": "forbidden",
    "show": "shown", "stand": "stood", "understand": "understood", "teach": "taught",
    "think": "thought", "hear": "heard", "say": "said", "read": "read", "let": "let",
    "sit": "sat", "lay": "laid", "lend": "lent", "mean": "meant", "deal": "dealt",
    "ride": "ridden", "swear": "sworn", "stick": "stuck", "swing": "swung", "spin": "spun",
    "bind": "bound", "bear": "borne", "slay": "slain", "shed": "shed", "light": "lit",
    "arise": "arisen", "drink": "drunk", "ring": "rung", "spring": "sprung", "hurt": "hurt",
    "burst": "burst", "cast": "cast", "broadcast": "broadcast", "forecast": "forecast",
    "upset": "upset", "thrust": "thrust", "bid": "bid", "wake": "woken", "weep": "wept",
    "shrink": "shrunk", "sing": "sung", "sting": "stung", "string": "strung", "sling": "slung",
    "stink": "stunk", "strive": "striven", "stride": "stridden", "swell": "swollen",
    "shine": "shone", "slide": "slid", "weave": "woven", "wind": "wound", "bend": "bent",
    "dwell": "dwelt", "forsake": "forsaken", "relay": "relayed",  # not re-lay
}  # fmt: skip
# "oversee", "undertake", "rewrite", "mislead", "withstand": a prefix on an irregular verb keeps
# its participle ("overseen", not "overseed").
_PREFIXES = ("over", "under", "out", "fore", "with", "mis", "re", "up", "off")
_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")
# Longer verbs stressed on their last syllable, which doubles its consonant ("admitted", not
# "limited": the stress decides, so they are listed).
_DOUBLING = frozenset(
    """admit commit submit permit omit emit transmit occur recur incur deter refer prefer confer
    transfer control patrol compel expel propel repel regret abet embed equip kidnap""".split()
)


def participle(verb: str) -> str:
    """ "paid", "struck", "evacuated", "dropped": how a finding's heading says what happened to
    what it counts ("money (paid)", not "money (pay)")."""
    if verb in _IRREGULAR_PARTICIPLES or " " in verb or not verb.isalpha():
        return _IRREGULAR_PARTICIPLES.get(verb, verb)
    for prefix in _PREFIXES:
        rest = verb.removeprefix(prefix)
        if rest != verb and rest in _IRREGULAR_PARTICIPLES:
            return prefix + _IRREGULAR_PARTICIPLES[rest]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if (len(verb) <= 4 and _CVC.match(verb)) or verb in _DOUBLING:
        return verb + verb[-1] + "ed"  # stop, drop, plan; admit, occur, control
    return verb + "ed"
