#!/bin/sh
# Stand-in for the official redis image's docker-entrypoint.sh (that image cannot be pulled
# here): "docker run IMAGE --foo" => "redis-server --foo"; without a config file, add
# --protected-mode no so other containers can connect (the default bind is already every
# interface); drop root to user redis.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ] && [ "${2%.conf}" = "${2:-}" ]; then
  set -- "$@" --protected-mode no
fi
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . \! -user redis -exec chown redis '{}' + 2>/dev/null || true
  # Absolute path: busybox sh would otherwise run its own, more limited, setpriv applet.
  exec /usr/bin/setpriv --reuid=redis --regid=redis --init-groups "$@"
fi
exec "$@"
