# One image for web, worker, beat and migrate (docker-compose.yml). Multi-stage: compilers stay in the builder.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# Wheels for the project and every dependency (compiled here if a wheel is missing), then an install of
# the project in /app; the final stage copies /opt/venv and /app to the same paths, so the paths hold.
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --upgrade pip "setuptools>=69" wheel \
 && /opt/venv/bin/pip wheel --wheel-dir /wheels . \
 && /opt/venv/bin/pip install --no-index --find-links /wheels --no-build-isolation -e /app \
 && rm -rf /app/build

FROM ${PYTHON_IMAGE} AS final
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORTAL_ENV=production \
    PORTAL_INSTANCE_DIR=/var/lib/portal \
    PORTAL_UPLOAD_DIR=/var/lib/portal/uploads \
    PORTAL_WEB_BIND=0.0.0.0:8050 \
    PORTAL_LOG_JSON=true
# Runtime library only (libpq for psycopg); no compilers, no build headers.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 portal \
 && useradd --system --uid 10001 --gid portal --home-dir /var/lib/portal --shell /usr/sbin/nologin portal \
 && mkdir -p /var/lib/portal/uploads /var/lib/portal-metrics \
 && chown -R portal:portal /var/lib/portal /var/lib/portal-metrics
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder --chown=root:root /app /app
WORKDIR /app
USER portal
EXPOSE 8050
VOLUME ["/var/lib/portal"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8050/healthz', timeout=4)" || exit 1
CMD ["gunicorn", "--config", "python:portal.gunicorn_conf", "portal.wsgi:app"]
