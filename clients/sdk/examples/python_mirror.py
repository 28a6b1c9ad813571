"""Mirror the contacts you may read into a local SQLite file by following the change feed.

    CRM_URL=https://crm.example.com CRM_TOKEN=crm_live_... python python_mirror.py contacts.db
    ... --follow     keep following, asking again every few seconds

Run it again and it goes on where it stopped: the feed's cursor is kept in the file with
the contacts. An event is applied when its version is above the one held; a tombstone
(archived, merged away, handed to someone whose records you do not read) removes the
contact. A cursor older than the feed keeps (410) starts the copy afresh.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time

from crm_sdk import AuthenticatedClient
from crm_sdk.api.events import events_list
from crm_sdk.models import ChangeFeedRead, Problem

PAGE = 500


def open_mirror(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE IF NOT EXISTS contacts (id TEXT PRIMARY KEY, version INT, data TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS feed (id INT PRIMARY KEY CHECK (id = 1), cursor TEXT)")
    return db


def sync(client: AuthenticatedClient, db: sqlite3.Connection) -> int:
    """Applies every event the feed has after the kept cursor; how many changed the copy."""
    applied = 0
    while True:
        row = db.execute("SELECT cursor FROM feed").fetchone()
        page = events_list.sync(client=client, after=row[0] if row else None, limit=PAGE)
        if isinstance(page, Problem) and page.status == 410:
            # Events were pruned past the cursor: start the copy again from the oldest kept.
            db.execute("DELETE FROM contacts")
            db.execute("DELETE FROM feed")
            db.commit()
            continue
        if not isinstance(page, ChangeFeedRead):
            raise SystemExit(f"the feed answered {page}")
        for event in page.items:
            if event.entity_type != "contact":
                continue
            contact_id = str(event.entity_id)
            if event.tombstone:
                applied += db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount
                continue
            held = db.execute("SELECT version FROM contacts WHERE id = ?", (contact_id,)).fetchone()
            if held is None or held[0] < event.version:
                data = event.data.to_dict() if event.data else {}
                db.execute(
                    "INSERT OR REPLACE INTO contacts VALUES (?, ?, ?)",
                    (contact_id, event.version, json.dumps(data)),
                )
                applied += 1
        # The copy and the cursor move together: a crash repeats a page, never skips one.
        db.execute("INSERT OR REPLACE INTO feed VALUES (1, ?)", (page.next_cursor,))
        db.commit()
        if not page.has_more:
            return applied


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    db = open_mirror(sys.argv[1])
    base_url = os.environ.get("CRM_URL", "http://127.0.0.1:8000")
    with AuthenticatedClient(base_url=base_url, token=os.environ["CRM_TOKEN"]) as client:
        while True:
            applied = sync(client, db)
            held = db.execute("SELECT count(*) FROM contacts").fetchone()[0]
            print(f"{applied} changes applied, {held} contacts held", flush=True)
            if "--follow" not in sys.argv:
                return
            time.sleep(5)


if __name__ == "__main__":
    main()
