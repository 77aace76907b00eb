"""Run a batch on a Dask cluster (`rxnews extract --scheduler ADDRESS`).

The client reads each input's bytes and ships them with the task, so workers
need rxnews installed but no shared file system. Each worker keeps one
`Extractor` per thread, built on first use from the pattern entries the
client registered with a worker plugin. At most a small window of tasks is
in flight and results come back in input order, so memory stays flat.
"""

from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from ..errors import ClusterError, RxnewsError
from ..inputs import read_bytes
from .jobs import Job, Outcome, run_job

try:
    from distributed import Client, WorkerPlugin, get_worker
except ImportError:  # the optional extra is missing: connect() says how to install it
    Client = None
    WorkerPlugin = object

MISSING_DASK = "--scheduler needs Dask: pip install 'rxnews[dask]'"
TASKS_PER_THREAD = 4  # tasks in flight per worker thread: enough to keep workers busy


def connect(address: str, timeout: float = 10) -> Any:
    """Connect to a Dask scheduler (`tcp://host:8786` or any address `Client` accepts)."""
    if Client is None:
        raise ClusterError(MISSING_DASK)
    try:
        return Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"cannot connect to the Dask scheduler at {address}: {err}") from None


class ExtractorPlugin(WorkerPlugin):
    """Carry the pattern entries to every worker; build an Extractor per thread on first use."""

    def __init__(self, entries: list[Any], name: str) -> None:
        self.entries = entries
        self.name = name

    def setup(self, worker: Any = None) -> None:
        """Prepare the per-thread extractor cache (runs on the worker)."""
        self.local = threading.local()

    def run(self, job: Job) -> Outcome:
        """Process one job with this thread's extractor."""
        extractor = getattr(self.local, "extractor", None)
        if extractor is None:
            from ..extractor import Extractor

            extractor = self.local.extractor = Extractor(entries=self.entries)
        return run_job(job, extractor)


def _run_on_worker(job: Job, plugin_name: str) -> Outcome:
    return get_worker().plugins[plugin_name].run(job)


def run_on_cluster(client: Any, jobs: Iterable[Job], entries: list[Any],
                   window: int | None = None) -> Iterator[Outcome]:
    """Yield one outcome per job, in input order, from the cluster behind `client`.

    `window` is the most tasks in flight (default: 4 per worker thread, at least 8).
    """
    name = f"rxnews-extractor-{uuid.uuid4().hex}"
    client.register_plugin(ExtractorPlugin(entries, name), name=name)
    try:
        size = window or max(8, TASKS_PER_THREAD * sum(client.nthreads().values()))
        pending: deque[tuple[str, Any]] = deque()
        for job in jobs:
            loaded = load_job(job)
            if isinstance(loaded, Job):
                loaded = client.submit(_run_on_worker, loaded, name, pure=False)
            pending.append((job.source, loaded))
            if len(pending) >= size:
                yield _outcome(*pending.popleft())
        while pending:
            yield _outcome(*pending.popleft())
    finally:
        _unregister(client, name)


def load_job(job: Job) -> Job | Outcome:
    """Read a job's input bytes here, on the client; an unreadable input fails at once."""
    if job.data is not None:
        return job
    try:
        return replace(job, data=read_bytes(job.path, job.max_bytes))
    except RxnewsError as err:
        return Outcome(job.source, error=str(getattr(err, "reason", err)))


def _outcome(source: str, item: Any) -> Outcome:
    """The outcome of a finished task (or of an input that failed on the client)."""
    if isinstance(item, Outcome):
        return item
    try:
        return item.result()
    except Exception as err:  # a worker died or the task was lost: that input failed
        return Outcome(source, error=f"failed on the Dask cluster: {err}")


def _unregister(client: Any, name: str) -> None:
    """Drop the worker plugin (and the extractors it built) when the run ends."""
    try:
        client.unregister_worker_plugin(name)
    except Exception:  # the cluster may be gone already; nothing is left to free then
        pass
