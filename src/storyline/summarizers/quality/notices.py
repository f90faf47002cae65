"""Lines about the article, not the story: how to reach a reporter or a desk, who wrote it."""

from __future__ import annotations

import re

# A sentence that gives an e-mail address or a telephone number speaks to readers or editors, not
# about the story: a reporter's or a desk's contact line ("The news manager is Paul Foutch,
# 404-526-5429, pfoutch(at)coxnews.com."), a syndicate's sales notice, where to order or whom to
# call. Wire services repeat them under many articles, so a selector that counts what several
# articles share ranks them high. Addresses also as wire copy hides them from harvesters,
# "name(at)host.com"; numbers as North American ("404-526-5429", "(602) 444-7942",
# "1-800-444-0267") and international ("+44 20 7946 0958") ones are written, or any after a
# label ("fax, 47-42-80-44").
_MAIL = re.compile(r"[\w.+-](?:@|\(at\))[\w-]+\.[A-Za-z]")
_PHONE = re.compile(r"\d{3}\)?[\s.-]?\d{3}-\d{4}(?!\d)")
_INTERNATIONAL = re.compile(r"\+\d{1,3}[\s.-]\(?\d{1,4}\)?(?:[\s.-]\d{2,4}){2,}")
_LABELLED = re.compile(r"\b(?:fax|tel|telex|phone)[:,.]?\s*\+?\(?\d", re.IGNORECASE)
# A number written with hyphens has one before a digit: a pattern that opens with one character
# is found by a tight scan, so it rules out most sentences before the others are tried (a
# labelled number without a hyphen, "Tel: 0171 555 1234", is left in: the cost is on every
# candidate sentence).
_HYPHEN_DIGIT = re.compile(r"-\d")
# The writer's tagline under an article ("Duane D. Stanford writes for the Atlanta
# Journal-Constitution, Atlanta, Ga."): about who wrote it, not about the story.
_WRITER_NOTE = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,4}writes\s+for\s+(?:the\s+)?[A-Z]")


def contact_details(text: str) -> bool:
    """Whether ``text`` gives an e-mail address or a telephone number (the cheap tests first: it
    runs on every candidate sentence)."""
    if ("@" in text or "(at)" in text) and _MAIL.search(text):
        return True
    if (
        "-" in text
        and _HYPHEN_DIGIT.search(text)
        and (_PHONE.search(text) or _LABELLED.search(text))
    ):
        return True
    return "+" in text and _INTERNATIONAL.search(text) is not None


def writer_note(text: str) -> bool:
    """Whether ``text`` is the writer's tagline: "<name> writes for <outlet>"."""
    return " writes for " in text and _WRITER_NOTE.match(text) is not None
