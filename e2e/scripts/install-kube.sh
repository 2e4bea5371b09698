#!/usr/bin/env bash
# Installs the Kubernetes 1.20 binaries the tests run, on a machine without Docker (docs/local-kubernetes.md,
# docs/e2e.md): etcd from Debian's etcd-server, and, built from Debian's own `kubernetes` source package with the
# mandatory reflect2 patch, the control plane (kube-apiserver, kube-controller-manager, kube-scheduler) and the
# real-node tier's kubelet and kube-proxy. One `make WHAT=...` builds all five: hack/lib/golang.sh builds the
# control plane and kube-proxy static (no cgo, as Debian's rules do) and kubelet with cgo, as upstream.
#
# Idempotent: the binaries are cached outside the checkout, keyed by the Debian package version, under
#   ${DOLPHIN_KUBE_CACHE:-$HOME/.cache/dolphincluster/kube-<debian-package-version>}/
# A run that finds all five there only checks the packages and prints the path (seconds). Otherwise it builds the
# missing ones in one go: about 13 minutes on two cores (figures in docs/e2e.md). Go's build cache is kept beside
# that directory (go-build/), so a later source version or a retried build compiles only what changed. Run it
# under the machine's heavy-work lock if you share the machine:
#   flock /tmp/dolphin-heavy.lock e2e/scripts/install-kube.sh
# `--background` (bin/test uses it) returns once the packages are installed and the source is downloaded, and
# compiles at nice 19 behind it, so the build overlaps the tests that do not need Kubernetes; the e2e harness
# (KubeBinaries) waits for it: the build holds <cache root>/kube-build.lock and logs to kube-build.log there.
# Needs root (apt-get). The last line printed on stdout is the directory holding the binaries.
set -euo pipefail

BACKGROUND=
case "${1:-}" in
  --background) BACKGROUND=1 ;;
  "") ;;
  *) echo "usage: $0 [--background]" >&2; exit 2 ;;
esac

BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)
KUBE_DEB_SRC_FILE=/etc/apt/sources.list.d/dolphincluster-kubernetes-src.sources

log() { echo "[install-kube] $*" >&2; }
source "$(dirname "$0")/apt.sh"

apt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# The binaries of BINARIES missing from a directory, one per line.
missing_binaries() {
  local b
  for b in "${BINARIES[@]}"; do [[ -x "$1/$b" ]] || echo "$b"; done
}

# Same mirror and keyring as the existing bookworm `deb` entry, as a `deb-src` entry.
ensure_deb_src() {
  if [[ ! -f "$KUBE_DEB_SRC_FILE" ]]; then
    log "adding deb-src entry $KUBE_DEB_SRC_FILE"
    cat >"$KUBE_DEB_SRC_FILE" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_update_now
  fi
}

# The source package's version (it keys the cache); exits when there is none.
kube_source_version() {
  local version
  ensure_deb_src
  version="$(apt-cache showsrc kubernetes 2>/dev/null | awk '/^Version:/ {print $2; exit}')"
  if [[ -z "$version" ]]; then
    apt_update_now
    version="$(apt-cache showsrc kubernetes 2>/dev/null | awk '/^Version:/ {print $2; exit}')"
  fi
  [[ -n "$version" ]] || { log "ERROR: apt-cache showsrc kubernetes found no source package"; exit 1; }
  echo "$version"
}

