"""Cross-source comparison (storyline.compare): groups, labels and the compare output contract.

The stories are our own fictional ones in tests/fixtures/facts/, modelled on real cases: an air
campaign whose daily count of targets is re-reported a week later under other words, two embassy
bombings on one day in two countries, and one dive described by two altitudes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from storyline import views
from storyline.clean import clean_batch
from storyline.compare import LABELS, Comparison, compare
from storyline.facts.values import compatible
from storyline.facts.views import comparison_data, key_findings
from storyline.ingest import parse_date
from storyline.models import Article, RawDocument
from storyline.text import split_sentences

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "facts"


def load(name: str) -> tuple[list[RawDocument], list[Article]]:
    raws = [
        RawDocument(
            text=row["text"],
            origin=f"{name}:{row['id']}",
            title=row.get("title"),
            source=row.get("source"),
            published=parse_date(row.get("date")),
            doc_key=row["id"],
        )
        for row in map(json.loads, (FIXTURES / f"{name}.jsonl").read_text("utf-8").splitlines())
    ]
    return raws, clean_batch(raws)


def values(comparison: Comparison, label: str) -> list[set[float]]:
    return [{f.value for f in x.facts} for x in comparison.by_label(label)]


def test_a_daily_count_re_reported_a_week_later_is_one_changed_finding() -> None:
    _, articles = load("air-campaign")
    comparison = compare(articles)
    assert values(comparison, "changed") == [{9, 53}]
    assert not comparison.by_label("disputed")
    (finding,) = comparison.by_label("changed")
    assert [f.when for f in finding.facts] == [date(2015, 10, 5), date(2015, 10, 12)]
    assert finding.outlets == ("Report A", "Northgate Wire")


def test_identifiers_are_not_counted() -> None:
    _, articles = load("air-campaign")
    facts = compare(articles).facts
    assert {(f.value, f.kind) for f in facts} == {(9, "target"), (53, "target")}
    assert not [f for f in facts if f.kind in ("state", "jet") or f.value in (24, 25, 34)]


def test_without_dates_differing_values_differ() -> None:
    _, articles = load("air-campaign")
    undated = compare([replace(a, published=None) for a in articles])
    assert values(undated, "differs") == [{9, 53}]
    assert not undated.by_label("changed") and not undated.by_label("disputed")


def test_tolls_of_two_places_are_two_groups() -> None:
    _, articles = load("embassy")
    comparison = compare(articles)
    for finding in comparison.findings:
        assert {f.value for f in finding.facts} != {11, 248}
        assert len({f.value for f in finding.facts}) <= 1, finding.summary
    agreed = {(x.place, x.facts[0].value) for x in comparison.by_label("agreed")}
    assert agreed == {("Tanzania", 11), ("Nairobi", 248)}
    assert not comparison.by_label("disputed")


def test_two_altitudes_of_one_dive_are_not_disputed() -> None:
    _, articles = load("dive")
    comparison = compare(articles)
    assert sorted(f.value for f in comparison.facts) == [16700, 19000, 33000, 33000]
    assert not comparison.by_label("disputed") and not comparison.by_label("changed")
    for finding in comparison.findings:
        assert not {16700, 19000} <= {f.value for f in finding.facts}


def test_same_day_values_from_two_outlets_are_disputed_and_dates_set_apart_change() -> None:
    a = Article(id="a", text="At least 11 people were killed, police said.", source="A",
                published=date(2025, 3, 13))  # fmt: skip
    b = Article(id="b", text="At least 17 people have died, officials said.", source="B",
                published=date(2025, 3, 13))  # fmt: skip
    assert values(compare([a, b]), "disputed") == [{11, 17}]
    earlier = {split_sentences(a)[0]: date(2025, 3, 11)}
    dated = compare([a, b], when=earlier)
    assert not dated.by_label("disputed")
    assert values(dated, "changed") == [{11, 17}]


def test_values_far_apart_on_one_day_are_not_called_a_dispute() -> None:
    a = Article(id="a", text="The raid killed 7 people.", source="A", published=date(2025, 3, 13))
    b = Article(id="b", text="The attack killed 300 people.", source="B",
                published=date(2025, 3, 13))  # fmt: skip
    comparison = compare([a, b])
    assert not comparison.by_label("disputed")
    # dated, so no order is unknown: two things, each its outlet's, not "values differ"
    assert not comparison.by_label("differs")
    assert sorted(values(comparison, "single-source"), key=min) == [{7}, {300}]
    # undated, 7 and 300 are still no one count in any order; 7 and 30 may be
    undated = [replace(a, published=None), replace(b, published=None)]
    assert not compare(undated).by_label("differs")
    closer = replace(b, text="The attack killed 30 people.")
    assert values(compare([undated[0], closer]), "differs") == [{7, 30}]


def test_findings_link_to_their_sentences() -> None:
    _, articles = load("air-campaign")
    spans = {(s.article_id, s.start, s.end) for a in articles for s in split_sentences(a)}
    for finding in compare(articles).findings:
        assert finding.sentences()
        assert set(finding.sentences()) <= spans


def test_json_gives_doc_positions_and_spans_into_each_inputs_own_text() -> None:
    raws, articles = load("air-campaign")
    data = comparison_data(compare(articles), articles, raws=raws)
    assert [d["doc"] for d in data["documents"]] == [0, 1]
    assert [d["id"] for d in data["documents"]] == [a.id for a in articles]
    assert set(data["labels"]) == set(LABELS)
    for fact in data["facts"]:
        text = raws[fact["doc"]].text
        assert text[fact["start"] : fact["end"]] == fact["text"]
    (changed,) = [f for f in data["findings"] if f["label"] == "changed"]
    assert [f["doc"] for f in changed["facts"]] == [0, 1]
    assert changed["facts"] == [f for f in data["facts"] if f in changed["facts"]]


def test_key_findings_come_first_and_single_source_below() -> None:
    _, articles = load("embassy")
    comparison = compare(articles)
    key, single = key_findings(comparison)
    assert [f.label for f in key] == ["agreed", "agreed"]
    assert single and all(f.label == "single-source" for f in single)
    text = views.render(views.documents_view(articles, comparison=comparison), "md")
    assert text.index("### Agreed") < text.index("### Single source")
    assert "Harbour Times [" in text
    # each finding says what it measures, as the facts stage described it
    assert all(f"**{f.what}**" in text for f in key)
    empty = views.documents_view([], comparison=Comparison(findings=(), facts=()))
    assert "No comparable facts found." in views.render(empty, "md")


def test_unknown_label_says_which_exist() -> None:
    with pytest.raises(ValueError, match="agreed, changed, disputed, differs, single-source"):
        compare([]).by_label("contradicted")


def test_compare_command_output_contract(tmp_path: Path) -> None:
    """`storyline compare --format json` on files: facts carry doc and spans into the input."""
    path = FIXTURES / "air-campaign.jsonl"
    out = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "compare", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert [d["doc"] for d in data["documents"]] == [0, 1]
    for fact in data["facts"]:
        assert rows[fact["doc"]]["text"][fact["start"] : fact["end"]] == fact["text"]
    labels = [f["label"] for f in data["findings"]]
    assert labels[0] == "changed"


def test_compare_spans_index_the_text_as_the_input_gave_it(tmp_path: Path) -> None:
    """A JSON record's text field with its own white space (blank lines, CRLF, doubled spaces)
    and a text file with its title line and hard-wrapped lines: every span indexes the input as
    given, not the body storyline normalised out of it."""
    record = (
        "The death toll   from the attacks has risen to 130, officials said.\r\n\r\n\n\n"
        "At least 89 people died at the Bataclan.\u00a0 Police said 7 attackers died."
    )
    (tmp_path / "wire.jsonl").write_text(
        json.dumps({"id": "w", "source": "Wire", "date": "2015-11-15", "text": record}) + "\n",
        "utf-8",
    )
    page = (
        "Paris death toll rises\n\nThe death toll rose to 130\non Saturday, the prosecutor said."
        "\n\n\n89 people were killed at the\nBataclan concert hall, police said.\n"
    )
    (tmp_path / "paper.txt").write_text(page, "utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "compare", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    given = {"wire.jsonl": record, "paper.txt": page}
    texts = [given[Path(d["origin"].split(":")[0]).name] for d in data["documents"]]
    assert {f["text"] for f in data["facts"]} >= {"130", "At least 89 people", "89 people"}
    for fact in data["facts"]:
        text = texts[fact["doc"]]
        assert text[fact["start"] : fact["end"]] == fact["text"]
        sentence = text[fact["sentence"]["start"] : fact["sentence"]["end"]]
        assert fact["text"] in sentence


def test_a_denial_is_a_contested_claim_not_a_disputed_number() -> None:
    rows = [
        json.loads(line) for line in (FIXTURES / "stories.jsonl").read_text("utf-8").splitlines()
    ]
    raws = [
        RawDocument(
            text=r["text"],
            origin=r["id"],
            source=r.get("source"),
            published=parse_date(r.get("date")),
        )
        for r in rows
        if r["id"].startswith("ferry")
    ]
    comparison = compare(clean_batch(raws))
    pairs = {(f.claims[0].speaker, f.claims[1].speaker) for f in comparison.by_label("contested")}
    assert ("Survivors", "Brenn Sealink") in pairs
    assert all(f.facts for f in comparison.by_label("disputed"))


def test_a_denial_contests_only_the_clause_it_denies() -> None:
    """A denier's own account after the comma is not what it denies; refusing an offer or firing
    a cabinet contests no claim; a sentence is not its own answer."""
    texts = [
        (
            "Valdria Herald",
            "2025-03-05",
            "The interior ministry said its guards had been attacked by armed smugglers near the "
            "Kessel border post on Tuesday night. Opposition leaders said they would not accept the "
            "mayor's offer of talks on the dam inquiry.",
        ),
        (
            "Coastline Daily",
            "2025-03-06",
            "The government denied its guards were behind the shooting, blaming it on armed "
            "smugglers who attacked the Kessel border post on Tuesday night. The mayor rejected "
            "the opposition leaders' demand for talks on the dam inquiry. Survivors said the "
            "guards had fired on the crowd, which the guards' commander denied.",
        ),
    ]
    raws = [
        RawDocument(text=t, origin=str(k), source=src, published=parse_date(day))
        for k, (src, day, t) in enumerate(texts)
    ]
    assert compare(clean_batch(raws)).by_label("contested") == ()


def test_dev_set_stays_above_the_floors() -> None:
    """benchmarks/floors.json pins what `compare` reaches on ../shared/facts/dev.jsonl, scored by
    score.py exactly as the held-out check is (benchmarks/facts.py records the full table)."""
    from benchmarks.facts import SHARED, score

    if not (SHARED / "dev.jsonl").exists():
        pytest.skip(f"no {SHARED / 'dev.jsonl'}")
    root = Path(__file__).resolve().parents[1]
    floors = json.loads((root / "benchmarks" / "floors.json").read_text("utf-8"))["facts"]["dev"]
    lines = [line + "\n" for line in (SHARED / "dev.jsonl").read_text("utf-8").splitlines()]
    summary = score(lines, "dev")
    for name, floor in floors.items():
        label, _, measure = name.partition(".")
        got = summary[label][measure] if measure else summary[label]
        assert got is not None and got >= floor, (name, got, floor)


def _article(ident: str, text: str, source: str, day: int) -> Article:
    return Article(id=ident, text=text, source=source, published=date(1999, 7, day))


def test_numbers_that_name_or_describe_are_not_counted() -> None:
    text = (
        "One official said the 990 crash was studied. He filed a 16-page complaint. "
        "He is on the 10 most wanted list for the 1997 bombings. The blast killed 14 people."
    )
    facts = compare([_article("a", text, "A", 1)]).facts
    assert [(f.value, f.kind) for f in facts] == [(14, "killed")]


def test_a_plain_noun_changes_only_as_a_tally_over_three_dates() -> None:
    two = [
        _article("a", "Three experts joined the inquiry.", "A", 1),
        _article("b", "Twenty experts joined the inquiry.", "B", 9),
    ]
    assert not compare(two).by_label("changed")
    tally = [
        _article(str(i), f"Plaintiffs have filed {n} lawsuits against the company.", s, d)
        for i, (n, s, d) in enumerate([("2,600", "A", 1), ("3,100", "B", 9), ("4,100", "C", 20)])
    ]
    assert values(compare(tally), "changed") == [{2600, 3100, 4100}]


def test_the_value_most_outlets_give_is_agreed_beside_a_far_one() -> None:
    rows = [("A", 113), ("B", 113), ("C", 113), ("D", 7)]
    articles = [
        _article(s, f"The crash killed {n} people, officials said.", s, 2 + i)
        for i, (s, n) in enumerate(rows)
    ]
    comparison = compare(articles)
    assert values(comparison, "agreed") == [{113}]
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")


def test_a_story_report_opens_with_its_key_numbers(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "storyline.cli", *args, "--db", str(tmp_path / "s.db")]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300)

    examples = Path(__file__).resolve().parents[1] / "examples" / "kessel-dam"
    assert run("ingest", str(examples / "articles.jsonl")).returncode == 0
    story = json.loads(run("stories", "--json").stdout)[0]["id"]
    md = run("story", story).stdout
    assert md.index("key numbers") < md.index("## Summary") < md.index("## Single-source")
    key = md[md.index("key numbers") : md.index("## Summary")]
    assert "### Disputed" in key and "“" in key and "Single source" not in key
    html = run("story", story, "--format", "html").stdout
    assert html.index("key numbers") < html.index("<h2>Summary") < html.index("<details>")


def test_one_place_named_by_a_story_does_not_part_its_counts() -> None:
    articles = [
        _article("a", "The gunman killed nine people in Atlanta.", "A", 1),
        _article("b", "The gunman killed nine people.", "B", 2),
    ]
    assert values(compare(articles), "agreed") == [{9}]


def test_one_measure_in_two_units_agrees() -> None:
    articles = [
        _article("a", "The balloon is 180 feet tall.", "A", 1),
        _article("b", "The 54-meter-high balloon landed.", "B", 2),
    ]
    assert values(compare(articles), "agreed") == [{180, 54}]


def test_a_lone_report_far_off_an_established_figure_is_set_apart() -> None:
    rows = [("A", "about 300"), ("B", "some 300"), ("C", "nearly 300"), ("D", "some 3,600")]
    articles = [
        _article(s, f"The attacks killed {n} people.", s, 1 + 7 * i)
        for i, (s, n) in enumerate(rows)
    ]
    comparison = compare(articles)
    assert values(comparison, "agreed") == [{300}]
    assert not comparison.by_label("changed")


def test_a_rising_toll_keeps_its_series_when_one_report_does_not_fit() -> None:
    rows = [("A", 10), ("B", 14), ("C", 3), ("D", 20)]
    articles = [
        _article(s, f"The fire has killed {n} people.", s, 1 + i) for i, (s, n) in enumerate(rows)
    ]
    assert values(compare(articles), "changed") == [{10, 14, 20}]


def test_a_value_far_from_all_others_is_set_apart_and_the_rest_labelled() -> None:
    rows = [("A", "over 5,000", 1), ("B", "about 70", 8), ("C", "more than 80", 30)]
    articles = [_article(s, f"The bombs injured {n} people.", s, d) for s, n, d in rows]
    assert values(compare(articles), "changed") == [{70, 80}]


def test_what_a_vessel_is_built_to_hold_is_not_its_crew_on_the_day() -> None:
    articles = [
        _article("a", "The submarine carries a 107-man crew.", "A", 1),
        _article("b", "The submarine normally carries 107 crew.", "B", 1),
        _article("c", "Rescuers tried to reach the 118 crew aboard.", "C", 3),
    ]
    comparison = compare(articles)
    assert values(comparison, "agreed") == [{107}]
    assert not comparison.by_label("changed")


def test_shares_agree_at_the_precision_written() -> None:
    articles = [
        _article("a", "Putin had 52.4 percent of the vote.", "A", 1),
        _article("b", "Putin gained 52.9 percent of the vote.", "B", 5),
    ]
    assert values(compare(articles), "changed") == [{52.4, 52.9}]
    rounded = [
        _article("a", "Putin won 52.94 percent of the vote.", "A", 1),
        _article("b", "Putin won 53 percent of the vote.", "B", 5),
    ]
    assert values(compare(rounded), "agreed") == [{52.94, 53}]


def test_a_bare_count_repeated_as_what_happened_is_one_fact_at_its_first_mention() -> None:
    text = "The gunman shot then nine people at the office. Nine died and 13 were wounded."
    facts = compare([_article("a", text, "A", 1)]).facts
    assert [(f.value, f.kind) for f in facts] == [(9, "killed"), (13, "injured")]
    span = facts[0].span
    assert span is not None and text[span[0] : span[1]] == "nine people"


def test_a_figure_said_again_far_on_in_a_long_article_is_other_people() -> None:
    filler = " ".join(["The panel then turned to the budget debate in the capital."] * 60)
    text = (
        f"Over 9,000 young people were in the square. {filler} "
        "A cyclone years ago took more than 9,000 lives."
    )
    facts = compare([_article("a", text, "A", 1)]).facts
    kinds = {f.text: f.kind for f in facts if f.value == 9000}
    assert kinds["Over 9,000 young people"] != "killed"


def test_a_quantity_span_is_never_inside_a_longer_number() -> None:
    text = "The barge, which carried about 270 tons,\nlost 70 tons in the storm."
    raw = RawDocument(text=text, origin="t:a", source="A", published=date(1999, 7, 1), doc_key="a")
    articles = clean_batch([raw])
    data = comparison_data(compare(articles), articles, raws=[raw])
    spans = {f["value"]: (f["start"], f["end"]) for f in data["facts"]}
    assert text[spans[70][0] - 1 : spans[70][1]] == " 70 tons"


def test_three_reports_of_one_measure_agree() -> None:
    rows = [("A", "some 60 miles off"), ("B", "about 60 miles from"), ("C", "some 60 miles off")]
    articles = [
        _article(s, f"The plane crashed {w} Nantucket.", s, 1 + i) for i, (s, w) in enumerate(rows)
    ]
    assert values(compare(articles), "agreed") == [{60}]


def test_two_outlets_giving_one_exact_reading_agree_beside_a_vague_one() -> None:
    articles = [
        _article("a", "An aftershock measured 4.6 on Tuesday.", "Wire A", 3),
        _article("b", "The aftershock measured 4.6, the observatory said.", "Paper B", 3),
        _article(
            "c",
            "The quake measured 6.1. Two tremors were measured at over four degrees.",
            "Wire A",
            2,
        ),
    ]
    assert values(compare(articles), "agreed") == [{4.6}]


def _dated(article_id: str, text: str, source: str, day: int) -> Article:
    return Article(id=article_id, text=text, source=source, published=date(2025, 3, day))


def test_where_a_wreck_lies_given_differently_by_two_outlets_is_disputed_on_any_dates() -> None:
    a = _dated("a", "Divers reached the ferry, which lies about 30 meters deep.", "A", 10)
    b = _dated("b", "The ferry is trapped 150 feet below the surface of the lake.", "B", 12)
    assert values(compare([a, b]), "disputed") == [{30, 150}]
    # Undated, the order is unknown.
    undated = [replace(x, published=None) for x in (a, b)]
    assert values(compare(undated), "differs") == [{30, 150}]


def test_what_a_vessel_can_do_and_where_a_fall_began_are_not_where_it_lies() -> None:
    a = _dated("a", "The submarine can dive to depths of up to 500 meters.", "A", 10)
    b = _dated("b", "The submarine lies about 100 meters deep.", "B", 10)
    c = _dated("c", "The submarine fell to the seabed from a depth of 20 meters.", "C", 11)
    comparison = compare([a, b, c])
    assert not comparison.by_label("disputed") and not comparison.by_label("changed")


def test_a_vessels_displacement_is_one_property_under_two_wordings() -> None:
    a = _dated("a", "The 14,000-ton submarine sank on Saturday.", "A", 10)
    b = _dated("b", "The submarine has a displacement of 18,000 tons.", "B", 11)
    assert values(compare([a, b]), "disputed") == [{14000, 18000}]


def test_a_vessels_displacement_given_as_two_figures_in_turn_is_disputed() -> None:
    rows = [("A", "The 9,300-ton submarine has a crew of 40.", 10),
            ("B", "The submarine has a displacement of about 9,000 tons.", 11),
            ("A", "The 9,000-ton submarine remained stuck on the seabed.", 13),
            ("A", "The submarine has a displacement of 9,300 tons.", 15)]  # fmt: skip
    articles = [_dated(f"a{i}", text, s, day) for i, (s, text, day) in enumerate(rows)]
    # One outlet's own revision (9,300 then 9,000), another's "about 9,000" beside it: changed.
    assert values(compare(articles[:3]), "changed") == [{9000, 9300}]
    # The first figure comes back: two figures in use, each given twice, contradict each other.
    assert values(compare(articles), "disputed") == [{9000, 9300}]


def test_a_running_total_a_later_report_gives_updates_a_plain_count() -> None:
    rows = [("Wire A", "Army engineers have destroyed 12,000 mines taken from old depots.", 5),
            ("Paper C", "Rebels planted 2,000 mines along the northern border.", 8),
            ("Paper B", "Some 3,000 stockpiled mines were destroyed in May, bringing the total "
                        "so far to 15,000.", 20)]  # fmt: skip
    articles = [_article(f"m{i}", text, s, day) for i, (s, text, day) in enumerate(rows)]
    comparison = compare(articles)
    # The mines planted are another happening than the mines destroyed the two others count.
    assert values(comparison, "changed") == [{12000, 15000}]
    assert not comparison.by_label("differs") and not comparison.by_label("disputed")
    # Without the report's own "total so far", two dates of a plain noun are not an update.
    plain = replace(articles[2], text="Engineers have destroyed 15,000 mines, the army said.")
    assert not compare([articles[0], plain]).by_label("changed")


def test_the_first_low_report_of_a_toll_is_where_the_count_started() -> None:
    rows = [("A", "Istanbul was hit hardest and 107 bodies have been recovered there."),
            ("B", "In Istanbul, 984 people were killed."),
            ("C", "The quake killed 984 people in Istanbul.")]  # fmt: skip
    articles = [_article(s, text, s, 17 + 4 * i) for i, (s, text) in enumerate(rows)]
    assert values(compare(articles), "changed") == [{107, 984}]


def test_two_sums_for_one_word_are_not_one_sum_changed() -> None:
    a = _article("A", "Smokers caught in public face a $10 fine.", "A", 5)
    b = _article("B", "Smokers caught in public could be hit with a $25 fine.", "B", 20)
    comparison = compare([a, b])
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")


def test_a_round_sum_two_outlets_give_for_no_named_thing_is_not_agreed() -> None:
    a = _article("A", "The government offered $5 million for each new suspect.", "A", 5)
    b = _article("B", "Washington offered up to $5 million for the leader's capture.", "B", 20)
    assert not compare([a, b]).by_label("agreed")
    c = _article("C", "The repairs cost $5.3 million, the city said.", "C", 5)
    d = _article("D", "The city said the repairs cost $5.3 million.", "D", 6)
    assert values(compare([c, d]), "agreed") == [{5.3e6}]


def test_a_first_reading_its_own_outlet_revises_is_one_measure_changed() -> None:
    rows = [
        ("Wire A", "The 6.7-magnitude earthquake struck before dawn.", 17),
        ("Wire A", "The earthquake measured 7.4, the observatory said.", 20),
        ("Paper B", "The 7.4-magnitude quake destroyed thousands of homes.", 21),
        ("Paper C", "The 7.4-magnitude earthquake flattened the old town.", 24),
    ]
    articles = [_article(f"a{i}", text, s, day) for i, (s, text, day) in enumerate(rows)]
    comparison = compare(articles)
    assert values(comparison, "changed") == [{6.7, 7.4}]
    assert not comparison.by_label("agreed")
    # Another outlet's first reading is not the revised outlet's own: two readings, no update.
    other = [replace(articles[0], source="Paper D"), *articles[1:]]
    assert not compare(other).by_label("changed")
    # Months later, the outlet reports another thing: no revision of its first reading.
    late = [
        articles[0],
        *(replace(a, published=date(1999, 11, 1 + k)) for k, a in enumerate(articles[1:])),
    ]
    assert not compare(late).by_label("changed")


def test_round_shares_of_three_outlets_do_not_tie_them() -> None:
    """ "70 percent" of one thing and of another meet by chance, however many outlets."""
    rows = [
        ("A", "A poll found 70 percent of residents opposed the plan.", 1),
        ("B", "The government pays 70 percent of the money spent on schools.", 9),
        ("C", "More than 70 percent of programming is produced locally.", 20),
    ]
    articles = [_article(s, text, s, day) for s, text, day in rows]
    assert not compare(articles).by_label("agreed")


def test_a_part_counted_under_its_own_verb_is_its_own_count() -> None:
    rows = [
        ("A", "The treaty has been signed by 133 countries and ratified by 65 of them.", 1),
        ("B", "The treaty was signed by 135 countries, 74 of which have ratified it.", 9),
        ("C", "The treaty has been signed by 138 governments and ratified by 101.", 20),
    ]
    articles = [_article(s, text, s, day) for s, text, day in rows]
    comparison = compare(articles)
    assert sorted(values(comparison, "changed"), key=min) == [{65, 74, 101}, {133, 135, 138}]
    ratified = [f for f in comparison.facts if f.value in (65, 74, 101)]
    assert {(f.kind, f.event) for f in ratified} == {("country", "ratify")}


def test_an_article_with_no_text_left_does_not_stop_the_story() -> None:
    empty = _article("e", "", "A", 1)
    story = [empty, _article("b", "The fire killed 12 people.", "B", 2)]
    assert [(f.value, f.kind) for f in compare(story).facts] == [(12, "killed")]


def test_two_of_a_plain_noun_moved_under_two_verbs_of_one_happening_agree() -> None:
    a = _article("a", "Two suspects were brought to the capital for trial.", "A", 3)
    b = _article("b", "Police said they had sent two suspects to the capital.", "B", 9)
    assert values(compare([a, b]), "agreed") == [{2}]
    c = _article("c", "Two suspects were freed on bail.", "C", 9)
    assert not compare([a, c]).by_label("agreed")


def test_a_crowd_estimated_and_people_who_marched_are_one_count() -> None:
    a = _article("a", "Police estimated the crowd at 10,000 on Saturday.", "A", 3)
    b = _article("b", "About 10,000 people marched through the city, police said.", "B", 3)
    assert values(compare([a, b]), "agreed") == [{10000}]


def test_a_place_spelled_two_ways_is_one_place_but_a_demonym_or_short_name_is_not() -> None:
    from storyline.facts.places import same_spelling

    assert same_spelling("marsovia", "marsowia") and same_spelling("port marsden", "port marsdan")
    assert not same_spelling("iran", "iraq") and not same_spelling("norland", "norlandi")
    rows = [
        ("a", "A", 1, "The quake killed 80 people in Marsovia. It killed 12 people in Tolberg."),
        ("b", "B", 2, "The quake killed 80 people in Marsowia. It killed 12 people in Tolberg."),
    ]
    articles = [_article(i, text, s, d) for i, s, d, text in rows]
    assert sorted(values(compare(articles), "agreed"), key=min) == [{12}, {80}]


def test_others_beside_a_named_victim_are_not_the_whole_toll() -> None:
    rows = [
        ("a", "A", "The envoy Dara Quell and three other Norlanders were killed in the attack."),
        ("b", "B", "Quell and three other Norlanders were killed when the post was stormed."),
        ("c", "C", "The attack on the post killed four Norlanders, including the envoy."),
        ("d", "D", "Four Norlanders were killed in the attack, officials said."),
    ]
    comparison = compare([_article(i, text, s, 12) for i, s, text in rows])
    assert sorted(values(comparison, "agreed"), key=min) == [{3}, {4}]
    assert not comparison.by_label("disputed")


def test_values_that_differ_say_what_they_are_not() -> None:
    """ "differs" is neither an update nor a dispute; the heading must not read as either."""
    _, articles = load("air-campaign")
    undated = compare([replace(a, published=None) for a in articles])
    undated_view = views.documents_view(articles, comparison=undated)
    for fmt in ("md", "html"):
        text = views.render(undated_view, fmt)
        assert "Values differ" in text and "Neither an update nor a dispute" in text, fmt
    dated_view = views.documents_view(articles, comparison=compare(articles))
    assert "Neither an update nor a dispute" not in views.render(dated_view, "md")


def test_a_round_share_does_not_tie_outlets_to_an_exact_one() -> None:
    """ "10 percent" meets "10.4 percent" by chance: two shares of different things."""
    two = [
        _article("a", "The rate of violent crime declined 10.4 percent last year.", "A", 1),
        _article("b", "The guard was found 10 percent negligent by the jury.", "B", 3),
    ]
    assert not compare(two).by_label("agreed")
    same = [
        _article("a", "The rate of violent crime declined 10.4 percent last year.", "A", 1),
        _article("b", "Violent crime fell 10.4 percent, the department said.", "B", 3),
    ]
    assert values(compare(same), "agreed") == [{10.4}]


def test_two_currencies_never_agree() -> None:
    """ "15 cents" is not within "$10 to $20"; cents compare as dollars."""
    two = [
        _article("a", "The fund paid $10 to $20 in fees for each member.", "A", 1),
        _article("b", "The fund paid 15 cents in fees for each member.", "B", 3),
    ]
    dollars, cents = compare(two).facts
    assert (dollars.upper, cents.unit) == (20, "cent")
    assert not compatible(dollars, cents)
    assert not compare(two).by_label("agreed")
    assert compatible(cents, replace(cents, value=0.15, unit="dollar"))


def test_far_apart_counts_of_a_plain_noun_on_one_day_are_two_things() -> None:
    """ "33 states where rates rose" and "45 states with high rates" are no dispute; 47 and 48
    kidnapped pilgrims, the same day from two outlets, are."""
    states = [
        _article("a", "Obesity rates increased in 33 states between 1991 and 1998.", "A", 26),
        _article("b", "Some 45 states have obesity rates of more than 15 percent.", "B", 26),
    ]
    assert not compare(states).by_label("disputed")
    pilgrims = [
        _article("a", "The agency put the number of pilgrims at 47.", "A", 4),
        _article("b", "Forty-eight pilgrims were kidnapped by gunmen near the capital.", "B", 4),
    ]
    assert values(compare(pilgrims), "disputed") == [{47, 48}]


def test_a_value_beyond_the_whole_of_a_part_is_another_thing() -> None:
    """ "42 of the 69 sailors" (an earlier accident recalled) and "all 118 sailors" later are not
    one toll that rose."""
    rows = [
        ("A", "Forty-two of the 69 sailors aboard died in that accident.", 14),
        ("B", "The navy concluded that all 118 sailors had died in the wreck.", 21),
    ]
    articles = [_article(s, text, s, day) for s, text, day in rows]
    comparison = compare(articles)
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")


def test_a_share_that_jumps_is_two_shares() -> None:
    """A vote share of 56% and "about 40%" two days later are two measures, not an update; a
    count's 52.4% and the final 52.9% are one share that moved."""
    jump = [
        _article("a", "Chavez won 56 percent of the vote, the electoral council said.", "A", 6),
        _article("b", "Chavez won about 40 percent of the vote among the poor, Leon said.", "B", 8),
    ]
    assert not compare(jump).by_label("changed")
    moved = [
        _article("b", "Putin won 52.4 percent of the vote, officials said.", "B", 26),
        _article("c", "Putin won 52.9 percent of the vote, the commission said.", "C", 30),
    ]
    assert values(compare(moved), "changed") == [{52.4, 52.9}]


