"""The job queue on PostgreSQL (issue 17): procrastinate's schema, as version 3.10.0 ships it.

On PostgreSQL, `crm worker` runs jobs with procrastinate (api/cli/queue.py); its tables,
types and functions come from this revision, not from `procrastinate schema --apply`, so
one `crm migrate` sets up a database and the schema is versioned with ours. The SQL is a
frozen copy (migrations/sql/), as a revision must not run today's code: upgrading
procrastinate past 3.10 takes a revision applying its migration files in turn.

Jobs still waiting in the `jobs` table (or left running by a worker that died) move to
procrastinate's queue, with the runs they had, and back on a downgrade: stop the workers
of the old version before migrating. SQLite keeps the `jobs` table and the in-process
runner: nothing to do there.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-08
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alembic import op
from sqlalchemy.util import await_only

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = Path(__file__).resolve().parent.parent / "sql" / "procrastinate-3.10.0-schema.sql"

# Every function procrastinate created (their names all start so), dropped by signature.
DROP_FUNCTIONS = """
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\\_%'
    LOOP
        EXECUTE 'DROP FUNCTION ' || f;
    END LOOP;
END;
$$
"""


def _run_script(script: str) -> None:
    """The schema is a script of many statements, with function bodies: asyncpg runs
    such a script as one simple query when it has no parameters, where SQLAlchemy would
    prepare one statement. It runs on the migration's connection, in its transaction."""
    driver: Any = op.get_bind().connection.dbapi_connection
    await_only(driver.driver_connection.execute(script))


# 'crm' is the queue the API defers to (persistence/jobs.py's QUEUE then); 3 the runs a
# job had at most (domain/jobs.py's MAX_ATTEMPTS then): one with as many was given up.
HAND_OVER = """
INSERT INTO procrastinate_jobs (queue_name, task_name, args, attempts)
SELECT 'crm', kind, payload, attempts FROM jobs
WHERE status IN ('queued', 'running') AND attempts < 3
ORDER BY created_at;
DELETE FROM jobs WHERE status IN ('queued', 'running') AND attempts < 3;
"""

HAND_BACK = """
INSERT INTO jobs (id, kind, payload, status, attempts, created_at)
SELECT gen_random_uuid(), task_name, args, 'queued', attempts, now()
FROM procrastinate_jobs
WHERE queue_name = 'crm' AND status IN ('todo', 'doing')
ORDER BY id;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _run_script(SCHEMA.read_text())
    _run_script(HAND_OVER)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _run_script(HAND_BACK)
    # The tables with their triggers, and (CASCADE) the functions returning the jobs
    # table's row type; then the other functions, then the types they used.
    _run_script(
        "DROP TABLE procrastinate_events, procrastinate_periodic_defers,"
        " procrastinate_jobs, procrastinate_workers CASCADE;"
        + DROP_FUNCTIONS
        + "; DROP TYPE procrastinate_job_to_defer_v1, procrastinate_job_event_type,"
        " procrastinate_job_status;"
    )
