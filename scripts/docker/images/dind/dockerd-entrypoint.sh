#!/bin/sh
# As docker:dind's entrypoint: with no arguments (or only flags) run dockerd on its unix socket
# and on TCP. DOCKER_TLS_CERTDIR="" (GitLab's docs' setting for the service) means plain TCP on
# 2375; this image makes no certificates, so a non-empty DOCKER_TLS_CERTDIR is an error that says so.
set -eu
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  if [ -n "${DOCKER_TLS_CERTDIR:-}" ]; then
    echo "dockerd-entrypoint: DOCKER_TLS_CERTDIR=$DOCKER_TLS_CERTDIR asks for TLS, which this image does not" \
      "generate; set DOCKER_TLS_CERTDIR=\"\" (plain tcp://docker:2375)" >&2
    exit 1
  fi
  set -- dockerd --host=unix:///var/run/docker.sock --host=tcp://0.0.0.0:2375 --tls=false "$@"
fi
if [ "$1" = dockerd ]; then
  # what the dind script does before dockerd: security fs, a writable /tmp, no stale pid files
  mount -t securityfs none /sys/kernel/security 2>/dev/null || true
  grep -q " /tmp " /proc/mounts || mount -t tmpfs none /tmp
  rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid
fi
exec "$@"
