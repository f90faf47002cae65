"""The documentation runs: every `sh` and `python` block of README.md and docs/ is executed against
the bundled examples (sqlite-utils' habit), every command has a page, and no documented command
crashes on any story of the examples or of a DUC-built database, in any format."""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import cli, engine

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```(sh|python|text)\n(.*?)^```", re.MULTILINE | re.DOTALL)
NOT_RUN = ("pip install", "python -m pytest")  # the README's install and test lines
DUC = ROOT.parent / "shared" / "data" / "duc2006" / "duc2006_docs"


def blocks(page: Path, kind: str) -> list[str]:
    return [code for lang, code in BLOCK.findall(page.read_text("utf-8")) if lang == kind]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder with the examples linked in and news.db built from them; and a story id."""
    folder = tmp_path_factory.mktemp("docs")
    (folder / "examples").symlink_to(ROOT / "examples")
    store = engine.open_store(folder / "news.db")
    engine.ingest([ROOT / "examples" / "kessel-dam" / "articles.jsonl"], store=store)
    story = engine.stories(store)[0].id
    store.close()
    yield folder, story


def run_line(line: str, story: str) -> int:
    args = shlex.split(line.replace("STORY_ID", story), comments=True)
    assert args[0] == "storyline", f"a sh block line must be a storyline command: {line}"
    return cli.main(args[1:])


def page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_the_shell_examples_run(
    page: Path, workdir: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, story = workdir
    monkeypatch.chdir(folder)
    for code in blocks(page, "sh"):
        for line in code.splitlines():
            for part in (p.strip() for p in line.split("&&")):
                if not part or part.startswith("#") or part.startswith(NOT_RUN):
                    continue
                assert run_line(part, story) == 0, part


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_the_python_examples_run(
    page: Path, workdir: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = workdir
    monkeypatch.chdir(folder)
    for code in blocks(page, "python"):
        exec(compile(code, f"{page.name} block", "exec"), {"__name__": "docs"})


def test_every_command_and_entry_point_has_a_page() -> None:
    commands = set(cli.build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    pages = {p.stem for p in (ROOT / "docs" / "cli").glob("*.md")}
    assert commands <= pages, commands - pages
    index = (ROOT / "docs" / "README.md").read_text("utf-8")
    for name in ("storyline.summarize", "storyline.engine", "storyline.views"):
        assert name in index


def walk(db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> int:
    """Every story of ``db`` through story, timeline and compare in every format."""
    monkeypatch.setenv("STORYLINE_DB", str(db))
    assert cli.main(["stories", "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert stories
    for story in stories:
        for command in ("story", "timeline", "compare"):
            for fmt in ("md", "json", "html"):
                assert cli.main([command, story["id"], "--format", fmt]) == 0, (command, fmt)
                out = capsys.readouterr().out
                assert out.strip(), (story["id"], command, fmt)
                if fmt == "json":
                    json.loads(out)
    return len(stories)


def test_no_command_crashes_on_the_examples(
    workdir: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = workdir
    assert walk(folder / "news.db", monkeypatch, capsys) >= 1
    source = str(ROOT / "examples" / "kessel-dam" / "articles.jsonl")
    for command in ("summarize", "timeline", "compare"):
        for fmt in ("md", "json", "html"):
            assert cli.main([command, source, "--format", fmt]) == 0, (command, fmt)
            assert capsys.readouterr().out.strip()


@pytest.mark.skipif(not DUC.is_dir(), reason="DUC 2006 is not in ../shared/data")
def test_no_command_crashes_on_a_duc_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two DUC 2006 topics (50 newswire articles): several stories, some with no timeline."""
    from storyline.evaluation.duc import load_duc2006

    topics = load_duc2006(DUC.parent)[:2]
    store = engine.open_store(tmp_path / "duc.db")
    engine.ingest([d for t in topics for d in t.documents], store=store)
    store.close()
    assert walk(tmp_path / "duc.db", monkeypatch, capsys) > 1
    os.environ.pop("STORYLINE_DB", None)
