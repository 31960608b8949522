"""The typed memo that `mkdocs serve` keeps between builds: one kind of table for every
stage, and a build that reuses exactly what did not change."""
from __future__ import annotations

import os
import shutil

from conftest import copy_project

from digest.build import build
from digest.incremental.memo import NAMES, BuildMemo, Curated, Memo, Names, ReadSeed
from digest.inputs.settings import load_settings


def test_memo_keeps_an_entry_while_its_stamp_is_unchanged():
    memo: Memo[str, int] = Memo()
    assert memo.get("a", stamp=1) is None
    memo.put("a", 10, stamp=1)
    memo.put("b", 20)
    assert memo.get("a", stamp=1) == 10
    assert memo.get("a", stamp=2) is None  # its input changed: not reused
    assert memo.get("b") == 20 and len(memo) == 2


def test_prune_keeps_only_what_the_last_build_used():
    memo: Memo[str, int] = Memo()
    memo.put("old", 1)
    memo.put("kept", 2)
    memo.prune()
    assert memo.get("kept") == 2
    memo.put("new", 3)
    memo.prune()  # "old" was neither found nor stored since the last prune
    assert sorted(memo.keys()) == ["kept", "new"]
    memo.prune()
    assert len(memo) == 0


def seed(project, name: str, text: str) -> None:
    (project / "seeds" / name).write_text(text, encoding="utf-8")


def test_a_build_fills_each_stage_table_and_reuses_what_did_not_change(tmp_path):
    project = copy_project(tmp_path / "project", seeds=False)
    seed(project, "a.txt", "Harbour reopens\n\nMaria Lopez opened the harbour in Lisbon.\n")
    seed(project, "b.txt", "Bridge closes\n\nTom Okafor closed the bridge in Lagos.\n")
    memo = BuildMemo()
    first = build(load_settings(project), state=memo)
    assert {p.name for p in memo.seeds.keys()} == {"a.txt", "b.txt"}
    read = {p.name: memo.seeds.get(p, stamp=memo.seeds.entries[p][0]) for p in memo.seeds.keys()}
    assert all(isinstance(r, ReadSeed) and r.seed is not None for r in read.values())
    names = memo.names.get(NAMES, memo.names.entries[NAMES][0])
    assert isinstance(names, Names) and len(names.key) == 40
    assert len(memo.articles) == 2
    assert all(isinstance(c, Curated) for _, c in memo.articles.entries.values())
    assert {a for c in (c for _, c in memo.articles.entries.values())
            for a in c.article.people} == {"Maria Lopez", "Tom Okafor"}
    assert memo.written == first.pages and len(memo.extractions) == 2
    assert len(memo.ledger) == 0  # no ledger on disk before the first build wrote it

    # An edit to one seed that changes no name: only it is read and curated again; the other
    # keeps its Seed and its Article, and the corpus-wide names are not rebuilt.
    path_a = project / "seeds" / "a.txt"
    before = {p.name: memo.seeds.entries[p][1] for p in memo.seeds.keys()}
    articles_before = {c.article.seed.path.name: c.article
                       for _, c in memo.articles.entries.values()}
    names = memo.names.entries[NAMES][1]
    seed(project, "a.txt", "Harbour reopens\n\nMaria Lopez reopened the harbour in Lisbon.\n")
    os.utime(path_a, ns=(1, 1))  # a stat that certainly differs from the first one
    again = build(load_settings(project), state=memo)
    after = {p.name: memo.seeds.entries[p][1] for p in memo.seeds.keys()}
    assert after["b.txt"] is before["b.txt"] and after["a.txt"] is not before["a.txt"]
    articles_after = {c.article.seed.path.name: c.article
                      for _, c in memo.articles.entries.values()}
    assert articles_after["b.txt"] is articles_before["b.txt"]
    assert articles_after["a.txt"] is not articles_before["a.txt"]
    assert len(memo.articles) == 2  # the edited seed's old Article was pruned
    assert len(memo.extractions) == 3  # extractions are kept by content: an undo is free
    assert memo.names.entries[NAMES][1] is names
    assert "reopened" in articles_after["a.txt"].seed.text
    assert "news/articles/harbour-reopens.md" in again.report.written
    ledger = memo.ledger.entries["ledger"][1]
    assert list(ledger.slugs) == ["a", "b"]

    # Nothing changed: nothing is read, curated or written again.
    idle = build(load_settings(project), state=memo)
    assert idle.report.written == [] and idle.report.removed == []
    assert memo.ledger.entries["ledger"][1] is ledger and memo.names.entries[NAMES][1] is names
    assert {p.name: memo.seeds.entries[p][1] for p in memo.seeds.keys()} == after

    # The same pages as a build that remembers nothing.
    incremental = dict(again.pages)
    shutil.rmtree(project / "docs" / "news")
    assert build(load_settings(project)).pages == incremental
