"""`/metrics` in Prometheus' text format: requests by route and status with their
latency, the database pool, the job queue, and the webhook deliveries not yet made.

Requests are counted by the route's template (`/api/v1/contacts/{contact_id}`), never
by the path a caller typed, so a scan of random URLs cannot blow up the series. With
several server processes (`crm serve --workers N` sets `PROMETHEUS_MULTIPROC_DIR`) the
request series are summed over all of them, whichever answers the scrape; the pool is
the answering process's own, and the queue is the database's."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime

from fastapi.routing import iter_route_contexts
from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    CollectorRegistry,
    Counter,
    Histogram,
    Metric,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.routing import BaseRoute
from starlette.types import Scope

from domain.integrations.webhooks import DeliveryBacklog
from domain.jobs import QueueState
from persistence.database import PoolState

# The text format every Prometheus reads (our names need none of 1.0.0's escaping).
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4
# Seconds: from a cached read (a few ms) to a large export's first bytes.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# A request no route matched (a typo, a scan): one series for all of them.
UNMATCHED = "unmatched"


class _Now(Collector):
    """Values of one moment, handed to the scrape as they are."""

    def __init__(self, families: list[Metric]) -> None:
        self.families = families

    def collect(self) -> Iterable[Metric]:
        return self.families


def _multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


class Metrics:
    """One app's metrics. Its own registry (not the library's global one), so apps made
    side by side, as the tests do, count apart."""

    def __init__(self) -> None:
        self._registry = CollectorRegistry()
        self.requests = Counter(
            "crm_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=self._registry,
        )
        self.latency = Histogram(
            "crm_http_request_duration_seconds",
            "Time from a request's arrival to its last response byte, by route template.",
            ["method", "route"],
            buckets=_BUCKETS,
            registry=self._registry,
        )

        self._templates: dict[object, str] = {}

    def name_routes(self, routes: Sequence[BaseRoute]) -> None:
        """Learns each route's full template (included routers' prefixes too) by the
        function that answers it, which routing leaves in the request's scope."""
        for context in iter_route_contexts(routes):
            endpoint = getattr(context.original_route, "endpoint", None)
            if endpoint is not None and context.path_format:
                self._templates.setdefault(endpoint, context.path_format)

    def observe(self, scope: Scope, status: int, seconds: float) -> None:
        route = self._templates.get(scope.get("endpoint"), UNMATCHED)
        self.requests.labels(scope["method"], route, str(status)).inc()
        self.latency.labels(scope["method"], route).observe(seconds)

    def render(
        self,
        pool: PoolState | None,
        queue: QueueState,
        deliveries: DeliveryBacklog,
        now: datetime,
    ) -> bytes:
        """The scrape: the request series (of every server process, where there are
        several), then this moment's pool, queue and webhook backlog."""
        directory = _multiprocess_dir()
        if directory is None:
            requests = generate_latest(self._registry)
        else:
            merged = CollectorRegistry()
            MultiProcessCollector(merged, path=directory)  # type: ignore[no-untyped-call]
            requests = generate_latest(merged)

        # Read now, for this scrape: families made here, not Gauges, which in the
        # several-processes mode would be kept in the processes' files and come out twice.
        def age(oldest: datetime | None) -> float:
            return max((now - oldest).total_seconds(), 0.0) if oldest else 0.0

        values = [
            ("crm_jobs_queued", "Jobs waiting for a worker.", queue.queued),
            ("crm_jobs_running", "Jobs a worker is running.", queue.running),
            (
                "crm_jobs_oldest_queued_age_seconds",
                "How long the longest-waiting job has waited (0 with none waiting).",
                age(queue.oldest_queued_at),
            ),
            (
                "crm_webhook_deliveries_pending",
                "Events not yet delivered to a webhook: first attempts and retries.",
                deliveries.pending,
            ),
            (
                "crm_webhook_oldest_pending_age_seconds",
                "How long the oldest undelivered event has waited (0 with none).",
                age(deliveries.oldest_created_at),
            ),
        ]
        if pool is not None:
            values += [
                ("crm_db_pool_size", "Connections the pool keeps open.", pool.size),
                ("crm_db_pool_in_use", "Connections checked out by requests now.", pool.in_use),
                ("crm_db_pool_overflow", "Connections open beyond the pool's size.", pool.overflow),
                ("crm_db_pool_waiting", "Sessions waiting for a connection now.", pool.waiting),
            ]
        moment = CollectorRegistry()
        moment.register(_Now([GaugeMetricFamily(n, h, value=v) for n, h, v in values]))
        return requests + generate_latest(moment)
