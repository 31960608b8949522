"""Generated files are written atomically, only when changed; stale ones go; nothing else."""
from __future__ import annotations

import pytest

from digest.output import NotOurFolder, sync


def test_writes_only_changes_and_removes_stale(tmp_path):
    docs = tmp_path / "docs"
    root = docs / "news"
    first = sync(root, {"news/a.md": "A\n", "news/sub/b.md": "B\n"}, docs)
    assert sorted(first.written) == ["news/a.md", "news/sub/b.md"]
    stamp = (root / "a.md").stat().st_mtime_ns
    second = sync(root, {"news/a.md": "A\n", "news/sub/b.md": "B2\n"}, docs)
    assert second.written == ["news/sub/b.md"] and second.unchanged == 1
    assert (root / "a.md").stat().st_mtime_ns == stamp
    third = sync(root, {"news/a.md": "A\n"}, docs)
    assert third.removed == ["news/sub/b.md"]
    assert not (root / "sub").exists()
    assert not list(root.rglob("*.tmp"))


def test_refuses_a_folder_it_did_not_write(tmp_path):
    docs = tmp_path / "docs"
    (docs / "news").mkdir(parents=True)
    (docs / "news" / "handwritten.md").write_text("mine", encoding="utf-8")
    with pytest.raises(NotOurFolder):
        sync(docs / "news", {"news/a.md": "A"}, docs)
    assert (docs / "news" / "handwritten.md").read_text(encoding="utf-8") == "mine"
