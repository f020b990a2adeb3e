# Herald: build with the Swift toolchain, run on a slim Debian.
# The steps mirror .ci/setup and the release build in Tests/run-all.sh.

FROM swift:6.2-bookworm AS build
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends libssl-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product herald --static-swift-stdlib \
 && cp "$(swift build -c release --show-bin-path)/herald" /herald

FROM debian:bookworm-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends libssl3 zlib1g ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app herald
WORKDIR /app
COPY --from=build /herald /usr/local/bin/herald
COPY Public ./Public
COPY config ./config
USER herald
EXPOSE 8080
# Listen on all interfaces inside the container; the embedded default is loopback.
ENV HERALD_LISTEN_HOST=0.0.0.0
HEALTHCHECK --interval=10s --timeout=2s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
CMD ["herald", "serve", "--config", "config/herald.yaml"]
