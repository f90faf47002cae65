"""End to end through the installed ``storyline`` command, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.summarizers.trim import without_deixis

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "kessel-dam"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_markdown_summary_of_the_examples_cites_outlets_by_name() -> None:
    out = run("summarize", str(STORY / "articles.jsonl"), "--words", "120")
    assert out.returncode == 0, out.stderr
    body, _, notes = out.stdout.partition("\n[^1]:")
    assert "http" in notes, "footnotes give the article's address"
    assert "[^1]" in body
    assert "The Valdria Herald" in out.stdout or "Radio Meridian" in out.stdout
    sentences = [line for line in body.splitlines()[3:] if line.strip()]
    assert sentences and all("[^" in line for line in sentences), "every sentence cites"
    words = sum(len(line.split("[^")[0].split()) for line in sentences)
    assert words <= 120


def test_json_output_spans_point_at_the_cited_text() -> None:
    out = run("summarize", str(STORY / "articles.jsonl"), "--format", "json", "--words", "150")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    rows = [json.loads(line) for line in (STORY / "articles.jsonl").read_text("utf-8").splitlines()]
    assert len(data["articles"]) == len(rows)
    assert data["summary"]["sentences"]
    assert data["summary"]["made"]["method"].startswith("storyline")
    for sentence in data["summary"]["sentences"]:
        own = sentence["citations"][0]
        # the sentence as its article writes it, or without a day the summary cannot anchor
        assert sentence["text"] in (own["quote"], without_deixis(own["quote"]))
        for c in sentence["citations"]:
            assert c["end"] > c["start"] and c["quote"]
            assert rows[c["doc"]]["text"]  # doc indexes the articles
    removed = [r for a in data["articles"] for r in a["removed"]]
    assert any(r["kind"] == "caption" for r in removed)


def test_html_output_escapes_hostile_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.jsonl"
    lines = []
    for k, outlet in enumerate(["<script>alert(1)</script>", "Onerror News", "Third Desk"]):
        lines.append(
            json.dumps(
                {
                    "title": f'<img src=x onerror="alert({k})">Dam fails',
                    "source": outlet,
                    "url": "javascript:alert(1)",
                    "text": "The Kessel dam on the Serin river gave way on Tuesday after heavy rain, "
                    "flooding nine villages. <script>alert('x')</script> Rescue crews in 25 boats searched "
                    "the flooded streets of Ardmore for stranded residents on Tuesday night.",
                }
            )
        )
    hostile.write_text("\n".join(lines), encoding="utf-8")
    out = run("summarize", str(hostile), "--format", "html", "--words", "60")
    assert out.returncode == 0, out.stderr
    assert "<script>" not in out.stdout and "<img" not in out.stdout
    assert "&lt;script&gt;" in out.stdout
    assert 'href="javascript:' not in out.stdout


def test_folder_with_bad_files_is_partial_and_names_them(tmp_path: Path) -> None:
    for path in (STORY / "text").glob("*.txt"):
        (tmp_path / path.name).write_text(path.read_text("utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.json").write_text('{"text": "unfinished', encoding="utf-8")
    out = run("summarize", str(tmp_path), "--words", "80")
    assert out.returncode == 1
    for name in ("empty.txt", "binary.txt", "broken.json"):
        assert name in out.stderr
    assert "[^1]" in out.stdout


def test_one_files_items_skipped_for_one_reason_read_as_one_line_and_their_places(
    tmp_path: Path,
) -> None:
    """A wall of identical lines (a title-only feed, a JSONL of empty texts) folds into the
    first and the others' places; two in a row and other files keep their own lines."""
    rows = [json.dumps({"text": ""})] * 4 + [(STORY / "articles.jsonl").read_text("utf-8")]
    (tmp_path / "mixed.jsonl").write_text("\n".join(rows), encoding="utf-8")
    (tmp_path / "two.jsonl").write_text('{"text": ""}\n{"text": ""}\n', encoding="utf-8")
    out = run("summarize", str(tmp_path), "--words", "60")
    assert out.returncode == 1 and "[^1]" in out.stdout
    lines = out.stderr.strip().splitlines()
    mixed = str(tmp_path / "mixed.jsonl")
    assert lines[0] == (
        f"storyline: skipped {mixed}:1: has an empty 'text' field; records without a body "
        "cannot be summarised."
    )
    assert lines[1] == f"storyline: skipped 3 more items of {mixed} for the same reason: :2, :3, :4"
    assert [line.split(": ")[1] for line in lines[2:]] == [
        f"skipped {tmp_path / 'two.jsonl'}:1",
        f"skipped {tmp_path / 'two.jsonl'}:2",
    ]


