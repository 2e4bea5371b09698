# Shared by the scripts of e2e/real/ (sourced, not run). Each script sets `set -euo pipefail` itself.

DOLPHIN_CACHE="${DOLPHIN_CACHE:-$HOME/.cache/dolphincluster}"
IMAGE_CACHE="$DOLPHIN_CACHE/images"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$REPO_ROOT/e2e/scripts/apt.sh"

log() { echo "[$(basename "$0" .sh)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Installs the Debian packages that are not installed yet, quietly; does nothing (no update) otherwise.
apt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The version apt would install of a package (from the machine's sources), for cache keys.
candidate_version() {
  apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}'
}

# Seconds since $1 (a `date +%s.%N`), with one decimal.
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

# Runs "$@" under the machine's lock for CPU-heavy work (builds are shared on two cores), unless the
# caller already holds it (DOLPHIN_HEAVY_LOCKED=1). Says how long it waited for the lock, if it did.
heavy() {
  if [[ -n "${DOLPHIN_HEAVY_LOCKED:-}" ]]; then "$@"; return; fi
  local t0
  t0=$(date +%s.%N)
  (
    flock 9
    waited=$(elapsed "$t0")
    [[ "$waited" == 0.* ]] || log "waited $waited s for /tmp/dolphin-heavy.lock"
    DOLPHIN_HEAVY_LOCKED=1 "$@"
  ) 9>>/tmp/dolphin-heavy.lock
}
