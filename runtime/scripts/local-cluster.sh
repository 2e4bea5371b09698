#!/usr/bin/env bash
# Builds the runtime and runs a local highly available cluster on this machine, no Kubernetes needed.
# Three simulated machines, one loopback address each (127.0.0.1, .2, .3; the whole 127/8 range routes to lo),
# each running what the seed's deployment guide puts on a machine: a controller, an agent and a datanode.
# The controllers form one Raft group (dfsHAMode=Raft); the agents start the datanodes when the leader asks;
# every chunk is kept twice (dfsReplicationFactor=2) on different machines (dfsReplicaReliabilityLevel=1).
#
#   runtime/scripts/local-cluster.sh             build, start, wait until every datanode is ready, stay in the foreground
#   runtime/scripts/local-cluster.sh --no-build  reuse runtime/server/target/dolphin
#
# DOLPHIN_LOCAL_DIR (default ./local-cluster) holds each node's config/, data/ and log/, and cluster.secret: the
# cluster credential every process proves membership with (created once, copied beside each machine's config files).
# The admin user's password is DOLPHIN_ADMIN_PASSWORD, else the seed's 123456; every API call but health and
# readiness needs it (curl -u admin:123456).
# TLS is on (enableHTTPS=true): a CA is created once in $DOLPHIN_LOCAL_DIR/ca with `bin/dolphin certs`, and each machine
# gets a certificate for its address in machineN/config/tls/ (tls.crt, tls.key, ca.crt); clients trust ca/ca.crt
# (curl --cacert). DOLPHIN_TLS=false runs it in plain text.
# Ctrl-C (or SIGTERM) stops every process this script started, by pid.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${DOLPHIN_LOCAL_DIR:-$root/local-cluster}
machines=3
controller_port=8900
agent_port=8901
datanode_port=8911

if [ "${1:-}" != "--no-build" ]; then
  echo "building (mvn package -DskipTests)..."
  mvn -q -B -f "$root/pom.xml" package -DskipTests
fi
dist="$root/runtime/server/target/dolphin"
[ -x "$dist/bin/dolphin" ] || { echo "no distribution at $dist: run without --no-build" >&2; exit 1; }

host_of() { echo "127.0.0.$1"; }

for i in $(seq 1 $machines); do
  for port in $controller_port $agent_port $datanode_port; do
    if (exec 3<>"/dev/tcp/$(host_of "$i")/$port") 2>/dev/null; then
      echo "something already listens on $(host_of "$i"):$port: is a local cluster running? stop it first" >&2
      exit 1
    fi
  done
done

