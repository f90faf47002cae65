"""Whether a sentence can stand in a summary on its own: what the selectors avoid and what the
benchmark counts.

Extractive summaries go wrong for a reader in four ways that ROUGE does not see: a sentence that
leans on one the reader was not given ("It has a displacement of ...", "Navrotsky said that the
unit was filled with water."; a connective, a reply, a part of a group, "also" further in), the
tail of a quotation or a bare attribution ('"Nine facilities were struck," the statement said.'),
page or broadcast furniture (a transcript's speaker label, a caption run into a sentence, the
writer or a host speaking: "Thank you so much for joining us."), and two sentences that say the
same thing. All but the last are read from the words here, by their structure where it can be
(what follows a noun, where a word stands, what capitals and punctuation do); the last is a
similarity cut-off in the selectors.

The package, each module one decision:

* ``references`` - a sentence that opens by pointing back (:func:`opening_reference`), with
  ``expletives`` (an "it" or "there" that holds a place and points at nothing) and ``ellipsis``
  (a short sentence whose verb an earlier one holds: :func:`elided_verb`);
* ``demonstratives`` - "that argument" further in, whose noun nothing before names;
* ``definites`` - "the survey", whose thing the sentence's article introduced ("a survey of the
  dam") and the reader was not given (:func:`definite_reference`);
* ``fragments`` - a sentence that is no whole report (:func:`fragment`), with ``layout`` (a label,
  a headline run in, the writer's voice: :func:`layout_fragment`), ``quotations`` (a quotation
  that opens or closes elsewhere, an attribution stub) and ``notices`` (contact details, the
  writer's tagline);
* ``chronology`` - an entry of a chronology box (:func:`chronology_entry`);
* ``report`` - :func:`problems`, what the benchmarks count in a summary;
* ``reading`` - how they all read a sentence: its words, its quotations, its closing marks.

The functions are pure: no I/O, no module state beyond compiled patterns and word lists.
"""

from storyline.summarizers.quality.chronology import chronology_entry
from storyline.summarizers.quality.definites import Topic, definite_reference
from storyline.summarizers.quality.demonstratives import demonstrative_reference
from storyline.summarizers.quality.ellipsis import ELIDED, ELLIPSIS_MAX_WORDS, elided_verb
from storyline.summarizers.quality.fragments import fragment
from storyline.summarizers.quality.layout import label, layout_fragment, writers_voice
from storyline.summarizers.quality.notices import contact_details, writer_note
from storyline.summarizers.quality.quotations import MIN_QUOTE_WORDS
from storyline.summarizers.quality.references import (
    CONNECTIVE_OPENERS,
    FIRST_PERSON_OPENERS,
    GENERIC_NOUNS,
    PRONOUN_OPENERS,
    SHELL_NOUNS,
    opening_reference,
)
from storyline.summarizers.quality.report import UNINTRODUCED, problems

__all__ = [
    "CONNECTIVE_OPENERS",
    "ELIDED",
    "ELLIPSIS_MAX_WORDS",
    "FIRST_PERSON_OPENERS",
    "GENERIC_NOUNS",
    "MIN_QUOTE_WORDS",
    "PRONOUN_OPENERS",
    "SHELL_NOUNS",
    "UNINTRODUCED",
    "Topic",
    "chronology_entry",
    "contact_details",
    "definite_reference",
    "demonstrative_reference",
    "elided_verb",
    "fragment",
    "label",
    "layout_fragment",
    "opening_reference",
    "problems",
    "writer_note",
    "writers_voice",
]
