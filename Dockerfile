# Multi-stage: build the web app with Node (the TypeScript SDK it is built on, then the
# SPA, each from its lock file), build a virtualenv from the pinned lock file, then copy
# both into a slim runtime image that runs as an unprivileged user and serves the API
# and the web app on one port.
FROM node:20-slim AS web
WORKDIR /src/clients
# The SDK first: the web app installs its build as a package (file:../sdk/typescript).
COPY clients/sdk/typescript/package.json clients/sdk/typescript/package-lock.json ./sdk/typescript/
RUN cd sdk/typescript && npm ci --no-audit --no-fund --loglevel=error
COPY clients/sdk/typescript/tsconfig.json ./sdk/typescript/
COPY clients/sdk/typescript/src ./sdk/typescript/src
RUN cd sdk/typescript && npm run build
COPY clients/web/package.json clients/web/package-lock.json clients/web/.npmrc ./web/
RUN cd web && npm ci --no-audit --no-fund --loglevel=error
COPY clients/web ./web
RUN cd web && npm run build

FROM python:3.11-slim AS build
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir --upgrade pip \
 && pip install --no-cache-dir -r requirements.lock
COPY api ./api
COPY domain ./domain
COPY persistence ./persistence
COPY auth ./auth
COPY migrations ./migrations
COPY alembic.ini README.md ./
RUN pip install --no-cache-dir --no-deps .

FROM python:3.11-slim AS runtime
RUN groupadd --system crm && useradd --system --gid crm --home-dir /app crm
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app/alembic.ini /app/alembic.ini
COPY --from=build /app/migrations /app/migrations
COPY --from=web /src/clients/web/dist /app/web
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    CRM_WEB_DIR=/app/web \
    HOST=0.0.0.0 \
    PORT=8000 \
    CRM_ENVIRONMENT=production
USER crm
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz')"
# `crm serve` applies migrations, creates the first Owner when there is none, then serves.
CMD ["crm", "serve"]
