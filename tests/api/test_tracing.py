"""OpenTelemetry tracing (api/tracing.py): off unless the standard OTEL_* variables ask for
it; on, each request is a server span named by its route template with a span per SQL
statement inside it, and the probes are not traced."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from api.app import create_app
from api.settings import Settings, SettingsError
from api.tracing import Tracing
from persistence.database import Database
from tests.conftest import Staff
from tests.helpers import CONTACTS, create_contact


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"OTEL_SERVICE_NAME": "crm-eu"},
        {"OTEL_TRACES_EXPORTER": "none"},
        {"OTEL_SDK_DISABLED": "true", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"},
    ],
)
def test_tracing_is_off_unless_an_exporter_or_endpoint_is_set(environ: dict[str, str]) -> None:
    """No exporter named and no OTLP endpoint, `none`, or the SDK disabled: no tracing."""
    assert Tracing.from_environment(environ) is None


@pytest.mark.parametrize(
    "environ",
    [
        {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"},
        {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"},
        {"OTEL_TRACES_EXPORTER": "console"},
        {"OTEL_TRACES_EXPORTER": "otlp,console"},
    ],
)
def test_an_endpoint_or_an_exporter_switches_tracing_on(environ: dict[str, str]) -> None:
    """An OTLP endpoint alone means the otlp exporter; the service is `crm` unless named."""
    tracing = Tracing.from_environment(environ)
    assert tracing is not None
    assert tracing.provider.resource.attributes["service.name"] == "crm"
    tracing.shutdown()


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"OTEL_TRACES_EXPORTER": "zipkin"}, "OTEL_TRACES_EXPORTER=zipkin"),
        (
            {"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"},
            "OTEL_EXPORTER_OTLP_PROTOCOL=grpc",
        ),
    ],
)
def test_an_exporter_this_server_lacks_stops_it_naming_the_variable(
    environ: dict[str, str], named: str
) -> None:
    """Asked for an exporter or protocol it does not have, the server does not start
    silently untraced: the error names the variable and the value."""
    with pytest.raises(SettingsError, match=named):
        Tracing.from_environment(environ)


@pytest.fixture
async def traced(
    settings: Settings, database: Database
) -> AsyncIterator[tuple[httpx.AsyncClient, InMemorySpanExporter]]:
    spans = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    app = create_app(settings, database=database, tracing=Tracing(provider))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        yield client, spans


async def test_a_request_is_a_span_named_by_its_route_with_its_statements_inside(
    traced: tuple[httpx.AsyncClient, InMemorySpanExporter], owner: Staff
) -> None:
    """GET /contacts/{id} is a server span named by its route as declared (`GET
    /api/v1/contacts/{contact_id:uuid}`), and the SQL it ran are spans of the same trace
    inside it; /healthz is not traced."""
    client, spans = traced
    contact = await create_contact(client, owner)
    spans.clear()
    assert (await client.get("/healthz")).status_code == 200
    response = await client.get(f"{CONTACTS}/{contact['id']}", headers=owner.headers)
    assert response.status_code == 200

    finished = spans.get_finished_spans()
    servers = [s for s in finished if s.kind is SpanKind.SERVER]
    assert [s.name for s in servers] == ["GET /api/v1/contacts/{contact_id:uuid}"]
    server = servers[0]
    assert server.attributes is not None
    assert server.attributes["http.route"] == "/api/v1/contacts/{contact_id:uuid}"
    statements = [s for s in finished if s.kind is SpanKind.CLIENT]
    assert statements, [s.name for s in finished]
    assert server.context is not None
    assert {s.context.trace_id for s in statements if s.context} == {server.context.trace_id}
