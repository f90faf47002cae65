"""Where a count of people stands when the parse ties no place to it, and what standing it has in
an outbreak's tally.

A story followed over weeks (an outbreak, a war) gives one toll for Mexico, another for the United
States and one for the world, and an outbreak's count of "confirmed" deaths runs beside a larger
count of "suspected" ones. ``facts.alignment`` keeps such counts apart only if each fact says
where it is and what standing it has; these readings give what the sentence's structure says:

* ``opening_place``: the place a sentence opens with ("In the US, ... 226 cases have been
  confirmed");
* ``where_place``: the place a relative "where" clause hangs on ("Mexico, where more than 80
  people have died"), tied to the count as "in Mexico" is;
* ``where_site``: a named site a relative "where" clause hangs on ("the Bataclan concert hall,
  where at least 89 were killed"): a part of where the story happens (``Quantity.site``);
* ``destination``: where the displaced or evacuated went ("78,000 refugees have fled to
  Ingushetia"), the place they are counted in;
* ``clause_place``: the world ("160 people worldwide"), or else (``Quantity.area``, which
  ``facts.alignment`` takes for the count's place only where other counts of the thing are tied
  to that place) the one place named in the count's own clause, not in a clause inside it ("Of
  the 101 suspected deaths from the virus in Mexico, 19 ..."; not "13 cases in people who
  returned from Mexico"), or the country whose authority the sentence quotes ("Mexico's
  government said at least 20 people have died");
* ``standing``: "confirmed" or "suspected" where the counted noun or its clause says so ("26
  confirmed deaths", "101 suspected deaths", "suspected to have died", "the WHO has confirmed
  eight deaths"); only for nouns of a tally (cases, deaths), not people ("12 suspected
  militants" are militants, killed).
"""

from __future__ import annotations

from storyline.facts.placing import WORLD, in_a_part, named_area, of_a_part, several_places
from storyline.facts.reading import HAPPENED_TO, Doc, Token, clause_verb, entity_text
from storyline.facts.roles import token_lemma

# Places a count is scoped to: countries, cities and regions (a building is ``place_of``'s).
_AREAS = frozenset({"GPE", "LOC"})
# Dependencies that open a clause of its own: a place named there is that clause's ("after
# returning from Mexico", "people who returned from Mexico", "and urged travellers to avoid
# Mexico"), not where the count is.
_CLAUSES = frozenset("relcl advcl ccomp xcomp pcomp acl conj parataxis csubj".split())
_SAYING = frozenset("say tell report announce confirm add state claim estimate note".split())
_WORLD = frozenset("world globe planet".split())
_WORLDWIDE = frozenset("worldwide globally internationally".split())


def clause_place(num: Token, noun: Token, doc: Doc) -> str | None:
    """The place a count of people stands in when no preposition or compound ties one to it
    (see the module docstring); None where the clause names none or several."""
    verb = clause_verb(noun, reporting=True)
    if verb is None or in_a_part(num):
        return None
    own = _own_clause(verb, noun)
    counts = [t for t in verb.subtree if t.like_num and t.i != num.i and t.head.i != num.i]
    if not counts and any(t.lower_ in _WORLDWIDE or _the_world(t) for t in own):
        return WORLD  # not "36,000 deaths a year in the US and 250,000 deaths globally"
    # a place between another count and this one is the other's ("36,000 deaths a year in the
    # United States and 250,000 deaths globally")
    areas = [t for t in own if t.ent_type_ in _AREAS and not any(c.i < t.i < num.i for c in counts)]
    if any(several_places(t) for t in areas) or any(_regions(t) for t in own):
        return None  # "the blasts in Moscow and other Russian cities": none of them's
    names = {entity_text(t, doc) for t in areas}
    if len(names) == 1:
        return names.pop()
    if names:
        return None
    return _quoted_country(verb, doc)


