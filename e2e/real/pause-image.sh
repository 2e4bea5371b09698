#!/usr/bin/env bash
# Builds the pod sandbox image `registry.k8s.io/pause:3.6` (containerd 1.6's default sandbox_image) from
# e2e/real/pause/pause.c: a static binary (gcc -static) that waits for SIGTERM/SIGINT and reaps zombies,
# packed with umoci and exported with skopeo as a docker-archive for `ctr -n k8s.io images import`.
#
#   e2e/real/pause-image.sh           # prints the path of the docker-archive on its last line
#
# Cached under ~/.cache/dolphincluster/images/ keyed by the source, this script and the gcc version; a
# fresh build takes about a second. Installs gcc, libc6-dev, umoci and skopeo if missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

IMAGE=registry.k8s.io/pause:3.6
SOURCE="$(dirname "$0")/pause/pause.c"

apt_install_missing gcc libc6-dev umoci skopeo
KEY="$( (cat "$SOURCE" "$0"; gcc --version | head -n1) | sha256sum | cut -c1-10)"
OUT="$IMAGE_CACHE/pause-3.6-$KEY.tar"
if [[ -s "$OUT" ]]; then
  log "cached: $OUT"
  echo "$OUT"
  exit 0
fi
mkdir -p "$IMAGE_CACHE"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dolphin-pause-image.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
T0=$(date +%s.%N)

OCI="$WORK/oci"
umoci init --layout "$OCI"
umoci new --image "$OCI:pause"
umoci unpack --image "$OCI:pause" "$WORK/bundle" >/dev/null
gcc -static -Os -Wall -Werror -o "$WORK/bundle/rootfs/pause" "$SOURCE"
strip "$WORK/bundle/rootfs/pause"
umoci repack --image "$OCI:pause" "$WORK/bundle"
umoci config --image "$OCI:pause" --config.entrypoint /pause --config.user 65535:65535 \
  --author "dolphincluster e2e/real/pause-image.sh" --history.created_by "gcc -static pause.c"
skopeo --insecure-policy copy -q "oci:$OCI:pause" "docker-archive:$OUT.tmp:$IMAGE" >&2
mv "$OUT.tmp" "$OUT"
log "built $OUT in $(elapsed "$T0") s"
echo "$OUT"
