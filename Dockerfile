# The simulator as a service for test environments (docker-compose, CI jobs).
# Multi-stage: the build stage installs the package into a virtualenv; the final stage copies
# only that virtualenv onto the same base, and runs it as a non-root user.
ARG BASE_IMAGE=python:3.12-slim

FROM ${BASE_IMAGE} AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE constraints.txt ./
COPY simulator ./simulator
COPY contract_tests ./contract_tests
COPY fixtures/default_world.json ./fixtures/
# Every version (the build backend's too) comes from the committed constraints file.
ENV PIP_CONSTRAINT=/src/constraints.txt
# The compiled modules pip writes stay in the image: the container's user cannot write them, and
# compiling every module at each start made the cold start 1.6-3.7 s instead of about 0.5 s.
RUN python3 -m venv /opt/simulator \
 && /opt/simulator/bin/pip install --no-cache-dir --disable-pip-version-check . \
 && rm -rf /opt/simulator/lib/python3*/site-packages/pip /opt/simulator/lib/python3*/site-packages/pip-*

FROM ${BASE_IMAGE}
RUN useradd --system --uid 10001 --home-dir /data --create-home simulator
COPY --from=build /opt/simulator /opt/simulator
ENV PATH=/opt/simulator/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MAILSIM_HOST=0.0.0.0 \
    MAILSIM_PORT=8080
USER simulator
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:%s/_sim/health' % os.environ.get('MAILSIM_PORT', '8080'), headers={'X-Control-Token': os.environ.get('MAILSIM_CONTROL_TOKEN', '')}), timeout=2)"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["mailbox-simulator"]
CMD ["serve"]
