#!/bin/sh
# Stand-in for the official rabbitmq image's entrypoint (that image cannot be pulled here).
# "docker run IMAGE -foo" => "rabbitmq-server -foo"; RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS
# and RABBITMQ_DEFAULT_VHOST (defaults guest, guest and /) create the broker's first user and
# virtual host on the first start, as in the official image (the server reads them from the
# generated advanced.config, byte for byte: any character, non-ASCII included); drop root to user
# rabbitmq.
set -e
if [ "${1#-}" != "$1" ]; then set -- rabbitmq-server "$@"; fi

if [ "$1" = rabbitmq-server ] && [ "$(id -u)" = 0 ]; then
  mkdir -p /var/lib/rabbitmq /var/log/rabbitmq /etc/rabbitmq
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /var/log/rabbitmq
  # An Erlang binary of the value's bytes, <<103,117,...>>: no quoting, and UTF-8 stays as it is
  # (a string literal would be decoded by the file's encoding).
  erl_bin() { printf '<<%s>>' "$(printf '%s' "$1" | od -An -tu1 -v | tr -s ' \n' ',,' | sed 's/^,//; s/,$//')"; }
  if [ ! -e /etc/rabbitmq/advanced.config ] || [ -e /etc/rabbitmq/.generated-advanced ]; then
    printf '[{rabbit, [{default_user, %s}, {default_pass, %s}, {default_vhost, %s}]}].\n' \
      "$(erl_bin "${RABBITMQ_DEFAULT_USER:-guest}")" "$(erl_bin "${RABBITMQ_DEFAULT_PASS:-guest}")" \
      "$(erl_bin "${RABBITMQ_DEFAULT_VHOST:-/}")" >/etc/rabbitmq/advanced.config
    : >/etc/rabbitmq/.generated-advanced
  fi
  # The server would read these itself, decoding a non-ASCII value as Latin-1: the config has them.
  unset RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS RABBITMQ_DEFAULT_VHOST
  # Absolute path: busybox sh would otherwise run its own, more limited, setpriv applet.
  exec /usr/bin/setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
fi
exec "$@"
