#!/usr/bin/env bash
# Builds kubelet and kube-proxy for the real-node tier (docs/e2e.md) from Debian's `kubernetes` source package
# (1.20), the way e2e/scripts/install-kube.sh builds the control plane (reflect2 patch, GOPATH layout, make
# WHAT=...), and caches them beside the control-plane binaries:
#   ${DOLPHIN_KUBE_CACHE:-$HOME/.cache/dolphincluster/kube-<debian-package-version>}/{kubelet,kube-proxy}
# kubelet is built with cgo (as upstream builds it; gcc is needed), kube-proxy without.
#
# Idempotent: a run that finds both binaries prints the directory at once. The first run compiles for about
# 8-12 minutes on two cores; run it under the machine's heavy-work lock if you share the machine:
#   flock /tmp/dolphin-heavy.lock e2e/real/install-node-binaries.sh
# Needs root (apt-get). The last line printed on stdout is the directory holding the binaries.
set -euo pipefail

CACHE_ROOT="${HOME}/.cache/dolphincluster"
BINARIES=(kubelet kube-proxy)
DEB_SRC_FILE=/etc/apt/sources.list.d/dolphincluster-kubernetes-src.sources

log() { echo "[install-node-binaries] $*" >&2; }

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
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

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

if [[ -n "${DOLPHIN_KUBE_CACHE:-}" ]] && have_binaries "$DOLPHIN_KUBE_CACHE"; then
  echo "$DOLPHIN_KUBE_CACHE"
  exit 0
fi

ensure_deb_src
VERSION="$(source_version)"
if [[ -z "$VERSION" ]]; then
  apt-get update -qq
  VERSION="$(source_version)"
fi
[[ -n "$VERSION" ]] || { log "ERROR: apt-cache showsrc kubernetes found no source package"; exit 1; }
CACHE_DIR="${DOLPHIN_KUBE_CACHE:-$CACHE_ROOT/kube-$VERSION}"
if have_binaries "$CACHE_DIR"; then
  log "cached kubelet and kube-proxy present for kubernetes $VERSION"
  echo "$CACHE_DIR"
  exit 0
fi

apt_install_missing golang-go golang-github-modern-go-reflect2-dev make dpkg-dev gcc libc6-dev rsync
mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR.lock"   # the same lock as install-kube.sh: one build per cache directory at a time
flock 9
if have_binaries "$CACHE_DIR"; then
  echo "$CACHE_DIR"
  exit 0
fi

BUILD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dolphin-kubelet-build.XXXXXX")"
[[ -n "${DOLPHIN_KUBE_KEEP_BUILD:-}" ]] || trap 'rm -rf "$BUILD_DIR"' EXIT
START=$(date +%s)
log "building kubelet and kube-proxy $VERSION in $BUILD_DIR (8-12 minutes on two cores)"
cd "$BUILD_DIR"
apt-get source --download-only "kubernetes=$VERSION" >/dev/null 2>&1 \
  || apt-get source --download-only kubernetes >/dev/null
ORIG="$(ls kubernetes_*.orig.tar.* | head -n1)"
mkdir src
tar -xf "$ORIG" -C src --strip-components=1
cd src

# Mandatory (see install-kube.sh): the vendored reflect2 1.0.1 faults under Go >= 1.18.
REFLECT2=/usr/share/gocode/src/github.com/modern-go/reflect2
rm -rf vendor/github.com/modern-go/reflect2
mkdir -p vendor/github.com/modern-go/reflect2
cp "$REFLECT2"/*.go "$REFLECT2"/*.s vendor/github.com/modern-go/reflect2/
rm -f vendor/github.com/modern-go/reflect2/*_test.go

mkdir -p .go/src/k8s.io
ln -s "$PWD" .go/src/k8s.io/kubernetes
# No CGO_ENABLED here: hack/lib/golang.sh builds kube-proxy static (cgo off) and kubelet with cgo, as upstream.
export GOPATH="$PWD/.go" GOCACHE="$BUILD_DIR/gocache"
make WHAT="cmd/kubelet cmd/kube-proxy" >&2

OUT=_output/local/bin/linux/amd64
for b in "${BINARIES[@]}"; do
  cp "$OUT/$b" "$CACHE_DIR/.$b.tmp.$$"
  mv "$CACHE_DIR/.$b.tmp.$$" "$CACHE_DIR/$b"
done
[[ -f "$CACHE_DIR/DEBIAN_VERSION" ]] || echo "$VERSION" >"$CACHE_DIR/DEBIAN_VERSION"
log "built in $(( $(date +%s) - START ))s; kubelet and kube-proxy in $CACHE_DIR"
echo "$CACHE_DIR"
