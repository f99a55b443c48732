"""Progress events from flow tasks to whoever shows them (the demo's Rich bars).

A task's completion hook calls `notify(stage, label)`; the demo registers a listener
for the duration of a stage. With no listener (a scheduled run, a Dask worker process),
notifications go nowhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, str], None]

_lock = threading.Lock()
_listeners: list[Listener] = []


def notify(stage: str, label: str) -> None:
    """Tell every listener that one unit of work of `stage` is done."""
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(stage, label)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Register `listener` for the duration of the block."""
    with _lock:
        _listeners.append(listener)
    try:
        yield
    finally:
        with _lock:
            _listeners.remove(listener)


def task_done_hook(stage: str) -> Callable[..., None]:
    """A Prefect `on_completion` hook that notifies `stage` with the task run's name."""

    def hook(task: object, task_run: object, state: object) -> None:
        notify(stage, str(getattr(task_run, "name", "")))

    hook.__name__ = f"progress-{stage}"  # how Prefect's logs name the hook
    return hook