def test_nothing_readable_fails_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = run("summarize", str(tmp_path / "empty.txt"))
    assert out.returncode == 2
    assert "empty.txt" in out.stderr


def test_stdin() -> None:
    text = (STORY / "text" / "03-meridian-2025-03-13.txt").read_text("utf-8")
    out = run("summarize", "-", "--sentences", "2", stdin=text)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("[^1]") >= 2


def test_summarize_batch_spans_index_the_input_text(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in (STORY / "articles.jsonl").read_text("utf-8").splitlines()]
    docs = [{k: r[k] for k in ("text", "title", "source", "url", "date")} for r in rows]
    clusters = tmp_path / "clusters.jsonl"
    clusters.write_text(
        "\n".join(
            [
                json.dumps({"id": "dam", "documents": docs}),
                "{not json",
                json.dumps({"id": "empty", "documents": []}),
                json.dumps({"id": "half", "documents": docs[:3]}),
            ]
        ),
        encoding="utf-8",
    )
    output = tmp_path / "out.jsonl"
    out = run(
        "summarize-batch", "--input", str(clusters), "--output", str(output), "--words", "100"
    )
    assert out.returncode == 1, out.stderr
    assert "line 2" in out.stderr and "line 3" in out.stderr
    results = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert [r["id"] for r in results] == ["dam", "half"]
    for result in results:
        assert result["summary"] and result["sentences"]
        for sentence in result["sentences"]:
            assert sentence["citations"]
            for c in sentence["citations"]:
                cited = docs[c["doc"]]["text"][c["start"] : c["end"]]
                assert cited.strip() and cited == cited.strip(), "a span is a trimmed sentence"
            first = sentence["citations"][0]
            cited = docs[first["doc"]]["text"][first["start"] : first["end"]]
            quote = " ".join(cited.split())
            assert sentence["text"] in (quote, without_deixis(quote))


@pytest.mark.parametrize("method", ["lexrank", "centroid", "lead"])
def test_methods_are_selectable(method: str) -> None:
    out = run("summarize", str(STORY / "articles.jsonl"), "--method", method, "--sentences", "3")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("\n\n") >= 3


def test_methods_lists_the_registry() -> None:
    out = run("methods")
    assert out.returncode == 0
    for name in ("storyline", "lexrank", "centroid", "lead", "sumy-lexrank"):
        assert name in out.stdout


def test_unknown_method_is_a_usage_error() -> None:
    out = run("summarize", str(STORY / "articles.jsonl"), "--method", "nope")
    assert out.returncode == 2
    assert "invalid choice" in out.stderr


def test_eval_rouge_scores_a_folder_by_topic(tmp_path: Path) -> None:
    peers, models = tmp_path / "peers", tmp_path / "models"
    peers.mkdir()
    models.mkdir()
    (peers / "T01.txt").write_text("the cat sat on the mat\n", encoding="utf-8")
    (models / "T01.M.250.A.A").write_text("the cat sat on a mat\n", encoding="utf-8")
    out = run("eval", "rouge", "--summaries", str(peers), "--references", str(models), "--json")
    assert out.returncode == 0, out.stderr
    scores = json.loads(out.stdout)
    # By hand: 5 of the reference's 6 unigrams and 3 of its 5 bigrams appear in the peer.
    assert scores["rouge-1"]["recall"] == pytest.approx(5 / 6)
    assert scores["rouge-2"]["recall"] == pytest.approx(3 / 5)


def test_eval_rouge_names_a_summary_without_references(tmp_path: Path) -> None:
    peers, models = tmp_path / "peers", tmp_path / "models"
    peers.mkdir()
    models.mkdir()
    (peers / "T02.txt").write_text("a summary\n", encoding="utf-8")
    (models / "T01.M.250.A.A").write_text("a reference\n", encoding="utf-8")
    out = run("eval", "rouge", "--summaries", str(peers), "--references", str(models))
    assert out.returncode == 2
    assert "T02.txt" in out.stderr


