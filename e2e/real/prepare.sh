#!/usr/bin/env bash
# Prepares this machine for the real-node tier of the e2e tests (docs/e2e.md): real containers (containerd 1.6 +
# runc + CNI bridge) run by real kubelets on this one machine, against the harness's control plane.
#
#   e2e/real/prepare.sh            # as root; idempotent
#
# 1. Debian packages, installed only when missing: containerd, runc, containernetworking-plugins, iptables,
#    conntrack, dnsmasq-base (the cluster-DNS stand-in), plus what the scripts below need.
# 2. The control plane and kubelet + kube-proxy (e2e/scripts/install-kube.sh --background, one build of all five),
#    built from Debian's kubernetes 1.20 source and cached in ~/.cache/dolphincluster/kube-<version>/; a build
#    runs on in the background at nice 19 after this script ends, and the tests wait for it.
# 3. The images, cached in ~/.cache/dolphincluster/images/: the Debian JRE 17 base (base-image.sh) and the
#    sandbox image registry.k8s.io/pause:3.6 (pause-image.sh); then the runtime and operator images with Jib on
#    that base (app-images.sh, into runtime/server/target/ and operator/target/).
#
# A fresh machine spends about 4 minutes here (packages, the base image, the Jib builds) and compiles Kubernetes
# for about 13 more behind it; with everything cached, about a minute (the two Jib builds). The image builds run
# under /tmp/dolphin-heavy.lock.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
[[ $EUID -eq 0 ]] || die "run as root (apt-get, and later containerd and kubelet)"
T0=$(date +%s.%N)

apt_install_missing containerd runc containernetworking-plugins iptables conntrack dnsmasq-base iproute2 util-linux
log "packages ready ($(elapsed "$T0") s)"

T1=$(date +%s.%N)
# Cached: seconds. Otherwise the compile goes on in the background (its own lock and log); the e2e harness waits
# for it when a test needs the binaries, and the images below do not.
KUBE_DIR="$(e2e/scripts/install-kube.sh --background | tail -n1)"
log "Kubernetes binaries in $KUBE_DIR, or being built there ($(elapsed "$T1") s)"

T2=$(date +%s.%N)
BASE="$(e2e/real/base-image.sh | tail -n1)"
PAUSE="$(e2e/real/pause-image.sh | tail -n1)"
log "base images ready ($(elapsed "$T2") s)"
T3=$(date +%s.%N)
APP_OUT="$(e2e/real/app-images.sh "$BASE")"   # a failure here stops prepare.sh (set -e); a process substitution would hide it
mapfile -t APP < <(tail -n2 <<<"$APP_OUT")
log "application images ready ($(elapsed "$T3") s)"

log "prepared in $(elapsed "$T0") s:"
printf '  %s\n' "$KUBE_DIR" "$BASE" "$PAUSE" "${APP[@]}" >&2
