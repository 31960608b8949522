"""Run extraction over many seeds: cached per seed, in parallel across cores for a cold
build, results always in the order the seeds were given."""
from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from tqdm import tqdm

from digest.incremental.extractions import ExtractionCache
from digest.extract import Context, analyse, analyse_many
from digest.model import Extraction, Seed
from digest.extract.nlp import load_nlp, model_version

log = logging.getLogger("digest")
PARALLEL_FROM = 16  # below this many uncached seeds, starting processes costs more than it saves
CHUNK = 8  # seeds per worker task, and per spaCy batch
_context: Context | None = None


def _init_worker(context: Context) -> None:
    global _context
    _context = context
    load_nlp()


def _analyse_in_worker(chunk: list[Seed]) -> list[Extraction]:
    """A chunk of seeds per task: spaCy pipes them as one batch (cheaper than one by one)."""
    assert _context is not None
    return list(analyse_many(chunk, load_nlp(), _context, batch_size=len(chunk)))


def _analyse_on_dask(seed: Seed, context: Context) -> Extraction:
    """Runs on a Dask worker: spaCy is loaded once per worker process and kept."""
    return analyse(seed, load_nlp(), context)


def _dask_map(seeds: list[Seed], todo: list[int], context: Context, address: str | None
              ) -> Iterator[tuple[int, Extraction]]:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
    client = Client(address or cluster)
    try:
        shared = client.scatter(context, broadcast=True)
        futures = {client.submit(_analyse_on_dask, seeds[i], shared, pure=False): i for i in todo}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extract_all(seeds: list[Seed], context: Context, progress: bool = False,
                cache: ExtractionCache | None = None, workers: int = 0,
                executor: str = "process", dask_address: str | None = None,
                ) -> Iterator[tuple[Seed, Extraction]]:
    """Yield (seed, extraction) for every seed, in the order given.

    executor "process" uses a pool of local processes (one spaCy per core); "dask" sends the
    work to a dask.distributed cluster (`dask_address`, or a local cluster when None), for
    corpora one machine cannot extract fast enough."""
    if cache is not None:
        cache.salt = f"{context.fingerprint}\0{model_version()}"
    results: dict[int, Extraction] = {}
    todo: list[int] = []
    for i, seed in enumerate(seeds):
        hit = cache.get(seed) if cache is not None else None
        if hit is not None:
            results[i] = hit
        else:
            todo.append(i)
    workers = workers or os.cpu_count() or 1
    bar = tqdm(total=len(todo), desc="extract", unit="seed", disable=not progress or not todo)
    every = max(1, len(todo) // 10)

    def done(i: int, extraction: Extraction, n: int) -> None:
        results[i] = extraction
        if cache is not None:
            cache.put(seeds[i], extraction)
        bar.update(1)
        if not progress and len(todo) >= 100 and n % every == 0:
            log.info("digest: extracted %d of %d seeds", n, len(todo))

    if executor == "dask" and todo:
        for n, (i, extraction) in enumerate(_dask_map(seeds, todo, context, dask_address),
                                            start=1):
            done(i, extraction, n)
    elif len(todo) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(context,)) as pool:
            # Small chunks: big enough to batch spaCy, small enough that no worker idles long
            # at the end while the other finishes its last chunk.
            size = max(1, min(CHUNK, len(todo) // (workers * 4)))
            chunks = [[seeds[i] for i in todo[k:k + size]] for k in range(0, len(todo), size)]
            n = 0
            for extractions in pool.map(_analyse_in_worker, chunks):
                for extraction in extractions:
                    done(todo[n], extraction, n + 1)
                    n += 1
    else:
        nlp = load_nlp() if todo else None
        for n, (i, extraction) in enumerate(zip(todo, analyse_many(
                [seeds[i] for i in todo], nlp, context, batch_size=CHUNK)), start=1):
            done(i, extraction, n)
    bar.close()
    for i, seed in enumerate(seeds):
        yield seed, results[i]
