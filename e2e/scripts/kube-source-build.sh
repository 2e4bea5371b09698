# Builds Kubernetes binaries from Debian's own `kubernetes` source package (1.20) into the cache
#   ${DOLPHIN_KUBE_CACHE:-$HOME/.cache/dolphincluster/kube-<debian-package-version>}/
# Sourced (not run) by e2e/scripts/install-kube.sh (the control plane) and e2e/real/install-node-binaries.sh
# (kubelet and kube-proxy), which define `log` and `apt_install_missing` and set `set -euo pipefail` themselves.
# Needs root (apt-get).

KUBE_CACHE_ROOT="${HOME}/.cache/dolphincluster"
KUBE_DEB_SRC_FILE=/etc/apt/sources.list.d/dolphincluster-kubernetes-src.sources

# True when every binary named after the directory is there and executable.
have_binaries() {
  local dir="$1" b
  shift
  for b in "$@"; do [[ -x "$dir/$b" ]] || return 1; done
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
    apt-get update -qq
  fi
}

# The source package's version (it keys the cache); exits when there is none.
kube_source_version() {
  local version
  ensure_deb_src
  version="$(apt-cache showsrc kubernetes 2>/dev/null | awk '/^Version:/ {print $2; exit}')"
  if [[ -z "$version" ]]; then
    apt-get update -qq
    version="$(apt-cache showsrc kubernetes 2>/dev/null | awk '/^Version:/ {print $2; exit}')"
  fi
  [[ -n "$version" ]] || { log "ERROR: apt-cache showsrc kubernetes found no source package"; exit 1; }
  echo "$version"
}

# The cache directory of a source version.
kube_cache_dir() {
  echo "${DOLPHIN_KUBE_CACHE:-$KUBE_CACHE_ROOT/kube-$1}"
}

# build_kube_binaries VERSION CACHE_DIR CGO BINARY...: builds the binaries (cmd/<name>) from the source package and
# moves each one into CACHE_DIR, leaving the others there alone. CGO=no builds with CGO_ENABLED=0 (as Debian's rules
# build the control plane); CGO=default leaves it to hack/lib/golang.sh (kubelet with cgo, as upstream). One build at a
# time per cache directory; a build that finds the binaries there after waiting does nothing.
build_kube_binaries() {
  local version="$1" cache_dir="$2" cgo="$3"
  shift 3
  local binaries=("$@") targets=() b
  for b in "${binaries[@]}"; do targets+=("cmd/$b"); done

  apt_install_missing golang-go golang-github-modern-go-reflect2-dev make dpkg-dev gcc libc6-dev rsync
  mkdir -p "$cache_dir"
  exec 9>"$cache_dir.lock"
  flock 9
  if have_binaries "$cache_dir" "${binaries[@]}"; then   # another run finished while we waited
    exec 9>&-
    return 0
  fi

  local build_dir start
  build_dir="$(mktemp -d "${TMPDIR:-/tmp}/dolphin-kube-build.XXXXXX")"
  start=$(date +%s)
  log "building ${binaries[*]} of kubernetes $version in $build_dir (several minutes on two cores)"
  (
    # DOLPHIN_KUBE_KEEP_BUILD=1 keeps the source tree (to look at a failed build).
    [[ -n "${DOLPHIN_KUBE_KEEP_BUILD:-}" ]] || trap 'rm -rf "$build_dir"' EXIT
    cd "$build_dir"
    apt-get source --download-only "kubernetes=$version" >/dev/null 2>&1 \
      || apt-get source --download-only kubernetes >/dev/null
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
    export GOPATH="$PWD/.go" GOCACHE="$build_dir/gocache"
    [[ "$cgo" == no ]] && export CGO_ENABLED=0
    make WHAT="${targets[*]}" >&2

    for b in "${binaries[@]}"; do
      cp "_output/local/bin/linux/amd64/$b" "$cache_dir/.$b.tmp.$$"
      mv "$cache_dir/.$b.tmp.$$" "$cache_dir/$b"
    done
    echo "$version" >"$cache_dir/DEBIAN_VERSION"
  )
  exec 9>&-
  log "built ${binaries[*]} in $(( $(date +%s) - start ))s into $cache_dir"
}
