#!/usr/bin/env bash
# Starts a local Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) in
# the foreground and prints `export KUBECONFIG=...` for kubectl. Ctrl-C stops every process it started.
#   e2e/scripts/kube-up.sh [--nodes N] [--real-nodes N] [--keep]
# --nodes N registers N simulated Ready nodes (no pod runs on them: there is no kubelet);
# --real-nodes N starts N real nodes (containerd + kubelet each, real containers; as root, after
#   e2e/real/prepare.sh; see docs/e2e.md) with the runtime and operator images imported;
# --keep keeps the plane's directory (logs, etcd data) after it stops.
# Needs the binaries from e2e/scripts/install-kube.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLASSPATH_FILE=e2e/harness/target/kube-up.classpath
mvn -B -q -pl e2e/harness -am compile >&2
mvn -B -q -pl e2e/harness dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$CLASSPATH_FILE" >&2
exec java -Dlogback.configurationFile="$PWD/e2e/harness/src/test/resources/logback-test.xml" \
  -cp "e2e/harness/target/classes:$(cat "$CLASSPATH_FILE")" io.dolphincluster.e2e.harness.cli.KubeUp "$@"
