#!/usr/bin/env bash
# Builds the runtime and runs a local highly available cluster on this machine, no Kubernetes needed:
# three controllers forming one Raft group (dfsHAMode=Raft), started with the seed's files and flags.
#
#   runtime/scripts/local-cluster.sh            build, start, wait for a leader, stay in the foreground
#   runtime/scripts/local-cluster.sh --no-build  reuse runtime/server/target/dolphin
#
# DOLPHIN_LOCAL_DIR (default ./local-cluster) holds each controller's config/, data/ and log/;
# DOLPHIN_BASE_PORT (default 8900) is the first controller's port; the others follow in steps of 10.
# Ctrl-C (or SIGTERM) stops every process this script started, by pid.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${DOLPHIN_LOCAL_DIR:-$root/local-cluster}
base_port=${DOLPHIN_BASE_PORT:-8900}
controllers=3

if [ "${1:-}" != "--no-build" ]; then
  echo "building (mvn package -DskipTests)..."
  mvn -q -B -f "$root/pom.xml" package -DskipTests
fi
dist="$root/runtime/server/target/dolphin"
[ -x "$dist/bin/dolphin" ] || { echo "no distribution at $dist: run without --no-build" >&2; exit 1; }

port_of() { echo $((base_port + 10 * ($1 - 1))); }

mkdir -p "$dir"
nodes="localSite,mode"
for i in $(seq 1 $controllers); do nodes="$nodes
127.0.0.1:$(port_of "$i"):controller$i,controller"; done

for i in $(seq 1 $controllers); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$(port_of "$i")/api/health" 2>/dev/null; then
    echo "something already serves 127.0.0.1:$(port_of "$i"): is a local cluster running? stop it first" >&2
    exit 1
  fi
done

pids=()
stop_all() {
  # A second Ctrl-C while stopping must not leave controllers behind.
  trap '' INT TERM
  trap - EXIT
  echo "stopping controllers (pids ${pids[*]:-none})"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap stop_all INT TERM EXIT

for i in $(seq 1 $controllers); do
  home="$dir/controller$i"
  mkdir -p "$home/config" "$home/log"
  printf '%s\n' "$nodes" > "$home/config/cluster.nodes"
  cat > "$home/config/controller.cfg" <<CFG
localSite=127.0.0.1:$(port_of "$i"):controller$i
dfsReplicationFactor=2
dfsReplicaReliabilityLevel=1
dfsHAMode=Raft
CFG
  cat > "$home/config/cluster.cfg" <<CFG
maxMemSize=2
workerNum=4
CFG
  (cd "$home" && exec "$dist/bin/dolphin" -console 0 -mode controller -home data -config config/controller.cfg \
      -clusterConfig config/cluster.cfg -logFile log/controller.log -nodesFile config/cluster.nodes \
      > log/stdout.log 2>&1) &
  pids+=($!)
done

deadline=$((SECONDS + 60))
leader=""
until leader=$(curl -fsS "http://127.0.0.1:$(port_of 1)/api/leader" 2>/dev/null); do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "a controller exited; see $dir/controller*/log/" >&2; exit 1; }
  done
  [ $SECONDS -lt $deadline ] || { echo "no leader within 60 s; see $dir/controller*/log/" >&2; exit 1; }
  sleep 0.5
done

echo
echo "Local HA cluster is up: $controllers controllers in one Raft group."
echo "  leader (getActiveMaster): $leader"
for i in $(seq 1 $controllers); do
  echo "  controller$i: http://127.0.0.1:$(port_of "$i")  pid ${pids[$((i - 1))]}  files $dir/controller$i"
done
echo "Try:  curl http://127.0.0.1:$(port_of 1)/api/leader   curl http://127.0.0.1:$(port_of 2)/api/raft"
echo "      kill -9 the leader's pid and ask again: another controller leads within a few seconds."
echo "Ctrl-C stops the cluster."
wait
