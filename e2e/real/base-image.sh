#!/usr/bin/env bash
# Builds the JRE 17 base image of the real-node tier from Debian packages only (no registry is reachable):
# debootstrap --variant=minbase bookworm + openjdk-17-jre-headless, packed as an OCI image with umoci and
# exported with skopeo as a docker-archive, which Jib takes as a base (`-Druntime.base.image=tar://FILE`).
#
#   e2e/real/base-image.sh            # prints the path of the docker-archive on its last line
#
# Cached under ~/.cache/dolphincluster/images/ (DOLPHIN_CACHE overrides the root), keyed by what it is built
# from: the Debian release, the openjdk-17-jre-headless version apt would install, and this script's text.
# A run that finds the file prints it at once. Fresh: about 2 minutes (debootstrap ~75 s, JRE ~35 s, packing
# ~15 s). Needs root and the machine's Debian mirror; installs debootstrap, umoci and skopeo if missing.
# debootstrap runs under /tmp/dolphin-heavy.lock.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SUITE=bookworm
IMAGE_NAME=localhost/dolphin-jre17

apt_install_missing debootstrap umoci skopeo
JRE_VERSION="$(candidate_version openjdk-17-jre-headless)"
[[ -n "$JRE_VERSION" && "$JRE_VERSION" != "(none)" ]] || die "apt knows no openjdk-17-jre-headless (apt-get update?)"
RECIPE="$(sha256sum "$0" | cut -c1-10)"
TAG="${JRE_VERSION//[^A-Za-z0-9_.-]/_}"
OUT="$IMAGE_CACHE/jre17-$SUITE-$TAG-$RECIPE.tar"
if [[ -s "$OUT" ]]; then
  log "cached: $OUT"
  echo "$OUT"
  exit 0
fi

mkdir -p "$IMAGE_CACHE"
exec 8>"$OUT.lock"
flock 8
if [[ -s "$OUT" ]]; then echo "$OUT"; exit 0; fi

# The mirror the machine itself uses (first URI of its deb822 sources), for debootstrap and inside the image.
MIRROR="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dolphin-base-image.XXXXXX")"
ROOTFS="$WORK/rootfs"
cleanup() {
  mountpoint -q "$ROOTFS/proc" 2>/dev/null && umount "$ROOTFS/proc"
  rm -rf "$WORK"
}
trap cleanup EXIT
T0=$(date +%s.%N)

log "debootstrap --variant=minbase $SUITE from $MIRROR"
heavy debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -n 30 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
T1=$(date +%s.%N)

# The same suites as the machine (updates and security included), so the JRE is the version apt offers here.
if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
  rm -f "$ROOTFS/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/debian.sources "$ROOTFS/etc/apt/sources.list.d/debian.sources"
fi
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
mount -t proc proc "$ROOTFS/proc"   # the JRE's postinst (ca-certificates-java) runs java, which needs /proc
log "installing openjdk-17-jre-headless $JRE_VERSION in the rootfs"
heavy chroot "$ROOTFS" /bin/sh -c 'export DEBIAN_FRONTEND=noninteractive;
  apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null' \
  >"$WORK/jre.log" 2>&1 || { tail -n 30 "$WORK/jre.log" >&2; die "installing the JRE failed"; }
INSTALLED="$(chroot "$ROOTFS" dpkg-query -W -f='${Version}' openjdk-17-jre-headless)"
[[ "$INSTALLED" == "$JRE_VERSION" ]] || log "warning: installed $INSTALLED, apt here offers $JRE_VERSION"
umount "$ROOTFS/proc"
chroot "$ROOTFS" apt-get clean
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/log/* \
  "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/*
: >"$ROOTFS/etc/resolv.conf"    # the container runtime provides the pod's own
echo dolphin-jre17 >"$ROOTFS/etc/hostname"
T2=$(date +%s.%N)

JAVA_HOME="$(dirname "$(dirname "$(chroot "$ROOTFS" readlink -f /usr/bin/java)")")"
log "packing the image with umoci (JAVA_HOME=$JAVA_HOME)"
OCI="$WORK/oci"
umoci init --layout "$OCI"
umoci new --image "$OCI:jre17"
umoci unpack --image "$OCI:jre17" "$WORK/bundle" >/dev/null
rm -rf "$WORK/bundle/rootfs"
mv "$ROOTFS" "$WORK/bundle/rootfs"
umoci repack --image "$OCI:jre17" "$WORK/bundle"
umoci config --image "$OCI:jre17" \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env "JAVA_HOME=$JAVA_HOME" \
  --config.env LANG=C.UTF-8 \
  --config.cmd java --config.cmd -version \
  --author "dolphincluster e2e/real/base-image.sh" \
  --history.created_by "debootstrap --variant=minbase $SUITE + openjdk-17-jre-headless $INSTALLED"
skopeo --insecure-policy copy -q "oci:$OCI:jre17" "docker-archive:$OUT.tmp:$IMAGE_NAME:$TAG" >&2
mv "$OUT.tmp" "$OUT"
log "built $OUT ($(du -h "$OUT" | cut -f1)): debootstrap $(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.0f", b-a}') s, JRE $(awk -v a="$T1" -v b="$T2" 'BEGIN{printf "%.0f", b-a}') s, packing $(elapsed "$T2") s, total $(elapsed "$T0") s"
# Older builds (another JRE version or recipe) stay in the cache until deleted by hand.
echo "$OUT"
