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

CACHE_ROOT="${HOME}/.cache/dolphincluster"
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler)
DEB_SRC_FILE=/etc/apt/sources.list.d/dolphincluster-kubernetes-src.sources

log() { echo "[install-kube] $*" >&2; }

have_binaries() {
  local dir="$1" b
  for b in "${BINARIES[@]}"; do [[ -x "$dir/$b" ]] || return 1; done
}

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

# Same mirror and keyring as the existing bookworm `deb` entry, as a `deb-src` entry.
ensure_deb_src() {
  if [[ ! -f "$DEB_SRC_FILE" ]]; then
    log "adding deb-src entry $DEB_SRC_FILE"
    cat >"$DEB_SRC_FILE" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt-get update -qq
  fi
}

source_version() {
  apt-cache showsrc kubernetes 2>/dev/null | awk '/^Version:/ {print $2; exit}'
}

# 1. What running the control plane needs (checked every time, installs only what is missing).
apt_install_missing etcd-server rsync jq

if [[ -n "${DOLPHIN_KUBE_CACHE:-}" ]] && have_binaries "$DOLPHIN_KUBE_CACHE"; then
  log "cached binaries present"
  echo "$DOLPHIN_KUBE_CACHE"
  exit 0
fi

# 2. The source package's version keys the cache.
ensure_deb_src
VERSION="$(source_version)"
if [[ -z "$VERSION" ]]; then
  apt-get update -qq
  VERSION="$(source_version)"
fi
[[ -n "$VERSION" ]] || { log "ERROR: apt-cache showsrc kubernetes found no source package"; exit 1; }
CACHE_DIR="${DOLPHIN_KUBE_CACHE:-$CACHE_ROOT/kube-$VERSION}"
if have_binaries "$CACHE_DIR"; then
  log "cached binaries present for kubernetes $VERSION"
  echo "$CACHE_DIR"
  exit 0
fi

# 3. Build (only when the cache is empty). One build at a time per cache dir.
apt_install_missing golang-go golang-github-modern-go-reflect2-dev make dpkg-dev
mkdir -p "$(dirname "$CACHE_DIR")"
exec 9>"$CACHE_DIR.lock"
flock 9
if have_binaries "$CACHE_DIR"; then   # another run finished while we waited
  echo "$CACHE_DIR"
  exit 0
fi

BUILD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dolphin-kube-build.XXXXXX")"
# DOLPHIN_KUBE_KEEP_BUILD=1 keeps the source tree (to look at a failed build).
[[ -n "${DOLPHIN_KUBE_KEEP_BUILD:-}" ]] || trap 'rm -rf "$BUILD_DIR"' EXIT
START=$(date +%s)
log "building kubernetes $VERSION in $BUILD_DIR (8-15 minutes on two cores)"
cd "$BUILD_DIR"
apt-get source --download-only "kubernetes=$VERSION" >/dev/null 2>&1 \
  || apt-get source --download-only kubernetes >/dev/null
ORIG="$(ls kubernetes_*.orig.tar.* | head -n1)"
mkdir src
tar -xf "$ORIG" -C src --strip-components=1
cd src

# Mandatory: the vendored reflect2 1.0.1 faults under Go >= 1.18 (aeshashbody/mapiternext crash a few
# seconds after the API server starts). Debian's 1.0.2 replaces it.
REFLECT2=/usr/share/gocode/src/github.com/modern-go/reflect2
[[ -d "$REFLECT2" ]] || { log "ERROR: $REFLECT2 missing (golang-github-modern-go-reflect2-dev)"; exit 1; }
rm -rf vendor/github.com/modern-go/reflect2
mkdir -p vendor/github.com/modern-go/reflect2
cp "$REFLECT2"/*.go "$REFLECT2"/*.s vendor/github.com/modern-go/reflect2/
rm -f vendor/github.com/modern-go/reflect2/*_test.go
log "patched vendor/github.com/modern-go/reflect2 with Debian's $(dpkg-query -W -f='${Version}' golang-github-modern-go-reflect2-dev)"

# As Debian's rules build it: a GOPATH whose k8s.io/kubernetes is this tree, no cgo.
mkdir -p .go/src/k8s.io
ln -s "$PWD" .go/src/k8s.io/kubernetes
export GOPATH="$PWD/.go" CGO_ENABLED=0 GOCACHE="$BUILD_DIR/gocache"
make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler" >&2

OUT=_output/local/bin/linux/amd64
STAGE="$CACHE_DIR.tmp.$$"
rm -rf "$STAGE"
mkdir -p "$STAGE"
for b in "${BINARIES[@]}"; do cp "$OUT/$b" "$STAGE/"; done
echo "$VERSION" >"$STAGE/DEBIAN_VERSION"
rm -rf "$CACHE_DIR"
mv "$STAGE" "$CACHE_DIR"
log "built in $(( $(date +%s) - START ))s; binaries in $CACHE_DIR"
echo "$CACHE_DIR"
