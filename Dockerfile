# HabitFlow as one statically linked binary on an empty base image.
# Build and run: scripts/build-image.sh (documents both ways to build it).
#
#   docker build -t habitflow --build-arg HABITFLOW_GIT_COMMIT=$(git rev-parse --short HEAD) .
#   docker run -p 8000:8000 -v habitflow-data:/data habitflow

# Where the binary comes from: `compile` builds it here; `prebuilt` takes one
# built outside (scripts/build-image.sh --prebuilt), so no Rust image is needed.
ARG BINARY_FROM=compile

FROM docker.io/library/rust:1.95-bookworm AS compile
WORKDIR /src
COPY . .
# The toolchain file also asks for rustfmt and clippy, which a build does not need.
ENV RUSTUP_TOOLCHAIN=1.95.0
# No .git in the build context: the commit for `--version` comes in as an argument.
ARG HABITFLOW_GIT_COMMIT=""
# An explicit --target keeps build scripts and proc macros dynamic (they run on
# the build host); only the habitflow binary is linked statically.
RUN RUSTFLAGS='-C target-feature=+crt-static -C relocation-model=static' HABITFLOW_GIT_COMMIT="$HABITFLOW_GIT_COMMIT" \
        cargo build --release --locked --bin habitflow --target x86_64-unknown-linux-gnu \
    && install -D -s -m 0755 target/x86_64-unknown-linux-gnu/release/habitflow /out/habitflow \
    && install -d -m 0700 /out/data \
    && install -d -m 1777 /out/tmp

FROM scratch AS prebuilt
COPY out/ /out/

FROM ${BINARY_FROM} AS binary

FROM scratch
COPY --from=binary /out/habitflow /habitflow
# SQLite writes temporary files for large sorts; scratch has no /tmp.
COPY --from=binary /out/tmp /tmp
# The database and the generated server key live in the volume, owned by the
# unprivileged user the server runs as.
COPY --from=binary --chown=10001:10001 /out/data /data
USER 10001:10001
ENV HABITFLOW_BIND=0.0.0.0:8000 \
    HABITFLOW_DATABASE_URL=sqlite:///data/habitflow.sqlite3
VOLUME /data
EXPOSE 8000
# No shell or curl in the image: the binary checks itself (exit 0 or 1).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["/habitflow", "healthcheck"]
ENTRYPOINT ["/habitflow"]
CMD ["serve"]
