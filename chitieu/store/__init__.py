"""The record store: SQLite by default, PostgreSQL by URL, schema by Alembic.

Public API (others call these; the names are stable):

* `Store.open(url=None) -> Store` — URL, else `CHITIEU_DATABASE_URL`, else
  `sqlite:///<CHITIEU_HOME>/chitieu.db`; `postgresql://` means psycopg 3. Migrates on open.
  Use as a context manager; `store.url` is the URL without password.
* `store.save_plan(plan) -> plan_id` — idempotent, keyed by document number + date.
* `store.add_submission(plan_id, *, file_name, sha256, size, received_at, unit, period,
  status, reason, records, archive_path, kind=None, problems=()) -> SubmissionOutcome`.
* `store.submission_by_sha256(plan_id, sha256)`, `store.submissions(plan_id)`.
* `store.current_results(plan_id, period=None)`, `store.pending_review(plan_id)`,
  `store.records(plan_id, role=None)` (full history), `store.targets(plan_id)`,
  `store.record(id)`.
* `store.correct(record_id, value, reviewer, at, confirmed=False) -> new record id`.
* `store.receipts(plan_id, period=None) -> {unit: received_at}`.
* `store.first_seen(plan_id, sha256, at, file_name, file_mtime=None) -> datetime` (the
  first sighting of a file, recorded before it is read), `store.mark_read(submission_id,
  read_with, reason)` (a quarantined file read again, still not acceptable);
  `add_submission(..., receipt=Receipt(via, file_mtime, unreadable, read_with))`.
* `with store.batch(): ...` — the block's writes in one transaction, each write in a
  savepoint (one failing write loses only itself; nothing is stored if the block raises).
* `data_home()`, `archive_dir()`, `database_url()`.

Times are naive Vietnam wall-clock times (Asia/Ho_Chi_Minh): aware datetimes are
converted on the way in, naive ones are taken as Vietnam time already.
"""

from chitieu.store.engine import archive_dir, data_home, database_url
from chitieu.store.models import StoredRecord, Submission, SubmissionOutcome
from chitieu.store.store import Store
from chitieu.store.submissions import ACCEPTED, QUARANTINED

__all__ = [
    "ACCEPTED",
    "QUARANTINED",
    "Store",
    "StoredRecord",
    "Submission",
    "SubmissionOutcome",
    "archive_dir",
    "data_home",
    "database_url",
]
