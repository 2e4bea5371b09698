#!/usr/bin/env bash
# Renders a chart like `helm template` without the helm binary: Go text/template + sprig v3 from
# Debian's packages (apt-get install golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v3-dev).
# Usage: charts/render.sh charts/dolphincluster-operator [-namespace NS] [-f values.yaml ...] > out.yaml
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
chart="$1"; shift
system=/usr/share/gocode
# Debian installs module paths ending in /v3 without that suffix; GOPATH mode needs a directory per
# import path, so a throwaway GOPATH links the /v3 paths to them.
gopath="$(mktemp -d)"
trap 'rm -rf "$gopath"' EXIT
for pkg in github.com/Masterminds/sprig github.com/Masterminds/semver; do
  mkdir -p "$gopath/src/$pkg"
  ln -s "$system/src/$pkg" "$gopath/src/$pkg/v3"
done
GO111MODULE=off GOPATH="$gopath:$system" GOFLAGS= go run "$here/render/main.go" -chart "$chart" "$@"