# build VERSION CACHE_DIR [background]: builds every binary missing from CACHE_DIR with one `make WHAT=...` and
# moves each one into CACHE_DIR, leaving the others there alone. One build at a time per cache root (it holds
# kube-build.lock there until it ends); a build that finds the binaries there after waiting does nothing.
# With `background`, the packages and the source download stay in the foreground (nothing of apt runs beside a
# later apt-get) and the compile goes on at nice 19 after this returns, its output in kube-build.log.
build() {
  local version="$1" cache_dir background="${3:-}"
  cache_dir="$(realpath -m "$2")"
  local root build_dir
  root="$(dirname "$cache_dir")"
  # A fixed source path: the Go build cache keys every package on its directory and on hack/lib/golang.sh's
  # -trimpath=<source root>, so a build in a new temporary directory would never find anything in it.
  build_dir="$root/kube-build"

  apt_install_missing golang-go golang-github-modern-go-reflect2-dev make dpkg-dev gcc libc6-dev rsync
  mkdir -p "$cache_dir"
  exec 9>"$root/kube-build.lock"
  if [[ -n "$background" ]] && ! flock -n 9; then
    log "a build is running already (log: $root/kube-build.log)"
    exec 9>&-
    return 0
  fi
  flock 9
  local missing=()
  mapfile -t missing < <(missing_binaries "$cache_dir")
  if ((${#missing[@]} == 0)); then   # another run finished while we waited
    exec 9>&-
    return 0
  fi

  rm -rf "$build_dir"
  mkdir -p "$build_dir" "$root/go-build"
  (
    cd "$build_dir"
    apt-get source --download-only "kubernetes=$version" >/dev/null 2>&1 \
      || apt-get source --download-only kubernetes >/dev/null
  )
  if [[ -n "$background" ]]; then
    local log_file="$root/kube-build.log"
    log "building ${missing[*]} of kubernetes $version in the background at nice 19 (log: $log_file)"
    # The compile inherits descriptor 9, so the lock is held until it ends; this shell lets go of its copy.
    nice -n 19 bash -c "set -euo pipefail; $(declare -f log compile); compile \"\$@\"" compile \
      "$version" "$cache_dir" "$build_dir" "$root" "${missing[@]}" >"$log_file" 2>&1 </dev/null &
  else
    compile "$version" "$cache_dir" "$build_dir" "$root" "${missing[@]}"
  fi
  exec 9>&-
}

# compile VERSION CACHE_DIR BUILD_DIR ROOT BINARY...: unpacks the downloaded source in BUILD_DIR, builds the
# binaries named and moves them into CACHE_DIR. Self-contained (it may run in a shell of its own).
compile() {
  local version="$1" cache_dir="$2" build_dir="$3" root="$4" start
  shift 4
  local missing=("$@") targets=() b
  for b in "${missing[@]}"; do targets+=("cmd/$b"); done
  start=$(date +%s)
  log "compiling ${missing[*]} of kubernetes $version in $build_dir (about 13 minutes on two idle cores)"
  (
    set -euo pipefail
    # DOLPHIN_KUBE_KEEP_BUILD=1 keeps the source tree (to look at a failed build).
    [[ -n "${DOLPHIN_KUBE_KEEP_BUILD:-}" ]] || trap 'rm -rf "$build_dir"' EXIT
    cd "$build_dir"
    mkdir src
    tar -xf "$(ls kubernetes_*.orig.tar.* | head -n1)" -C src --strip-components=1
    cd src

    # Mandatory: the vendored reflect2 1.0.1 faults under Go >= 1.18 (aeshashbody/mapiternext crash a few
    # seconds after the API server starts). Debian's 1.0.2 replaces it.
    local reflect2=/usr/share/gocode/src/github.com/modern-go/reflect2
    [[ -d "$reflect2" ]] || { log "ERROR: $reflect2 missing (golang-github-modern-go-reflect2-dev)"; exit 1; }
    rm -rf vendor/github.com/modern-go/reflect2
    mkdir -p vendor/github.com/modern-go/reflect2
    cp "$reflect2"/*.go "$reflect2"/*.s vendor/github.com/modern-go/reflect2/
    rm -f vendor/github.com/modern-go/reflect2/*_test.go
    log "patched vendor/github.com/modern-go/reflect2 with Debian's $(dpkg-query -W -f='${Version}' golang-github-modern-go-reflect2-dev)"

    # As Debian's rules build it: a GOPATH whose k8s.io/kubernetes is this tree.
    mkdir -p .go/src/k8s.io
    ln -s "$PWD" .go/src/k8s.io/kubernetes
    export GOPATH="$PWD/.go"
    # hack/lib/golang.sh sets GOCACHE to _output/local/go/cache itself: that is made the kept cache.
    mkdir -p _output/local/go
    ln -s "$root/go-build" _output/local/go/cache
    make WHAT="${targets[*]}" >&2

    for b in "${missing[@]}"; do
      cp "_output/local/bin/linux/amd64/$b" "$cache_dir/.$b.tmp.$$"
      mv "$cache_dir/.$b.tmp.$$" "$cache_dir/$b"
    done
    echo "$version" >"$cache_dir/DEBIAN_VERSION"
  )
  log "built ${missing[*]} in $(( $(date +%s) - start ))s into $cache_dir (Go build cache $(du -sh "$root/go-build" | cut -f1))"
}

# 1. What running the control plane needs (checked every time, installs only what is missing).
apt_install_missing etcd-server rsync jq

if [[ -n "${DOLPHIN_KUBE_CACHE:-}" && -z "$(missing_binaries "$DOLPHIN_KUBE_CACHE")" ]]; then
  log "cached binaries present"
  echo "$DOLPHIN_KUBE_CACHE"
  exit 0
fi

# 2. The source package's version keys the cache.
VERSION="$(kube_source_version)"
CACHE_DIR="${DOLPHIN_KUBE_CACHE:-$HOME/.cache/dolphincluster/kube-$VERSION}"
if [[ -z "$(missing_binaries "$CACHE_DIR")" ]]; then
  log "cached binaries present for kubernetes $VERSION"
  echo "$CACHE_DIR"
  exit 0
fi

# 3. Build (only when the cache lacks some).
build "$VERSION" "$CACHE_DIR" "$BACKGROUND"
echo "$CACHE_DIR"
