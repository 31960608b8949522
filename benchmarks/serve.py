"""One `mkdocs serve` rebuild, timed inside the process: the first build, then a sentence
appended to one seed and the site built again, as `mkdocs serve` does after an edit (a new
config from mkdocs.yml, the plugins kept), best and all of --edits.

    .venv/bin/python benchmarks/serve.py PROJECT [--edits 3] [--clean] [--site DIR]
                                         [--profile 40]

PROJECT is a digest project that has been built once (its extraction cache hot), e.g. the
one `benchmarks/build.py --articles 5000` makes under its --workdir. It edits one seed of
PROJECT (the middle one, a sentence appended each time). `--dirty` is the default, as
`make serve` runs it; `--clean` times plain `mkdocs serve`. `--site` keeps the built site in
DIR between runs (its first build is then quick: MkDocs --dirty renders only what changed);
without it, a new temporary folder. CPU time (user+sys of this process, threads included)
is the figure to compare on a loaded machine; the wall time of `benchmarks/build.py`'s serve
phase adds the watcher's 0.1 s and the page fetch. `--profile N` prints the N costliest
functions (cumulative) of the last rebuild, under cProfile (which about doubles the times)."""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import threading
import time
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--clean", action="store_true", help="plain `mkdocs serve`")
    parser.add_argument("--site", type=Path, help="keep the built site here between runs")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = args.project.resolve()
    os.chdir(project)
    dirty = not args.clean
    site = str(args.site.resolve()) if args.site else tempfile.mkdtemp(prefix="digest-serve-")

    def config():
        loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
        loaded.site_url = SERVE_URL
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=dirty)
    start = time.monotonic()
    build(first, serve_url=SERVE_URL, dirty=dirty)
    print(f"first build: {time.monotonic() - start:.1f} s wall", flush=True)
    for thread in threading.enumerate():  # the search index, written after the first build
        if thread.name == "digest-search-index":
            thread.join()
    from digest.plugin.serving import warm_up

    warm_up()  # as `mkdocs serve` does while the curator reads the first build

    seeds = sorted((project / "seeds").glob("*.txt"))
    seed = seeds[len(seeds) // 2]
    cpu, wall = [], []
    profiler = None
    for n in range(args.edits):
        with open(seed, "a", encoding="utf-8") as handle:
            handle.write(f"\nA sentence added by the serve benchmark, number {n}.\n")
        again = config()
        if args.profile and n == args.edits - 1:
            profiler = cProfile.Profile()
            profiler.enable()
        c0, w0 = time.process_time(), time.monotonic()
        build(again, serve_url=SERVE_URL, dirty=dirty)
        cpu.append(time.process_time() - c0)
        wall.append(time.monotonic() - w0)
        if profiler is not None:
            profiler.disable()
        for thread in threading.enumerate():  # let this edit's search index finish
            if thread.name == "digest-search-index":
                thread.join()
        print(f"rebuild {n + 1}: {cpu[-1]:.2f} CPU s, {wall[-1]:.2f} s wall", flush=True)
    load = os.getloadavg()[0]
    print(f"serve_rebuild_cpu_s = {min(cpu):.2f} (best of {len(cpu)}; all: "
          f"{', '.join(f'{c:.2f}' for c in cpu)})")
    print(f"serve_rebuild_wall_s = {min(wall):.2f} (load average {load:.1f})")
    print(f"edited seed: {seed}")
    if profiler is not None:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(
            args.profile)


if __name__ == "__main__":
    main()