def test_a_forecast_neither_updates_nor_contradicts_a_result() -> None:
    """ "were expected to win 77 seats" beside "won 75 seats" the same day: no dispute; the
    count of who could survive is not a forecast."""
    rows = [
        ("A", "The separatists won 75 seats in the assembly.", 1),
        ("B", "The separatists were expected to win 77 seats in the assembly.", 1),
        ("C", "The separatists won 75 seats in the assembly, officials said.", 1),
    ]
    articles = [_article(s, text, s, day) for s, text, day in rows]
    comparison = compare(articles)
    assert not comparison.by_label("disputed") and not comparison.by_label("changed")
    (sailors,) = compare([_article("a", "The 118 sailors on board could survive.", "A", 1)]).facts
    assert not sailors.foreseen
    possible = _article(
        "a", "The general said up to 200,000 people may have died in the quake.", "A", 1
    )
    (toll,) = compare([possible]).facts
    assert (toll.kind, toll.foreseen) == ("killed", True)  # the toll itself is what may be


def test_what_a_thing_can_do_is_not_what_another_did() -> None:
    """ "his filter can provide 15,000 litres" is not the 15,000 litres the planes dropped; a
    capacity said under one verb two ways ("supports", "can support") is one thing; an
    official who "can confirm" a count reports it."""
    rows = [
        ("A", "Relief planes dropped 15,000 litres of water north of the town of Verlo.", 1),
        ("B", "The inventor says his water filter can provide 15,000 litres of drinking water.", 1),
        ("C", "Relief planes dropped 15,000 litres of water north of Verlo on Tuesday.", 2),
    ]
    comparison = compare([_article(s, text, s, day) for s, text, day in rows])
    assert [f.outlets for f in comparison.by_label("agreed")] == [("A", "C")]
    rows = [
        ("A", "The new Lumo laptop supports up to 8GB of memory.", 1),
        ("B", "The new Lumo laptop can support up to 8GB of memory.", 1),
    ]
    comparison = compare([_article(s, text, s, day) for s, text, day in rows])
    assert [f.outlets for f in comparison.by_label("agreed")] == [("A", "B")]
    (arrests,) = compare([_article("a", "Police can confirm 12 arrests in Verlo.", "A", 1)]).facts
    assert (arrests.value, arrests.able) == (12, False)
    barred = _article("a", "Three of the suspects cannot be charged again in Verlo.", "A", 1)
    assert not any(f.able for f in compare([barred]).facts)  # said of them, not a capacity


