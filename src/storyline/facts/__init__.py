"""Key facts in news text and how the outlets of a story agree on them.

The stage is a small package, each module one step:

* ``extraction`` - quantities read through a dependency parse (``parser`` loads and verifies the
  spaCy model once), on the parse helpers every reader shares (``reading``): ``nouns`` says what
  a number counts (``people``: counts of people; ``measures``: lengths, masses, areas, speeds;
  ``holders``: whose votes, seats or share; ``roles``: who did what in its clause), ``placing``
  where, ``elided`` what a bare number after a count counts; ``excluded`` which numbers are not
  quantities, one kind in each of ``identifiers``, ``dating``, ``scales``, ``background``,
  ``descriptions`` and ``restated``; ``numbers`` reads values as written and ``phrases`` a
  number's words, bound and range; ``windows`` the time window a count covers; ``days`` the day
  or year a count's happening is set on; ``scoping`` where a count of people stands when the
  parse ties no place to it and its standing ("confirmed", "suspected"); ``illness`` whether
  "cases" are an illness's (the infected);
* ``attribution`` - who said what, and quotes;
* ``stage`` - facts of articles: quantities dated and attributed;
* ``alignment`` - facts grouped into measured things across articles (what a group is), with
  ``values`` (when two figures can be one count within the precision written), ``places``
  (which places tell a thing's counts apart) and ``keys`` (which days, years, months, standings,
  motions and holders do); ``kinds`` says which kinds move, ``happenings`` whether verbs say one
  happening, ``chance`` whether one value given alike ties outlets, ``loose`` how the facts of
  a kind whose differing values may be two things are grouped by value;
* ``labels`` - each group labelled agreed / changed / disputed / differs / single-source (how a
  label is decided), with one module per test (``bounds``, ``two_things``, ``corrected``,
  ``disputes``, ``updates``, ``cores``) and a finding's line written by ``wording`` and
  ``participles``; denials paired with the claims they answer (``claims``);
* ``views`` - the JSON contract of a comparison (spans into each input's own text, key findings
  first); ``storyline.views`` renders findings as Markdown and HTML.

``storyline.compare.compare`` runs them over a story's articles.
"""

from storyline.facts.attribution import extract_attributions, extract_quotes, resolve_pronouns
from storyline.facts.models import (
    LABELS,
    Attribution,
    Claim,
    Comparison,
    Fact,
    Finding,
    Quantity,
    Quote,
    speaker_key,
)
from storyline.facts.numbers import lemma
from storyline.facts.stage import When, article_facts, extract_quantities, story_facts

__all__ = [
    "LABELS",
    "Attribution",
    "Claim",
    "Comparison",
    "Fact",
    "Finding",
    "Quantity",
    "Quote",
    "When",
    "article_facts",
    "extract_attributions",
    "extract_quantities",
    "extract_quotes",
    "lemma",
    "resolve_pronouns",
    "speaker_key",
    "story_facts",
]
