"""digest's one reach into MkDocs' internals (digest/plugin/watch.py): its `mkdocs serve`
watcher. These tests drive MkDocs' real LiveReloadServer and fail when the parts of it that
watch.py relies on change upstream (then watch.py silently keeps MkDocs' own watcher, and
`mkdocs serve` on a large digest gets slow again)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from digest.plugin.watch import use_native_watcher


def wait_for(predicate, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture
def server(tmp_path):
    docs = tmp_path / "docs"
    (docs / "news").mkdir(parents=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"))
    server.watch(str(docs))  # as `mkdocs serve` does before on_serve
    server.watch(str(config))
    yield server, docs, config
    if server.observer.is_alive():
        server.observer.stop()
        server.observer.join()


def test_mkdocs_still_watches_with_a_polling_observer_we_can_replace(server):
    server, docs, config = server
    assert isinstance(server.observer, PollingObserver)  # what watch.py expects to find
    assert use_native_watcher(server, docs / "news", [str(docs), str(config)])
    assert not isinstance(server.observer, PollingObserver)
    # The watches moved: MkDocs' bookkeeping (what unwatch needs) is on the new observer.
    assert set(server._watch_refs) == {str(docs), str(config)}
    # (inotify watches a file through its folder)
    assert {ref.path for ref in server._watch_refs.values()} == {str(docs), str(config.parent)}


def test_the_native_watcher_starts_builds_except_for_digests_own_writes(server):
    server, docs, config = server
    assert use_native_watcher(server, docs / "news", [str(docs), str(config)])
    server.observer.start()
    time.sleep(0.2)

    (docs / "news" / "page.md").write_text("generated\n", encoding="utf-8")
    time.sleep(0.5)
    assert server._want_rebuild is False  # digest's own folder is ignored

    (docs / "hand.md").write_text("edited\n", encoding="utf-8")
    assert wait_for(lambda: server._want_rebuild), "an edit under docs/ starts no build"
    server._want_rebuild = False

    config.write_text("site_name: y\n", encoding="utf-8")
    assert wait_for(lambda: server._want_rebuild), "an edit of mkdocs.yml starts no build"
    server._want_rebuild = False

    # Watches added later (other plugins, seeds/) land on the native observer too.
    seeds = Path(docs).parent / "seeds"
    seeds.mkdir()
    server.watch(str(seeds))
    (seeds / "a.txt").write_text("A seed\n", encoding="utf-8")
    assert wait_for(lambda: server._want_rebuild), "an edit under seeds/ starts no build"


def test_an_observer_already_running_is_left_alone(server):
    server, docs, config = server
    server.observer.start()
    assert not use_native_watcher(server, docs / "news", [str(docs), str(config)])
    assert isinstance(server.observer, PollingObserver)
