"""Noise removal: take out what an outlet's page adds around the story, and record every cut.

A reader hands us the text it found; news pages pad it with photo captions, datelines, sign-off
lines ("Click here to join our channel"), notices about comments and accounts, stand-alone
subheadings, blocks a CMS printed twice, and lines one outlet puts under every article. Left in,
they become "sentences" that a summarizer can pick and cite. Each rule is deliberately narrow (short
paragraphs, anchored patterns) because cutting a real sentence is worse than leaving a caption in;
every cut is a :class:`~storyline.models.Removal`, so a user can audit what went and why.

The stage is a small package, each module one decision:

* ``paragraphs`` - how a raw text divides into paragraphs and lines, and the key two compare by;
* ``furniture`` - captions and credits, sign-offs, site notices and wire notes: one paragraph or
  line judged on its own, plus the lines an outlet prints under many articles (``recurring``
  learns them from a batch);
* ``leads`` - a dateline, kept as metadata, and a headline or time stamp run into the lead;
* ``headings`` - stand-alone heading lines between body paragraphs;
* ``copies`` - paragraphs printed twice, exactly or nearly;
* ``sections`` - parts of a page that run over several paragraphs: readers' comments, another
  story run on after the article, a box of links to other stories;
* ``stage`` - :func:`clean` and :func:`clean_batch`, which run a document through them in order.

The functions are pure: no I/O, no module state beyond compiled patterns."""

from storyline.clean.copies import repeated
from storyline.clean.paragraphs import normalise, split_paragraphs
from storyline.clean.recurring import find_recurring
from storyline.clean.stage import clean, clean_batch

__all__ = ["clean", "clean_batch", "find_recurring", "normalise", "repeated", "split_paragraphs"]
