#!/usr/bin/env bash
# Runs one benchmark of runtime/server/src/test/java/io/dolphincluster/runtime/bench against real processes:
#   runtime/scripts/bench.sh FailoverBenchmark [kills] [systems] [controller.cfg key=value,...]
#   runtime/scripts/bench.sh ControllerSoak [seconds] [writesPerSecond] [controller.cfg key=value,...]
#   runtime/scripts/bench.sh PrimaryFailoverBenchmark [kills]
#   runtime/scripts/bench.sh MetadataWriteBenchmark [concurrencies] [valueSize] [ops] [rounds] [warmup]
#   runtime/scripts/bench.sh DiskBenchmark [dir] [blockBytes] [totalMiB]
# The metadata benchmark needs etcd (apt-get install -y etcd-server). Figures: docs/benchmarks.md.
# BENCH_JAVA_OPTS adds options to the driver's JVM: -Dbench.timeline=<dir> writes every measured write's start and latency there.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
name=${1:?usage: bench.sh BenchmarkClass [args...]}
shift
# One reactor run: the server's classpath names its sibling modules (protocol, client) without installing them.
# Every module writes the same output file; the server, built last, wins.
mvn -q -B -f "$root/pom.xml" -pl runtime/server -am package -DskipTests dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$root/runtime/server/target/bench.classpath"
cd "$root/runtime/server"
exec java ${BENCH_JAVA_OPTS:-} -Ddolphin.distribution="$root/runtime/server/target/dolphin" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  "io.dolphincluster.runtime.bench.$name" "$@"