def test_timeline_of_files_gives_real_dates_and_cited_spans() -> None:
    out = run("timeline", str(STORY / "articles.jsonl"), "--format", "json", "--max-dates", "4")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    rows = [json.loads(line) for line in (STORY / "articles.jsonl").read_text("utf-8").splitlines()]
    dates = [e["date"] for e in data["timeline"]["entries"]]
    assert 1 <= len(dates) <= 4 and dates == sorted(dates)
    assert all("2025-03-01" <= d <= "2025-03-20" for d in dates), dates
    for entry in data["timeline"]["entries"]:
        for sentence in entry["sentences"]:
            c = sentence["citations"][0]
            assert (
                " ".join(rows[c["doc"]]["text"][c["start"] : c["end"]].split()) == sentence["text"]
            )


def test_timeline_markdown_has_a_heading_a_date() -> None:
    out = run("timeline", str(STORY / "articles.jsonl"), "--max-dates", "3")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("\n## 2025-03-") == 3 and "[^1]:" in out.stdout


def test_compare_finds_the_disputed_death_toll() -> None:
    out = run("compare", str(STORY / "articles.jsonl"), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    disputed = [f for f in data["findings"] if f["label"] == "disputed"]
    assert any(f["kind"] == "killed" for f in disputed), disputed


def test_timeline_and_compare_of_a_stored_story(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    assert run("ingest", str(STORY / "articles.jsonl"), "--db", db).returncode == 0
    listed = json.loads(run("stories", "--format", "json", "--db", db).stdout)
    story = listed[0]["id"]
    out = run("timeline", story, "--db", db, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["timeline"]["entries"] and len(data["articles"]) == 6
    first = data["timeline"]["entries"][0]["sentences"][0]
    assert first["text"] and first["citations"][0]["end"] > first["citations"][0]["start"]
    assert data["title"] == f"Timeline of story {story}: 6 articles from 4 outlets"
    assert data["notes"][0] == f"Story {story}: {listed[0]['label']}"
    out = run("compare", story, "--db", db)
    assert out.returncode == 0, out.stderr
    assert "Disputed" in out.stdout
    # a saved report says which story it is
    assert out.stdout.startswith(f"# Facts of story {story}: 6 articles from 4 outlets\n")


# --- manners -----------------------------------------------------------------------------------


def test_version_and_quiet_and_verbose_flags() -> None:
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("storyline 0.")
    quiet = run("-q", "summarize", str(STORY / "articles.jsonl"), "--words", "40")
    assert quiet.returncode == 0 and quiet.stdout and quiet.stderr == ""


def test_a_mistyped_flag_suggests_the_closest() -> None:
    out = run("summarize", str(STORY), "--wrods", "40")
    assert out.returncode == 2 and "did you mean --words?" in out.stderr


def test_a_bad_option_value_names_the_flag() -> None:
    """'--words 0' is refused by the command line naming '--words', not by the library naming
    its own parameter ('Budget.words must be positive', 'updated_since ...')."""
    articles = str(STORY / "articles.jsonl")
    for command in (
        ["summarize", articles, "--words", "0"],
        ["summarize", articles, "--sentences", "-1"],
        ["timeline", articles, "--max-dates", "0"],
        ["timeline", articles, "--sentences-per-date", "0"],
        ["stories", "--updated-since", "yesterday"],
    ):
        out = run(*command)
        flag = next(word for word in command if word.startswith("--"))
        assert out.returncode == 2 and f"argument {flag}:" in out.stderr, command
        assert "Budget" not in out.stderr and "_" not in out.stderr.splitlines()[-1], command


def test_a_file_that_cannot_be_written_or_read_is_named_in_words(tmp_path: Path) -> None:
    """Not Python's "[Errno 2] No such file or directory: '...'"."""
    blocker = tmp_path / "report.md"
    blocker.write_text("a file where a folder would have to be", encoding="utf-8")
    out = run("summarize", str(STORY / "articles.jsonl"), "-o", str(blocker / "summary.md"))
    assert out.returncode == 2
    assert f"cannot write {blocker / 'summary.md'}: " in out.stderr, out.stderr
    assert "pick an --output path" in out.stderr and "Errno" not in out.stderr
    missing = tmp_path / "clusters.jsonl"
    out = run("summarize-batch", "--input", str(missing), "--output", str(tmp_path / "s.jsonl"))
    assert out.returncode == 2
    assert out.stderr.strip() == f"storyline: error: {missing}: No such file or directory."


def test_a_warning_reads_like_an_error_and_names_the_input(tmp_path: Path) -> None:
    """ "storyline: warning: dam.jsonl:1: ..." beside "storyline: error: ..."; the logging module's
    name ("WARNING storyline.ingest.records") is shown with -v only."""
    dam = tmp_path / "dam.jsonl"
    text = "The Kessel dam gave way on Thursday and flooded the lower town of Ardmore."
    dam.write_text(json.dumps({"text": text, "date": "yesterday"}) + "\n", encoding="utf-8")
    out = run("summarize", str(dam), "--words", "40")
    assert out.returncode == 0, out.stderr
    warning = next(line for line in out.stderr.splitlines() if "unreadable date" in line)
    assert warning.startswith("storyline: warning: ") and "dam.jsonl:1" in warning
    assert "storyline.ingest" not in out.stderr and "WARNING" not in out.stderr
    assert "storyline.ingest" in run("-v", "summarize", str(dam), "--words", "40").stderr


def test_read_commands_refuse_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for command in (["stories"], ["search", "dam"], ["story", "s1"], ["timeline", "s1"]):
        out = run(*command, "--db", str(missing))
        assert out.returncode == 2 and "No story database" in out.stderr, command
        assert not missing.exists(), "a read never creates a database"


def test_timeline_and_compare_of_unreadable_files_fail_as_summarize_does(tmp_path: Path) -> None:
    """No readable article is an error (exit 2) naming the file and the problem, not an empty
    report; a mistyped file name is a missing file, not a story id to look up in a database."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"title": "Kessel dam"}\n', encoding="utf-8")
    for command in ("summarize", "timeline", "compare"):
        for fmt in ("md", "json"):
            out = run(command, str(empty), "--format", fmt)
            assert out.returncode == 2 and out.stdout == "", (command, fmt)
            assert "empty.jsonl:1: has no text" in out.stderr, (command, fmt)
            assert "no readable article" in out.stderr, (command, fmt)
        typo = run(command, "artciles.jsonl")
        assert typo.returncode == 2 and "artciles.jsonl: does not exist" in typo.stderr, command
        assert "No story database" not in typo.stderr, command
    for story in ("s00012", "w000007.s00001"):  # a batch's story ids hold a dot
        out = run("timeline", story, "--db", str(tmp_path / "none.db"))
        assert out.returncode == 2 and "No story database" in out.stderr, story


def test_ingest_creates_the_database_only_when_it_stores_something(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    out = run("ingest", str(tmp_path / "missing.jsonl"), "--db", str(db))
    assert out.returncode == 2 and "missing.jsonl" in out.stderr
    assert list(tmp_path.iterdir()) == [], "nothing stored, nothing left behind"
    assert run("ingest", str(STORY / "articles.jsonl"), "--db", str(db)).returncode == 0
    assert db.is_file()


def test_a_closed_pipe_ends_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "summarize", str(STORY), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `| head` does once it has its lines
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0 and "Broken pipe" not in error, error


def test_json_is_an_alias_of_format_json(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    assert run("ingest", str(STORY / "articles.jsonl"), "--db", db).returncode == 0
    assert (
        run("stories", "--json", "--db", db).stdout
        == run("stories", "--format", "json", "--db", db).stdout
    )
    hits = json.loads(run("search", "dam", "--format", "json", "--db", db).stdout)
    later = json.loads(run("search", "dam", "--json", "--offset", "1", "--db", db).stdout)
    assert hits[1:] == later
    cut = run("search", "dam", "--limit", "2", "--db", db)
    assert "hits 1-2 shown, more match: --offset 2 shows the next" in cut.stderr
    assert (
        "more match" not in run("search", "dam", "--offset", str(len(hits) - 1), "--db", db).stderr
    )


def test_a_story_without_a_timeline_renders_in_every_format(tmp_path: Path) -> None:
    """Undated articles that name no date: the timeline is empty and the story says why."""
    undated = tmp_path / "undated.jsonl"
    rows = [
        {
            "title": f"Ferry strike {k}",
            "source": outlet,
            "text": "Harwick ferry crews walked out over a pay dispute, stranding commuters at "
            "the Port Elling terminal. The union said the strike would last until talks resume. "
            f"Reported by {outlet}.",
        }
        for k, outlet in enumerate(["Northwind Press", "Radio Meridian", "Coastline Daily"])
    ]
    undated.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    db = str(tmp_path / "news.db")
    assert run("ingest", str(undated), "--db", db).returncode == 0
    story = json.loads(run("stories", "--json", "--db", db).stdout)[0]["id"]
    for fmt in ("md", "json", "html"):
        out = run("story", story, "--db", db, "--format", fmt)
        assert out.returncode == 0, out.stderr
        assert "publication date" in out.stdout, fmt
