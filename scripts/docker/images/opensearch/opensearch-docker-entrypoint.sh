#!/bin/sh
# Stand-in for the official opensearch image's entrypoint (that image cannot be pulled here).
# "docker run IMAGE [opensearch] -Ekey=value ..." runs the server with those settings; variables
# named like settings (discovery.type=single-node) become -E options too, as in the official image.
# DISABLE_SECURITY_PLUGIN=true (or -Eplugins.security.disabled=true) is required: this image has no
# security plugin, so it cannot serve HTTPS with an admin user as the official one does without it.
# OPENSEARCH_JAVA_OPTS comes after config/jvm.options (-Xmx256m by default). Runs as user opensearch.
set -e
if [ "$1" = opensearch ]; then shift; fi
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then exec "$@"; fi

# one word, single-quoted for eval
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
disabled=${DISABLE_SECURITY_PLUGIN:-}
args=
for a in "$@"; do
  case $a in
    # a setting of the security plugin, which is not here: the server would refuse it
    -Eplugins.security.disabled=*) [ "${a#*=}" = true ] && disabled=true ;;
    *) args="$args $(quote "$a")" ;;
  esac
done
if [ "$disabled" != true ]; then
  echo "opensearch-docker-entrypoint.sh: this image (a ci-services test image) has no security plugin:" \
    "set DISABLE_SECURITY_PLUGIN=true for plain HTTP without a user" >&2
  exit 1
fi
# variables named like settings, lower case with a dot: -Ename=value
names=$(env | sed -n 's/^\([a-z0-9_]*\.[a-z0-9_.]*\)=.*/\1/p')
for n in $names; do
  args="$args $(quote "-E$n=$(printenv "$n")")"
done

opts=$(grep -v '^[[:space:]]*#' "$OPENSEARCH_PATH_CONF/jvm.options" | grep -v '^[[:space:]]*$' | tr '\n' ' ')
home=$OPENSEARCH_HOME
if [ "$(id -u)" = 0 ]; then
  # (the server writes its keystore into config/ on the first start)
  mkdir -p "$home/data" "$home/logs"
  chown -R opensearch:opensearch "$OPENSEARCH_PATH_CONF" "$home/data" "$home/logs"
  # absolute path: busybox sh would otherwise run its own, more limited, setpriv applet
  run="/usr/bin/setpriv --reuid=opensearch --regid=opensearch --init-groups"
else
  run=
fi
# shellcheck disable=SC2086  # the options are words; $args is quoted for eval
eval exec $run "$home/jdk/bin/java" $opts ${OPENSEARCH_JAVA_OPTS:-} -Dopensearch.path.home="$home" \
  -Dopensearch.path.conf="$OPENSEARCH_PATH_CONF" -Dopensearch.distribution.type=docker \
  -Dopensearch.bundled_jdk=true -cp "'$home/lib/*'" org.opensearch.bootstrap.OpenSearch "$args"