mkdir -p "$dir"
admin_password=${DOLPHIN_ADMIN_PASSWORD:-123456}
tls=${DOLPHIN_TLS:-true}
ca="$dir/ca/ca.crt"
if [ "$tls" = true ]; then scheme=https; curl_tls=(--cacert "$ca"); else scheme=http; curl_tls=(); fi
export DOLPHIN_ADMIN_PASSWORD=$admin_password
if [ ! -s "$dir/cluster.secret" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_' > "$dir/cluster.secret")
fi
nodes="localSite,mode"
sites=""
for i in $(seq 1 $machines); do
  nodes="$nodes
$(host_of "$i"):$controller_port:controller$i,controller"
  sites="$sites,$(host_of "$i"):$controller_port:controller$i:controller"
done
for i in $(seq 1 $machines); do
  nodes="$nodes
$(host_of "$i"):$agent_port:agent$i,agent
$(host_of "$i"):$datanode_port:datanode$i,datanode"
done

pids=()
stop_all() {
  # A second Ctrl-C while stopping must not leave processes behind.
  trap '' INT TERM
  trap - EXIT
  echo "stopping (pids ${pids[*]:-none})"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap stop_all INT TERM EXIT

start_node() {  # home mode config
  local home=$1 mode=$2
  (cd "$home" && exec "$dist/bin/dolphin" -console 0 -mode "$mode" -home data -config "config/$mode.cfg" \
      -clusterConfig config/cluster.cfg -logFile "log/$mode.log" -nodesFile config/cluster.nodes \
      > "log/$mode.stdout" 2>&1) &
  pids+=($!)
}

for i in $(seq 1 $machines); do
  host=$(host_of "$i")
  home="$dir/machine$i"
  mkdir -p "$home/config" "$home/log"
  (umask 077 && cp "$dir/cluster.secret" "$home/config/cluster.secret")
  printf '%s\n' "$nodes" > "$home/config/cluster.nodes"
  if [ "$tls" = true ] && [ ! -s "$home/config/tls/tls.crt" ]; then
    "$dist/bin/dolphin" certs --ca "$dir/ca" --out "$home/config/tls" --host "$host,localhost" > /dev/null
  fi
  cat > "$home/config/controller.cfg" <<CFG
localSite=$host:$controller_port:controller$i
dfsReplicationFactor=2
dfsReplicaReliabilityLevel=1
dfsHAMode=Raft
dfsRecoveryWaitTime=30000
enableHTTPS=$tls
CFG
  cat > "$home/config/agent.cfg" <<CFG
localSite=$host:$agent_port:agent$i
controllerSite=$host:$controller_port:controller$i
sites=$host:$agent_port:agent$i:agent$sites
enableHTTPS=$tls
CFG
  cat > "$home/config/cluster.cfg" <<CFG
maxMemSize=2
workerNum=4
CFG
  start_node "$home" controller
  start_node "$home" agent
done

wait_for() {  # description url
  local deadline=$((SECONDS + 90))
  until curl "${curl_tls[@]}" -fsS -o /dev/null -u "admin:$admin_password" "$2" 2>/dev/null; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "a process exited while waiting for $1; see $dir/machine*/log/" >&2; exit 1; }
    done
    [ $SECONDS -lt $deadline ] || { echo "$1 not ready within 90 s; see $dir/machine*/log/" >&2; exit 1; }
    sleep 0.5
  done
}

wait_for "a controller leader" "$scheme://$(host_of 1):$controller_port/api/ready"
wait_for "the admin user" "$scheme://$(host_of 1):$controller_port/api/admin/login"
for i in $(seq 1 $machines); do
  wait_for "agent$i" "$scheme://$(host_of "$i"):$agent_port/api/health"
done
# Only the leader starts datanodes; a follower redirects (curl --location-trusted follows with the credentials).
for i in $(seq 1 $machines); do
  curl "${curl_tls[@]}" -fsS --location-trusted -u "admin:$admin_password" -X POST \
      "$scheme://$(host_of 1):$controller_port/api/datanodes/datanode$i/start" > /dev/null
done
for i in $(seq 1 $machines); do
  wait_for "datanode$i" "$scheme://$(host_of "$i"):$((datanode_port + 1000))/api/ready"
done

leader=$(curl "${curl_tls[@]}" -fsS -u "admin:$admin_password" "$scheme://$(host_of 1):$controller_port/api/leader")
echo
echo "Local HA cluster is up: $machines machines, each with a controller, an agent and a datanode."
echo "  leader (getActiveMaster): $leader"
for i in $(seq 1 $machines); do
  host=$(host_of "$i")
  echo "  machine$i ($host): controller$i :$controller_port  agent$i :$agent_port  datanode$i :$datanode_port   files $dir/machine$i"
done
echo
echo "Cluster page: $scheme://$(host_of 1):$controller_port/ (any controller; log in as admin / $admin_password; actions on the leader's page)"
if [ "$tls" = true ]; then
  echo "TLS: every port (HTTP, data, Raft) needs TLS; the CA is $ca (trust it in your browser, or accept the warning)"
  echo "API: curl --cacert $ca -u admin:$admin_password https://$(host_of 1):$controller_port/api/leader (every route but health and readiness needs a login)"
  echo "Connect (Java): new DBConnection(ClientOptions.defaults().withTrustedCa(new File(\"$ca\"))).connect(\"$(host_of 1)\", $datanode_port, \"admin\", \"123456\", \"\", true)"
  echo "Load sample data and query it:  $dist/bin/dolphin-client --ca $ca -s $(host_of 1):$datanode_port load-sample"
else
  echo "API: curl -u admin:$admin_password http://$(host_of 1):$controller_port/api/nodes (every route but health and readiness needs a login)"
  echo "Connect (Java): DBConnection.connect(\"$(host_of 1)\", $datanode_port, \"admin\", \"123456\", \"\", true)"
  echo "Load sample data and query it:  $dist/bin/dolphin-client -s $(host_of 1):$datanode_port load-sample"
fi
echo "Then kill -9 a datanode or the leader (pids: ps -ef | grep dolphin) and query again: nothing is lost."
echo "Ctrl-C stops everything."
wait
