"""OpenTelemetry tracing, switched on by the standard `OTEL_*` environment variables.

On when `OTEL_TRACES_EXPORTER` names an exporter (`otlp`, `console`) or an OTLP endpoint
is set (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), unless
`OTEL_SDK_DISABLED=true`. Each request is a server span named by its route template
(`GET /api/v1/contacts/{contact_id:uuid}`), with a child span per SQL statement; the OTLP
exporter sends them over HTTP/protobuf in batches. The SDK reads the rest of the
standard variables itself: `OTEL_SERVICE_NAME` (default here `crm`),
`OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER` and its argument, the exporter's
headers, timeout and compression.

Off, nothing of OpenTelemetry is imported and nothing is wrapped: a request costs what
it did before. The probes (`/healthz`, `/readyz`, `/metrics`) are never traced: they would drown
the requests people make."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api.settings import SettingsError

if TYPE_CHECKING:
    from fastapi import FastAPI
    from opentelemetry.sdk.trace import TracerProvider

    from persistence.database import Database

EXPORTERS = ("otlp", "console")
UNTRACED = "/healthz,/readyz,/metrics"


def _exporters(environ: Mapping[str, str]) -> list[str]:
    """The exporters the variables ask for; none: tracing is off."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return []
    named = [e.strip() for e in environ.get("OTEL_TRACES_EXPORTER", "").split(",") if e.strip()]
    endpoint = environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or environ.get(
        "OTEL_EXPORTER_OTLP_ENDPOINT"
    )
    if not named and endpoint:
        named = ["otlp"]
    unknown = [e for e in named if e not in (*EXPORTERS, "none")]
    if unknown:
        raise SettingsError(
            f"OTEL_TRACES_EXPORTER={','.join(unknown)}: this server exports traces with"
            f" {' or '.join(EXPORTERS)} (or none)."
        )
    protocol = environ.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or environ.get(
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"
    )
    if "otlp" in named and protocol != "http/protobuf":
        raise SettingsError(
            f"OTEL_EXPORTER_OTLP_PROTOCOL={protocol}: this server sends OTLP over"
            " http/protobuf (the collector's port 4318)."
        )
    return [e for e in named if e != "none"]


@dataclass(frozen=True)
class Tracing:
    """Where a server process's spans go."""

    provider: TracerProvider

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Tracing | None:
        exporters = _exporters(environ)
        if not exporters:
            return None
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

        named = "OTEL_SERVICE_NAME" in environ or "service.name=" in environ.get(
            "OTEL_RESOURCE_ATTRIBUTES", ""
        )
        provider = TracerProvider(
            resource=Resource.create({} if named else {"service.name": "crm"})
        )
        for name in exporters:
            exporter: Any
            if name == "otlp":
                from opentelemetry.exporter.otlp.proto.http.trace_exporter import (
                    OTLPSpanExporter,
                )

                exporter = OTLPSpanExporter()
            else:
                exporter = ConsoleSpanExporter()
            provider.add_span_processor(BatchSpanProcessor(exporter))
        return cls(provider)

    def instrument_app(self, app: FastAPI) -> None:
        """Before the app serves: a span per request, named by its route."""
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(
            app, tracer_provider=self.provider, excluded_urls=UNTRACED
        )

    def instrument_database(self, database: Database) -> None:
        """A span per SQL statement, inside the request's."""
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

        # The instrumentation declares SQLAlchemy < 2.1 and would do nothing on 2.1; what it
        # uses (the engine's cursor events) is unchanged in 2.1, and the tests hold it to
        # putting each statement in its request's trace.
        SQLAlchemyInstrumentor().instrument(
            engine=database.engine.sync_engine,
            tracer_provider=self.provider,
            skip_dep_check=True,
        )

    def shutdown(self) -> None:
        """Sends what is still buffered, and takes the statement spans off the engine:
        the instrumentor is one per process, and instruments no other engine while on."""
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

        SQLAlchemyInstrumentor().uninstrument()
        self.provider.shutdown()