def where_place(noun: Token, doc: Doc) -> str | None:
    """The place a relative "where" clause that holds the count hangs on: "Mexico, where more
    than 80 people have died" (as tied to the count as "in Mexico"), "the tiny republic of
    Ingushetia where over 147,000 refugees are concentrated"; or a "which" clause whose subject
    the place is and whose object the count: "Mexico, which also has 1,112 confirmed cases",
    "Ingushetia, which has already taken some 170,000 refugees" (the place holds them)."""
    verb = clause_verb(noun, reporting=True)
    if verb is None or verb.dep_ != "relcl":
        return None
    where = any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children)
    which = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("which", "that")]
    # not a clause of what befell the count ("the bombings in Kenya and Tanzania, which have
    # killed 250 people": the bombings did, whatever noun the parse hangs the clause on)
    done = noun.dep_ == "dobj" and token_lemma(verb) not in HAPPENED_TO
    holds = bool(which) and (token_lemma(verb) == "have" or done)
    place = verb.head
    # the parse may hang the clause on an earlier noun: the place is the word before ", which"
    if holds and place.ent_type_ not in _AREAS and which[0].i >= 2:
        place = doc[which[0].i - 2] if doc[which[0].i - 1].text == "," else place
    if not (where or holds) or several_places(place) or place.dep_ == "conj":
        return None  # "in Kenya and Tanzania, where ...": a count over both is neither one's
    if place.ent_type_ in _AREAS:
        return entity_text(place, doc)
    return named_area(place)


def destination(noun: Token, doc: Doc) -> str | None:
    """Where the people a count of the displaced or evacuated went: "78,000 refugees have fled to
    Ingushetia", "crossed into Turkey", "evacuated 5,000 people to Kuwait". They are counted
    there (as "the refugees in Ingushetia" are), apart from a count of all who fled; where they
    left ("fled Chechnya", "from Syria") names no place of theirs."""
    verb = clause_verb(noun)
    if verb is None or noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or noun.head.i != verb.i:
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into")):
        for name in (c for c in prep.children if c.dep_ == "pobj"):
            if several_places(name):
                return None
            if name.ent_type_ in _AREAS:
                return entity_text(name, doc)
            if (named := named_area(name)) is not None:
                return named
            # a region's name the recogniser takes for a person's ("fled to Ingushetia")
            if name.pos_ == "PROPN" and name.ent_type_ in ("", "PERSON"):
                return entity_text(name, doc) if name.ent_type_ else str(name.text)
    return None


# Entities that name no site even as the antecedent of "where": a person, a people, a time.
_NOT_SITES = frozenset("PERSON NORP DATE TIME CARDINAL ORDINAL QUANTITY MONEY PERCENT".split())


def where_site(noun: Token, doc: Doc) -> str | None:
    """The named site a relative "where" clause that holds the count hangs on, when it is no
    country, city or region (``where_place`` takes those): "the Bataclan, where 89 people were
    killed", "near Le Carillon, where 14 people were gunned down", "the Bataclan concert hall,
    where at least 89 were killed". "Where" makes its antecedent a place whatever the entity
    recogniser calls it (a venue's name reads as an organisation or a person); a name is asked
    for, as a proper noun or a noun a proper noun names ("concert hall"), because a common noun
    alone ("a situation where ...", "the town where") is no site of the story's own."""
    verb = clause_verb(noun, reporting=True)
    if verb is None or verb.dep_ != "relcl":
        return None
    if not any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        return None
    site = verb.head
    if site.ent_type_ in _AREAS or site.ent_type_ in _NOT_SITES:
        return None
    names = [c for c in site.children if c.dep_ == "compound" and c.i < site.i]
    if site.tag_ in ("NNP", "NNPS"):
        return entity_text(site, doc)
    # "the Bataclan concert hall"; not "the two U.S. compounds where ...": a country that owns
    # buildings names no one site
    named = bool(names) and names[0].tag_ in ("NNP", "NNPS") and names[0].ent_type_ not in _AREAS
    if site.tag_ == "NN" and named:
        return str(doc[names[0].i : site.i + 1].text)
    return None


def opening_place(num: Token, doc: Doc) -> str | None:
    """The place a sentence opens with ("In the US, the second hardest-hit nation, 226 cases
    have been confirmed"): it frames every count of its main clause, not those of a clause
    inside it ("In Mexico, officials said 20 people died" names Mexico only for the saying)."""
    first = doc[0]
    if first.lower_ != "in" or first.dep_ != "prep":
        return None
    named = [c for c in first.children if c.dep_ == "pobj"]
    if len(named) != 1 or named[0].ent_type_ not in _AREAS or several_places(named[0]):
        return None
    token = num
    while token.i != first.head.i and token.head.i != token.i:
        if token.dep_ in _CLAUSES and token.pos_ in ("VERB", "AUX"):
            return None
        token = token.head
    return entity_text(named[0], doc) if token.i == first.head.i else None


