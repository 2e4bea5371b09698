#!/usr/bin/env bash
# Builds kubelet and kube-proxy for the real-node tier (docs/e2e.md) from Debian's `kubernetes` source package
# (1.20), with the control plane's build (e2e/scripts/kube-source-build.sh: reflect2 patch, GOPATH layout, make
# WHAT=...), and caches them beside the control-plane binaries:
#   ${DOLPHIN_KUBE_CACHE:-$HOME/.cache/dolphincluster/kube-<debian-package-version>}/{kubelet,kube-proxy}
# kubelet is built with cgo (as upstream builds it; gcc is needed), kube-proxy without.
#
# Idempotent: a run that finds both binaries prints the directory at once. The first run compiles for about
# 8-12 minutes on two cores; run it under the machine's heavy-work lock if you share the machine:
#   flock /tmp/dolphin-heavy.lock e2e/real/install-node-binaries.sh
# Needs root (apt-get). The last line printed on stdout is the directory holding the binaries.
set -euo pipefail

BINARIES=(kubelet kube-proxy)

source "$(dirname "$0")/lib.sh"
source "$REPO_ROOT/e2e/scripts/kube-source-build.sh"

if [[ -n "${DOLPHIN_KUBE_CACHE:-}" ]] && have_binaries "$DOLPHIN_KUBE_CACHE" "${BINARIES[@]}"; then
  echo "$DOLPHIN_KUBE_CACHE"
  exit 0
fi

VERSION="$(kube_source_version)"
CACHE_DIR="$(kube_cache_dir "$VERSION")"
if have_binaries "$CACHE_DIR" "${BINARIES[@]}"; then
  log "cached kubelet and kube-proxy present for kubernetes $VERSION"
  echo "$CACHE_DIR"
  exit 0
fi

# No CGO_ENABLED here: hack/lib/golang.sh builds kube-proxy static (cgo off) and kubelet with cgo, as upstream.
build_kube_binaries "$VERSION" "$CACHE_DIR" default "${BINARIES[@]}"
echo "$CACHE_DIR"
