"""Pages that are not an article, though an extractor returns text for them: a list of links (a
section front, a menu, a page that is only its navigation), a cookie-consent wall, a paywall.

A fetched feed item or a saved page can be any of these. Kept as articles they are worse than
lost: a section front's headlines became a "story" whose number ("Paris Attacks: 127 Dead ...")
was set against the real reports as a change, and a consent wall ("We and our 843 partners use
cookies ...") grouped with it. So the reader refuses them with a message that says what the
page is (``not_an_article``), and drops a paywall's notices from a page whose text is there
(``paywall_notices``).

Pure functions over the extracted paragraphs and the page's HTML; no network.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_WORD = re.compile(r"\w+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")

# A paragraph with a sentence's length: at least this many words and not the text of a link.
PROSE_WORDS = 8
# Share of the body's words that are whole link texts (a headline, a menu item) past which the
# page is a list of links. On the 400 WCXB article pages the most is 0.21 (a recipe's linked
# ingredients); a section front or a menu is near 1.
LINK_SHARE = 0.5

# A consent wall's own phrases: two different ones in a paragraph make it the wall's.
_CONSENT = re.compile(
    r"\b(?:(?:accept|reject|refuse|allow) all\b|manage (?:your )?(?:choices|options|preferences"
    r"|settings|cookies|consent)|store and/or access information|precise geolocation"
    r"|legitimate interests?|(?:our|\d+) (?:\w+ )?partners|(?:we|partners) use cookies"
    r"|personali[sz]ed (?:ads|advertising|content)|cookie (?:policy|settings|preferences))",
    re.IGNORECASE,
)
# What a paywall says instead of the rest of the article.
_PAYWALL = re.compile(
    r"\b(?:(?:subscribe|register|sign up|log ?in|sign in) (?:now )?to (?:continue|keep) reading"
    r"|(?:article|story|content|piece) is (?:only )?(?:for|available to|reserved for|exclusive "
    r"to) (?:paying |our )?(?:subscribers|members)|(?:for )?subscribers only\b"
    r"|already (?:a )?(?:subscriber|member)\b|you(?:'ve| have) reached your (?:free )?"
    r"(?:article|story|monthly) limit|unlock (?:this|the full) (?:article|story)"
    r"|to continue reading,? (?:please )?(?:subscribe|log ?in|sign in|register)"
    r"|(?:create|register for) a free account to (?:continue|read)"
    r"|unlimited (?:digital )?access\b.{0,60}\b(?:subscri|join|from just))",
    re.IGNORECASE,
)
# A paywall's notices are short; an article about paywalls says more around the phrase.
MAX_NOTICE_WORDS = 40
# What is left beside a paywall's notice under this many words is its teaser, not the article:
# a lead cut mid-sentence read as a whole report.
MIN_PAYWALLED_WORDS = 150


# schema.org's paywall markup (Google's "subscription and paywalled content"): the article is
# ``isAccessibleForFree: false`` and ``hasPart`` names the paid part by a CSS selector.
_NOT_FREE = re.compile(r"""isAccessibleForFree\\?["']?\s*[:=]\s*\\?["']?false\b""", re.IGNORECASE)
_PAID_PART = re.compile(r"""cssSelector\\?["']?\s*:\s*\\?["']([.#][\w-]+)""")
_MICRODATA_NOT_FREE = re.compile(
    r"""<meta\b(?=[^>]*\bitemprop\s*=\s*["']isAccessibleForFree["'])[^>]*"""
    r"""\bcontent\s*=\s*["']false["']""",
    re.IGNORECASE,
)
# The paid part holding fewer words than this is the paywall's box, not the article's text.
# On the 400 WCXB pages 8 declare themselves not free; 7 carry their whole text anyway (the
# paid part holds 369-2,897 words, or the selector matches nothing, or none is named), and the
# one whose paid part holds 10 words ("Unlock this article ...") is the one cut to its teaser.
MIN_PAID_WORDS = 50
BEHIND_PAYWALL = (
    "partial text: the page is behind a paywall and holds only the part it shows for free"
)


def paywall_markup(html: str) -> str | None:
    """What in the page's markup says its text was cut at a paywall, or None.

    Not the declaration alone: many outlets declare every article not free and still serve its
    whole text (a metered paywall, or the text for search engines). Only when the page names
    the paid part (``hasPart`` ``cssSelector``) and that part is in the page holding under
    ``MIN_PAID_WORDS`` words is the text known to stop at the paywall.
    """
    if not (_NOT_FREE.search(html) or _MICRODATA_NOT_FREE.search(html)):
        return None
    selectors = list(dict.fromkeys(_PAID_PART.findall(html)))
    root = parse_page(html) if selectors else None
    if root is None:
        return None
    for selector in selectors:
        name = selector[1:]
        found = (
            root.find_class(name)
            if selector.startswith(".")
            else root.xpath("//*[@id=$name]", name=name)
        )
        words = sum(len(element.text_content().split()) for element in found)
        if found and words < MIN_PAID_WORDS:
            return (
                f"the page declares itself not free (isAccessibleForFree false) and its paid "
                f"part ({selector}) holds {words} words"
            )
    return None


def paragraph_key(text: str) -> str:
    """``text`` as its lower-case words, by which two extractors' paragraphs are compared."""
    return " ".join(_WORD.findall(text.casefold()))


def word_count(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def parse_page(html: str) -> HtmlElement | None:
    """The page's element tree; None when lxml cannot read the markup."""
    from lxml import etree
    from lxml import html as lxml_html

    try:  # lxml refuses a str that declares its own encoding (XHTML pages)
        return lxml_html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.LxmlError, ValueError):
        return None


def link_texts(html: str) -> set[str]:
    """The text of every link on the page, as ``paragraph_key`` writes it."""
    root = parse_page(html)
    if root is None:
        return set()
    return {key for a in root.iter("a") if (key := paragraph_key(a.text_content()))}


def is_paywall_notice(paragraph: str) -> bool:
    return len(paragraph.split()) < MAX_NOTICE_WORDS and _PAYWALL.search(paragraph) is not None


def paywall_notices(body: list[str]) -> list[int]:
    """Positions of the paragraphs of ``body`` that are a paywall's notice."""
    return [i for i, paragraph in enumerate(body) if is_paywall_notice(paragraph)]


def _is_consent(paragraph: str) -> bool:
    return len({m.group(0).casefold() for m in _CONSENT.finditer(paragraph)}) >= 2


def not_an_article(body: list[str], html: str, *, paywalled: bool) -> str | None:
    """Why the page whose extracted ``body`` this is holds no article, or None when it may.

    ``paywalled``: the body's paywall notices were dropped before (``paywall_notices``), or
    the markup says the text stops at a paywall (``paywall_markup``). A paywalled page with
    ``MIN_PAYWALLED_WORDS`` or more is kept, marked as partial (``BEHIND_PAYWALL``).
    """
    links = link_texts(html)
    prose = [p for p in body if len(p.split()) >= PROSE_WORDS and paragraph_key(p) not in links]
    words = word_count(body)
    linked = word_count([p for p in body if paragraph_key(p) in links])
    if linked > LINK_SHARE * words or (linked and not prose):
        return (
            f"holds no article text, only links and headings ({linked} of its {words} words "
            "are the text of links): a section front, a menu or a list of headlines. Give the "
            "address of one article"
        )
    if not prose:
        longest = max(len(p.split()) for p in body)
        return (
            f"holds no article text: no paragraph of it is a sentence of {PROSE_WORDS} words or "
            f"more (the longest has {longest}); it may be a page built by JavaScript or an "
            "error page. Save the rendered article, or give its text as a .txt file"
        )
    if all(_is_consent(p) for p in prose):
        return (
            "is a cookie-consent page, not the article: the site answered with its consent "
            "wall. Save the article from a browser that has accepted it, or give its text as "
            "a .txt file"
        )
    if paywalled and words < MIN_PAYWALLED_WORDS:
        return (
            f"is behind a paywall: only its first {words} words can be read. Save the article "
            "from a subscribed browser, or give its text as a .txt file"
        )
    return None