def _own_clause(verb: Token, noun: Token) -> list[Token]:
    """The words of ``verb``'s clause, without the clauses inside it other than those that
    describe the counted noun itself ("deaths linked to the virus in Mexico"), and without the
    phrases of other counts ("985 infections ..., including 590 people infected in Mexico and
    226 people in the United States": those places are the parts')."""
    out: list[Token] = []
    todo = [verb]
    while todo:
        token = todo.pop()
        out.append(token)
        for child in token.children:
            opens = child.dep_ in _CLAUSES and child.pos_ in ("VERB", "AUX")
            counted = child.i != noun.i and any(c.dep_ == "nummod" for c in child.children)
            if (not opens or child.head.i == noun.i) and not counted and not of_a_part(child):
                todo.append(child)
    return out


# Words for places that, in the plural, make a count one over several ("in several major
# Russian cities, including Moscow", "in 20 countries").
_PLACE_WORDS = frozenset("city country nation state province region district town village".split())


def _regions(token: Token) -> bool:
    return token.tag_ == "NNS" and token_lemma(token) in _PLACE_WORDS


def _the_world(token: Token) -> bool:
    """ "around the world", "across the globe": a count over the world."""
    return (
        token_lemma(token) in _WORLD
        and token.dep_ == "pobj"
        and token.head.lower_ in ("around", "across", "throughout", "in")
    )


def _quoted_country(verb: Token, doc: Doc) -> str | None:
    """The country whose authority reports the count: "Mexico's government said at least 20
    people have died", "Britain's health secretary said 27 cases had been confirmed"."""
    node = verb
    while node.dep_ in ("ccomp", "conj") and node.head.i != node.i:
        node = node.head
        if token_lemma(node) in _SAYING:
            break
    if token_lemma(node) not in _SAYING:
        return None
    for subject in (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.ent_type_ in _AREAS and subject.pos_ == "PROPN":
            return entity_text(subject, doc)  # "Mexico reported ..."
        owners = [c for c in subject.children if c.dep_ == "poss" and c.ent_type_ in _AREAS]
        if owners:
            return entity_text(owners[0], doc)
    return None


# Nouns of an outbreak's tally, whose standing ("confirmed", "suspected") tells two counts apart.
_TALLY_NOUNS = frozenset("case infection death fatality toll dead".split())
_STANDING = {
    "confirm": "confirmed", "confirmed": "confirmed", "suspect": "suspected",
    "suspected": "suspected", "probable": "suspected", "possible": "suspected",
    "presume": "suspected", "presumed": "suspected", "unconfirmed": "suspected",
}  # fmt: skip


def standing(num: Token, noun: Token | None) -> str | None:
    """ "confirmed" or "suspected", where the tally noun or its clause gives the count that
    standing (see the module docstring)."""
    if noun is None or token_lemma(noun) not in _TALLY_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.i < noun.i:
            found = _STANDING.get(child.lower_) or _STANDING.get(token_lemma(child))
            if found is not None:
                return found
    verb = clause_verb(noun, reporting=True)
    for node in (verb, verb.head if verb is not None and verb.dep_ == "xcomp" else None):
        if node is not None and token_lemma(node) in ("confirm", "suspect"):
            is_object = noun.dep_ in ("dobj", "nsubjpass") and noun.head.i == node.i
            if is_object or node is not verb:
                return _STANDING[token_lemma(node)]
    return None


# How badly people were hurt: a count of the seriously injured is a part of the injured.
_SEVERITY = frozenset("seriously critically badly severely gravely slightly lightly".split())


def severity(noun: Token | None, kind: str) -> str | None:
    """How badly the counted were hurt, where the words that say their injury say so: "critically
    injured 99 others", "five people were badly hurt", "ten seriously injured people". Such a
    count is a part of the injured (a sub-group, ``Quantity.scope``), not their number."""
    if kind != "injured" or noun is None:
        return None
    harms = [clause_verb(noun), *(c for c in noun.children if c.dep_ in ("amod", "acl"))]
    for harm in (h for h in harms if h is not None):
        for child in harm.children:
            # on the word itself ("critically injured", "injured seriously"), not on a part the
            # parse hangs there: "352 were injured, at least 99 seriously"
            beside = child.i < harm.i or child.i == harm.i + 1
            if child.dep_ == "advmod" and child.lower_ in _SEVERITY and beside:
                return str(child.lower_)
    return None
