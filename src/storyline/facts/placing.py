"""Where a count is: the place its sentence ties to it ("in Kenya", "the bombing in Nairobi",
"Istanbul 984 dead", "in the province of Idlib"), the world or several regions for a count over
numbered places ("in 17 countries": ``WORLD``), and no one place for a count over listed places
("in Kenya and Tanzania": ``LISTED``). A place said of a part of the count ("65 people, most in
Mexico") is the part's, not the count's. ``facts.scoping`` places a count of people where the
parse ties no place to it.
"""

from __future__ import annotations

from storyline.facts.numbers import PEOPLE
from storyline.facts.reading import CASUALTY, PLACE_ENTS, Doc, Token, clause_verb, entity_text
from storyline.facts.roles import token_lemma

_PLACE_PREPS = frozenset("in at near inside outside across throughout around".split())


def _area(noun: Token) -> str | None:
    """A place written into the noun phrase: "three Atlanta-area bombings", "Southern bombings"."""
    for child in noun.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > noun.i:
            continue
        if child.ent_type_ in ("GPE", "LOC"):
            return str(child.text)
        if child.lower_ in _COMPASS and token_lemma(noun) not in PEOPLE:
            return str(child.text)  # not "two Western journalists": the West is no place
        if child.lower_ == "area" and child.i > 0:
            return str(child.doc[child.i - 2].text) if child.i >= 2 else None
    return None


_COMPASS = frozenset(
    "northern southern eastern western north south east west central nationwide".split()
)


def _place_holders(num: Token, noun_end: Token) -> list[Token]:
    """The words a phrase placing the count may hang on: the number, its noun, and the verb of
    the count's clause with its subjects (a participle after the noun that says what befell it
    being that clause: see ``place_of``)."""
    own = [c for c in noun_end.children if c.dep_ == "acl" and c.pos_ == "VERB"]
    verb = own[0] if own else clause_verb(noun_end)
    candidates = [num, noun_end]
    # "55 percent of the vote in Virginia", "40 percent of voters in Ohio": the whole a share is
    # of is placed where the share is
    if noun_end.lower_ in ("percent", "%", "pct", "cent"):
        of = [c for c in noun_end.children if c.dep_ == "prep" and c.lower_ == "of"]
        candidates += [w for p in of for w in p.children if w.dep_ == "pobj"]
    if verb is not None and not in_a_part(num):
        candidates.append(verb)
        candidates += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return candidates


def _place_phrase(child: Token, noun_end: Token) -> bool:
    return (
        child.dep_ == "prep"
        and child.lower_ in _PLACE_PREPS
        and not of_a_part(child)
        and noun_end.head.i != child.i  # "in some 30 countries" counts them: no place
    )


# The area of a count over places it lists ("20 killed in Taiz, Hudeida and Sana'a"): no one of
# them is its place, but the story happens in more than one (``facts.places.place_keys``).
LISTED = "listed places"


def listed_places(num: Token, noun_end: Token) -> bool:
    """Whether the count's place phrase lists several places ("in Kenya and Tanzania", "in the
    cities of Taiz, Hudeida and Sana'a"), which ``place_of`` gives no place for."""
    return any(
        _place_phrase(child, noun_end) and any(_lists_places(p) for p in child.children)
        for node in _place_holders(num, noun_end)
        for child in node.children
    )


def _lists_places(pobj: Token, depth: int = 0) -> bool:
    """Whether a place phrase's object lists places, as ``_place_in`` reads one ("in clashes in
    the cities of Taiz, Hudeida and Sana'a")."""
    if pobj.dep_ != "pobj":
        return False
    if pobj.ent_type_ in PLACE_ENTS:
        return several_places(pobj)
    if token_lemma(pobj) in _NAMED_BY_OF:  # "the cities of Taiz, Hudeida and Sana'a"
        of = [n for o in pobj.children if o.lower_ == "of" for n in o.children]
        if any(n.dep_ == "pobj" and n.ent_type_ in PLACE_ENTS and several_places(n) for n in of):
            return True
    inner = [c for c in pobj.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS]
    return depth < 2 and any(_lists_places(p, depth + 1) for c in inner for p in c.children)


def place_of(num: Token, noun_end: Token, doc: Doc) -> str | None:
    """A place the count is scoped to: "in Kenya", "Istanbul 984 dead", "the bombing in Nairobi";
    where a participle after the counted noun says what befell it, that clause is the count's,
    not the sentence's ("the bodies of eight Chinese nationals killed in the quake have arrived
    in Beijing": not killed in Beijing)."""
    candidates = _place_holders(num, noun_end)
    for node in candidates:
        for child in node.children:
            if _place_phrase(child, noun_end):
                found = _place_in(child, doc)
                if found is not None:
                    return found
            near = node.i in (num.i, noun_end.i)
            if near and child.dep_ in ("compound", "nmod") and child.ent_type_ in PLACE_ENTS:
                return entity_text(child, doc)
    area = _area(noun_end) if noun_end.pos_ in ("NOUN", "PROPN") else None
    if area is not None:
        return area
    prev = doc[num.i - 1] if num.i > 0 else None
    if prev is not None and prev.ent_type_ in PLACE_ENTS and prev.ent_iob_ in ("B", "I"):
        return entity_text(prev, doc)
    if prev is None or num.i + 1 >= len(doc):
        return None
    opens = prev.i == 0 or doc[prev.i - 1].is_punct
    # "Istanbul 984 dead, 2,924 injured": a table row opened by its place.
    # Not a word that opens any sentence: "With 33 dead, ..." names no place.
    upper = prev.text[:1].isupper() and prev.is_alpha and not prev.is_stop
    if opens and upper and doc[num.i + 1].lower_ in CASUALTY:
        return str(prev.text)
    return None