def test_a_denial_that_shares_only_names_with_a_claim_does_not_answer_it() -> None:
    """Two sentences about one person share her names whatever they say: "accused ... of working
    with smugglers" is not what "denied that ... holds a Corran passport" answers."""
    texts = [
        (
            "Valdria Herald",
            "2025-03-05",
            "A top general accused Mara Velt of the Valdrian Democratic League of working with "
            "smugglers.",
        ),
        (
            "Coastline Daily",
            "2025-03-06",
            "The Corran embassy denied that Mara Velt of the Valdrian Democratic League holds a "
            "Corran passport.",
        ),
    ]
    raws = [
        RawDocument(text=t, origin=str(k), source=src, published=parse_date(day))
        for k, (src, day, t) in enumerate(texts)
    ]
    assert compare(clean_batch(raws)).by_label("contested") == ()


def test_a_denial_answers_what_was_said_in_the_weeks_before_it_not_a_year_before() -> None:
    claim = (
        "Harbour Gazette",
        "2024-01-10",
        "The council said the grant would be used to widen the quarry roads near Brenn.",
    )
    denial = "The quarry company denied it was widening the quarry roads near Brenn."
    for day, found in (("2024-01-20", True), ("2024-11-20", False)):
        raws = [
            RawDocument(text=t, origin=str(k), source=src, published=parse_date(d))
            for k, (src, d, t) in enumerate((claim, ("Coast Radio", day, denial)))
        ]
        assert bool(compare(clean_batch(raws)).by_label("contested")) is found, day
