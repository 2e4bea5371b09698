#!/usr/bin/env bash
# Builds the runtime image (dolphincluster/dolphin:0.1.0, the operator's default spec.image) and the operator
# image (dolphincluster/operator:0.1.0, as manifests/20-operator.yaml names it) with Jib as tarballs (no
# container engine needed to build), then loads both into a kind cluster. The names come from the root pom
# (images.*), which ImageNamesTest keeps equal to the operator's default and the manifests.
#   e2e/kind/images.sh [cluster-name]        # default dolphin-e2e; creates the cluster if it does not exist
# Offline builds: pass the base image as a tar, e.g. RUNTIME_BASE=tar:///path/temurin-17-jre.tar.
# Requires: JDK 17, Maven, kind, and a container engine for kind itself. Cannot run on machines without one.
set -euo pipefail
cd "$(dirname "$0")/../.."
cluster="${1:-dolphin-e2e}"
runtime_base="${RUNTIME_BASE:-eclipse-temurin:17-jre}"
operator_base="${OPERATOR_BASE:-eclipse-temurin:17-jre}"
jib=com.google.cloud.tools:jib-maven-plugin:3.5.1:buildTar

# Modules other than runtime/server and operator set jib.skip=true (root pom), so -am builds what they need
# from the reactor without installing anything into ~/.m2.
mvn -B -pl runtime/server -am package -DskipTests "$jib" -Druntime.base.image="$runtime_base"
mvn -B -pl operator -am package -DskipTests "$jib" -Doperator.base.image="$operator_base"

if ! kind get clusters | grep -qx "$cluster"; then
  kind create cluster --name "$cluster" --config e2e/kind/kind-config.yaml
fi
kind load image-archive runtime/server/target/jib-image.tar --name "$cluster"
kind load image-archive operator/target/jib-image.tar --name "$cluster"
echo "images loaded into kind cluster $cluster; kubeconfig: kind get kubeconfig --name $cluster"
