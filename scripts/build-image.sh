#!/usr/bin/env bash
# Builds the HabitFlow container image from the Dockerfile: one statically
# linked binary on an empty (scratch) base, running as an unprivileged user,
# data in the /data volume, a HEALTHCHECK through `habitflow healthcheck`.
#
#   scripts/build-image.sh             compile inside the image build (pulls the rust image)
#   scripts/build-image.sh --prebuilt  compile here, then package the binary (no Rust image:
#                                      only the scratch base, which needs no registry)
#
# The static binary: `RUSTFLAGS='-C target-feature=+crt-static -C relocation-model=static' cargo build --release
# --target x86_64-unknown-linux-gnu`; `ldd` must not find any shared library in it.
# Uses docker when its daemon answers, else podman (apt-get install podman buildah).
# IMAGE names the image (default habitflow:local); STATIC_TARGET_DIR is where the
# static build goes (default: a `static` folder in the target directory).
set -euo pipefail
cd "$(dirname "$0")/.."

image="${IMAGE:-habitflow:local}"
commit="$(git rev-parse --short HEAD 2>/dev/null || true)"
if docker info >/dev/null 2>&1; then
  engine=(docker build)
elif command -v podman >/dev/null 2>&1; then
  # The OCI image format has no HEALTHCHECK; the Docker format keeps it.
  engine=(podman build --format docker)
else
  echo "neither a running docker nor podman was found" >&2
  exit 1
fi

if [ "${1:-}" = "--prebuilt" ]; then
  target_dir="${STATIC_TARGET_DIR:-${CARGO_TARGET_DIR:-target}/static}"
  RUSTFLAGS='-C target-feature=+crt-static -C relocation-model=static' CARGO_TARGET_DIR="$target_dir" \
    cargo build --release --locked --bin habitflow --target x86_64-unknown-linux-gnu
  binary="$target_dir/x86_64-unknown-linux-gnu/release/habitflow"
  # ldd exits 1 for a static executable, so read its words, not its status.
  linkage="$(ldd "$binary" 2>&1 || true)"
  if ! grep -q "not a dynamic executable" <<<"$linkage"; then
    echo "$binary is not statically linked:" >&2
    echo "$linkage" >&2
    exit 1
  fi
  # A build context of just the binary and the two empty folders the image needs.
  context="$(mktemp -d)"
  trap 'rm -rf "$context"' EXIT
  install -D -s -m 0755 "$binary" "$context/out/habitflow"   # -s: without symbols, 18 MB instead of 22
  install -d -m 0700 "$context/out/data"
  install -d -m 1777 "$context/out/tmp"
  "${engine[@]}" --build-arg BINARY_FROM=prebuilt -f Dockerfile -t "$image" "$context"
else
  # BINARY_FROM is the Dockerfile's default, named anyway: buildah 1.28 does not
  # resolve a stage named by an ARG's default value.
  "${engine[@]}" --build-arg BINARY_FROM=compile --build-arg HABITFLOW_GIT_COMMIT="$commit" \
    -t "$image" .
fi

echo "built $image; try it:"
echo "  ${engine[0]} run -d --name habitflow -p 8000:8000 -v habitflow-data:/data $image"
echo "  curl http://127.0.0.1:8000/healthz/ready"
