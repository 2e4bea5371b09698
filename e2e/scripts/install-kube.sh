#!/usr/bin/env bash
# Installs a real Kubernetes control plane for tests on a machine without Docker (docs/local-kubernetes.md):
# etcd from Debian's etcd-server, and kube-apiserver, kube-controller-manager and kube-scheduler built from
# Debian's own `kubernetes` source package (1.20) with the mandatory reflect2 patch.
#
# Idempotent: the binaries are cached outside the checkout, keyed by the Debian package version, under
#   ${DOLPHIN_KUBE_CACHE:-$HOME/.cache/dolphincluster/kube-<debian-package-version>}/
# A run that finds them there only checks the packages and prints the path (seconds). The first run
# compiles for 8-15 minutes on two cores. Needs root (apt-get).
#
# The last line printed on stdout is the directory holding the binaries.
set -euo pipefail

BINARIES=(kube-apiserver kube-controller-manager kube-scheduler)

log() { echo "[install-kube] $*" >&2; }

apt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

source "$(dirname "$0")/kube-source-build.sh"

# 1. What running the control plane needs (checked every time, installs only what is missing).
apt_install_missing etcd-server rsync jq

if [[ -n "${DOLPHIN_KUBE_CACHE:-}" ]] && have_binaries "$DOLPHIN_KUBE_CACHE" "${BINARIES[@]}"; then
  log "cached binaries present"
  echo "$DOLPHIN_KUBE_CACHE"
  exit 0
fi

# 2. The source package's version keys the cache.
VERSION="$(kube_source_version)"
CACHE_DIR="$(kube_cache_dir "$VERSION")"
if have_binaries "$CACHE_DIR" "${BINARIES[@]}"; then
  log "cached binaries present for kubernetes $VERSION"
  echo "$CACHE_DIR"
  exit 0
fi

# 3. Build (only when the cache lacks them), as Debian's rules build it: no cgo.
build_kube_binaries "$VERSION" "$CACHE_DIR" no "${BINARIES[@]}"
echo "$CACHE_DIR"
