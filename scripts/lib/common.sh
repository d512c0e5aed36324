# shellcheck shell=bash
# Helpers shared by scripts/engine, scripts/images and scripts/engine-cleanup.
# Sourced, not executed: the callers set `set -euo pipefail` themselves.

# Debian packages the local test images are made from (scripts/images copies their binaries
# into FROM-scratch images, since no registry can be reached to pull the official ones).
# shellcheck disable=SC2034  # used by the scripts that source this file
IMAGE_HOST_PACKAGES=(busybox-static postgresql-15 postgresql-client-15 redis-server redis-tools mariadb-server-core mariadb-client-core rabbitmq-server util-linux)

SCRIPT_NAME=${SCRIPT_NAME:-$(basename "$0")}

# Progress goes to stderr so that stdout carries only each script's result line(s).
log() { printf '[%s] %s\n' "$SCRIPT_NAME" "$*" >&2; }
die() { printf '[%s] %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }

# Milliseconds since the epoch, and a millisecond count as seconds ("1.23"), without bc.
now_ms() { date +%s%3N; }
secs() { printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10)); }

is_debian_root() { [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

# True when an engine answers. The timeout guards against a socket that accepts but hangs.
docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

# Install the given Debian packages that are not installed yet (a no-op when all are there).
apt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_debian_root || die "missing Debian packages: ${missing[*]} (install them, or run this as root on Debian 12)"
  log "apt-get install ${missing[*]}"
  # Subshell: the EXIT trap that removes a temporary policy-rc.d stays local to the install.
  (
    # policy-rc.d exiting 101 keeps the packages' maintainer scripts from starting daemons
    # (dockerd, postgresql, redis) on this machine; we start only dockerd, ourselves.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # (debconf's "delaying package configuration" notice is noise on a machine without apt-utils)
    apt-get install -y -qq --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      "${missing[@]}" >/dev/null 2> >(grep -v '^debconf: delaying package configuration' >&2)
  ) || die "apt-get install ${missing[*]} failed"
}