# Words that take a part of a count: a place said of them is the part's ("65 people, most in
# Mexico"; "almost all of the 74 dead were in Mexico"), not the count's.
_PARTS = frozenset("most mostly all many some half majority mainly largely none".split())


def in_a_part(num: Token) -> bool:
    """Whether the count is the whole a part is taken from ("almost all of the 74 dead"): the
    clause then says where the part is."""
    return num.dep_ == "pobj" and num.head.lower_ == "of" and num.head.head.lower_ in _PARTS


def of_a_part(prep: Token) -> bool:
    """Whether a place phrase is said of a part of the count ("most in Mexico")."""
    return any(c.dep_ in ("advmod", "amod") and c.lower_ in _PARTS for c in prep.children)


_REGIONS = frozenset("province state city region district county town village area".split())
# Nouns that name an area by the name after "of": "the republic of Ingushetia", "the city of Homs".
_NAMED_BY_OF = _REGIONS | {"republic", "territory", "island"}


def named_area(token: Token) -> str | None:
    """The name an area noun is given after "of" ("the tiny republic of Ingushetia", "the
    province of Idlib"): that place, as if named alone. Not an area with a name of its own
    ("the Houla area of Homs province": in Homs, not all of it), nor "the capital of Syria" (a
    city in the country, not the country), nor "the cities of X and Y" (no one place)."""
    if token.tag_ != "NN" or token_lemma(token) not in _NAMED_BY_OF:
        return None
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children):
        return None  # "the Houla area of Homs province": an area with a name of its own
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for name in (c for c in prep.children if c.dep_ == "pobj"):
            if name.ent_type_ in ("GPE", "LOC") and not several_places(name):
                return entity_text(name, token.doc)
    return None


def toll_place(num: Token) -> str | None:
    """Where a toll is counted when its clause names no place but its subject is one, or the
    subject of the clause it hangs on: "Sakarya province ranked second with 3,046 deaths",
    "Istanbul is the hardest hit and 107 bodies have been recovered". Only for counts of what
    happened to people: a country that is the subject of "struck 53 targets" is who struck."""
    verb = next((t for t in num.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or num in [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]:
        return None
    for clause in (verb, verb.head) if verb.dep_ in ("conj", "advcl", "ccomp") else (verb,):
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subject.ent_type_ == "GPE" and subject.pos_ == "PROPN":
                return entity_text(subject, subject.doc)
            named = [c for c in subject.children if c.dep_ == "compound"]
            if token_lemma(subject) in _REGIONS and named and named[0].text[:1].isupper():
                return entity_text(named[0], subject.doc)  # "Sakarya province"
    return None


# The place of a count over the world ("160 people worldwide", "in 17 countries").
WORLD = "world"


def place_listed_after(num: Token, doc: Doc) -> str | None:
    """The place of a list's item whose place phrase the parse hangs on the item before it:
    "including about 3,700 in Korea, 300 or so in China" (a WCXB trade page) puts "in China" on
    3,700. Only a phrase straight after the item, with no number or comma between (the next
    item's place is not this one's)."""
    if num.dep_ not in ("conj", "appos"):
        return None
    for child in num.head.children:
        if child.i <= num.i or not _place_phrase(child, num):
            continue
        between = doc[num.i + 1 : child.i]
        if any(t.like_num or t.text == "," for t in between):
            return None
        return _place_in(child, doc)
    return None


def _place_in(prep: Token, doc: Doc, *, depth: int = 0) -> str | None:
    """The place a prepositional phrase names: "in Kenya", "at the embassy in Nairobi", "in the
    Nairobi blast" (not "at the U.S. embassy": a country that owns a building is not its place);
    numbered places ("in 17 countries", "in 41 states") are the world or a set of regions."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        numbered = pobj.tag_ == "NNS" and any(c.dep_ == "nummod" for c in pobj.children)
        if numbered and token_lemma(pobj) in ("country", "nation") and prep.lower_ == "in":
            return WORLD  # "787 infections in 17 countries": the tally over all it reached
        if numbered and token_lemma(pobj) in _REGIONS and prep.lower_ == "in":
            return f"several {pobj.lower_}"  # "896 cases in 41 states": no one state's, no world's
        if pobj.ent_type_ in PLACE_ENTS and several_places(pobj):
            return None  # "in Kenya and Tanzania": a count over both is neither one's
        if pobj.ent_type_ in PLACE_ENTS:
            return entity_text(pobj, doc)
        if (area := named_area(pobj)) is not None:
            return area  # "in the province of Idlib"
        for child in pobj.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS and depth < 2:
                found = _place_in(child, doc, depth=depth + 1)
                if found is not None:
                    return found
        named = [c for c in pobj.children if c.ent_type_ in PLACE_ENTS and c.i < pobj.i]
        if named and named[0].dep_ in ("compound", "nmod") and token_lemma(pobj) not in _OWNED:
            return entity_text(named[0], doc)  # "in the Nairobi blast"
    return None


def several_places(place: Token) -> bool:
    """Whether a place is listed with others ("in Kenya and Tanzania", "in Moscow and two other
    Russian cities"): a count over all of them is none of them's."""
    return any(
        c.dep_ == "conj" and (c.ent_type_ in PLACE_ENTS or token_lemma(c) in _REGIONS)
        for c in place.children
    )


_OWNED = frozenset(
    """embassy consulate army force troop government official ministry company navy police
    military authority""".split()
)
