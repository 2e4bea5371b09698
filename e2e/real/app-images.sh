#!/usr/bin/env bash
# Builds the runtime and operator images offline with Jib (`jib:buildTar`) on the Debian JRE 17 base of
# e2e/real/base-image.sh, under the names the manifests and the operator use:
#   - the runtime: the root pom's `images.runtime` (`images.prefix`/dolphin:`images.tag`), checked against the operator's default
#     `spec.image` (operator/.../model/Defaults.java IMAGE): dolphincluster/dolphin:0.1.0;
#   - the operator: the image of manifests/20-operator.yaml: dolphincluster/operator:0.1.0.
# Output (build output, never committed): runtime/server/target/jib-image.tar, operator/target/jib-image.tar,
# docker-archives for `ctr -n k8s.io images import`.
#
#   e2e/real/app-images.sh [BASE_TAR]     # prints the two tarballs on its last two lines
#
# Maven runs under /tmp/dolphin-heavy.lock, offline-friendly (-o when MAVEN_OFFLINE=1). Each image takes
# well under a minute once the modules are compiled (figures in docs/e2e.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

BASE="${1:-$(e2e/real/base-image.sh | tail -n1)}"
[[ -s "$BASE" ]] || die "no base image at $BASE"

# The runtime image name: the root pom's images.runtime, ${images.prefix}/dolphin:${images.tag}.
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n1; }
RUNTIME_IMAGE="$(pom_property images.prefix)/dolphin:$(pom_property images.tag)"
[[ "$(pom_property images.runtime)" == '${images.prefix}/dolphin:${images.tag}' ]] \
  || die "the root pom's images.runtime is no longer \${images.prefix}/dolphin:\${images.tag}: update this script"
DEFAULT_IMAGE="$(sed -n 's/.*String IMAGE = "\([^"]*\)".*/\1/p' operator/src/main/java/io/dolphincluster/operator/model/Defaults.java)"
OPERATOR_IMAGE="$(awk '$1 == "image:" {print $2; exit}' manifests/20-operator.yaml)"
[[ -n "$RUNTIME_IMAGE" && -n "$OPERATOR_IMAGE" ]] || die "cannot read the image names from the pom and manifests"
[[ "$RUNTIME_IMAGE" == "$DEFAULT_IMAGE" ]] \
  || die "the root pom builds $RUNTIME_IMAGE but the operator's default spec.image is $DEFAULT_IMAGE"

MVN=(mvn -B -q -Dstyle.color=never ${MAVEN_OFFLINE:+-o})
JIB=com.google.cloud.tools:jib-maven-plugin:buildTar   # version from the root pom's pluginManagement

T0=$(date +%s.%N)
log "runtime image $RUNTIME_IMAGE on tar://$BASE"
heavy "${MVN[@]}" -pl runtime/server -am package -DskipTests "$JIB" -Druntime.base.image="tar://$BASE" >&2
T1=$(date +%s.%N)
log "operator image $OPERATOR_IMAGE on tar://$BASE"
heavy "${MVN[@]}" -pl operator -am package -DskipTests "$JIB" -Doperator.base.image="tar://$BASE" \
  -Djib.to.image="$OPERATOR_IMAGE" >&2
log "images built: runtime $(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.0f", b-a}') s, operator $(elapsed "$T1") s"
echo "$REPO_ROOT/runtime/server/target/jib-image.tar"
echo "$REPO_ROOT/operator/target/jib-image.tar"
