# Sourced by the scripts that install Debian packages (bin/test, e2e/scripts/install-kube.sh, e2e/real/lib.sh).

# `apt-get update`, unless one of those scripts ran it less than an hour ago: on a fresh machine bin/test and the
# scripts it calls each install something, and each update takes about 20 s. An update that adds a source (the
# deb-src entry of install-kube.sh) calls apt_update_now.
APT_UPDATED_STAMP=/var/cache/apt/dolphincluster-updated.stamp
apt_update() {
  [[ -n "$(find "$APT_UPDATED_STAMP" -mmin -60 2>/dev/null)" ]] || apt_update_now
}
apt_update_now() {
  apt-get update -qq
  touch "$APT_UPDATED_STAMP"
}
