"""Where the flows keep their state, and how they talk to Prefect.

Wiring only: the data directory (`CHITIEU_HOME`, default `./chitieu-data`) holds the
record store and, beside it, Prefect's result and cache storage, so that a cache entry
never outlives the store it describes (wipe the directory, and both are gone).
"""

from __future__ import annotations

import os
from pathlib import Path

# Prefect settings for a clerk's machine: no telemetry (no network), and patience with
# the ephemeral API's first start (it migrates a fresh database; 20 s by default is not
# enough on a busy two-core machine). Applied with setdefault: the user's environment wins.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}


def data_dir(explicit: Path | str | None = None) -> Path:
    """The data directory: an explicit one, else the store's (`CHITIEU_HOME`, ./chitieu-data)."""
    from chitieu.store import data_home

    return Path(explicit) if explicit is not None else data_home()


def results_dir(home: Path) -> Path:
    """Prefect result and cache-record storage, beside the store."""
    path = home.resolve() / "prefect-results"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(home: Path, explicit: str | None = None) -> str:
    """The store URL: explicit, else `CHITIEU_DATABASE_URL`, else SQLite in `home`."""
    from chitieu.store import database_url as store_url

    if explicit or os.environ.get("CHITIEU_DATABASE_URL"):
        return store_url(explicit)
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(home.resolve() / 'chitieu.db').as_posix()}"


def apply_prefect_defaults(*, quiet: bool = False) -> None:
    """Set the Prefect defaults above in the environment (before Prefect is imported).

    `quiet` keeps Prefect's own console logging to warnings, so that the user sees our
    Vietnamese progress and results (the demo).
    """
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if quiet:
        os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"


def configured_server() -> str | None:
    """The Prefect server the user configured (environment or active profile), or None.

    Human review in the UI needs a real server a clerk can open in a browser; the
    ephemeral API that Prefect starts for a lone flow run (or a test harness) has no one
    watching it, so it does not count.
    """
    url = os.environ.get("PREFECT_API_URL")
    if url:
        return url
    from prefect.settings import PREFECT_API_URL
    from prefect.settings.profiles import load_current_profile

    value = load_current_profile().settings.get(PREFECT_API_URL)
    return str(value) if value else None


def server_reachable(url: str, timeout: float = 3.0) -> bool:
    """True when a Prefect server answers its health check at `url`."""
    import httpx

    try:
        resp = httpx.get(url.rstrip("/") + "/health", timeout=timeout)
    except httpx.HTTPError:
        return False
    return resp.status_code == 200


def review_server() -> str | None:
    """The configured server when it answers, else None (reviews wait for `chitieu review`)."""
    url = configured_server()
    return url if url and server_reachable(url) else None
