#!/bin/sh
# Stand-in for the official mariadb image's docker-entrypoint.sh (that image cannot be pulled
# here). Honours, MARIADB_* before MYSQL_* as the official image does: MARIADB_ROOT_PASSWORD,
# MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, MARIADB_RANDOM_ROOT_PASSWORD (one of them is required),
# MARIADB_ROOT_HOST (default %), MARIADB_DATABASE, MARIADB_USER with MARIADB_PASSWORD, their
# *_FILE variants, and runs /docker-entrypoint-initdb.d/*.sql on first start. The first start
# initialises under a temporary server without networking, so the TCP port opens only when the
# real server accepts logins.
set -e

log() { echo "$(date '+%Y-%m-%d %H:%M:%S') 0 [$1] [Entrypoint]: $2"; }

# VAR, or its MYSQL_ twin, or VAR_FILE's contents (the official image's file_env and its aliases).
env_of() { # env_of NAME MYSQL_NAME DEFAULT
  eval "_v=\${$1:-} _f=\${$1_FILE:-} _m=\${$2:-} _mf=\${$2_FILE:-}"
  if [ -n "$_v" ] && [ -n "$_f" ]; then log ERROR "Both $1 and $1_FILE are set (but are exclusive)" >&2; exit 1; fi
  if [ -z "$_v" ] && [ -n "$_f" ]; then _v=$(cat "$_f"); fi
  if [ -z "$_v" ] && [ -n "$_mf" ]; then _v=$(cat "$_mf"); fi
  if [ -z "$_v" ]; then _v=$_m; fi
  export "$1=${_v:-$3}"
}

if [ "${1#-}" != "$1" ]; then set -- mariadbd "$@"; fi
DATADIR=/var/lib/mysql

if [ "$1" = mariadbd ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$DATADIR" /run/mysqld
  chown -R mysql:mysql "$DATADIR" /run/mysqld
  exec /usr/bin/setpriv --reuid=mysql --regid=mysql --init-groups "$0" "$@"
fi

if [ "$1" = mariadbd ] && [ ! -d "$DATADIR/mysql" ]; then
  env_of MARIADB_ROOT_PASSWORD MYSQL_ROOT_PASSWORD ''
  env_of MARIADB_ALLOW_EMPTY_ROOT_PASSWORD MYSQL_ALLOW_EMPTY_PASSWORD ''
  env_of MARIADB_RANDOM_ROOT_PASSWORD MYSQL_RANDOM_ROOT_PASSWORD ''
  env_of MARIADB_ROOT_HOST MYSQL_ROOT_HOST '%'
  env_of MARIADB_DATABASE MYSQL_DATABASE ''
  env_of MARIADB_USER MYSQL_USER ''
  env_of MARIADB_PASSWORD MYSQL_PASSWORD ''
  if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] && [ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
    log ERROR "Database is uninitialized and password option is not specified
	You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD" >&2
    exit 1
  fi
  if [ "$MARIADB_USER" = root ]; then
    log ERROR "MARIADB_USER=\"root\", MARIADB_USER and MARIADB_PASSWORD are for configuring a regular user and cannot be used for the root user
	Remove MARIADB_USER=\"root\" and use one of the following to control the root user password:
	- MARIADB_ROOT_PASSWORD
	- MARIADB_ALLOW_EMPTY_ROOT_PASSWORD
	- MARIADB_RANDOM_ROOT_PASSWORD" >&2
    exit 1
  fi
  log Note "Initializing database files"
  mariadb-install-db --datadir="$DATADIR" --auth-root-authentication-method=normal --skip-test-db \
    --skip-name-resolve >/dev/null
  log Note "Database files initialized"
  mariadbd --skip-networking --socket=/run/mysqld/mysqld.sock --datadir="$DATADIR" &
  pid=$!
  i=0
  until mariadb --protocol=socket -uroot -S /run/mysqld/mysqld.sock -e 'SELECT 1' >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -ge 300 ]; then log ERROR "Unable to start server." >&2; exit 1; fi
    sleep 0.1
  done
  sq() { printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"; }
  if [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
    MARIADB_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-24)
    log Note "GENERATED ROOT PASSWORD: $MARIADB_ROOT_PASSWORD"
  fi
  rp=$(sq "$MARIADB_ROOT_PASSWORD")
  {
    echo "SET @@SESSION.SQL_LOG_BIN=0;"
    echo "DELETE FROM mysql.global_priv WHERE user NOT IN ('mariadb.sys', 'root') OR host NOT IN ('localhost');"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$rp';"
    if [ "$MARIADB_ROOT_HOST" != localhost ]; then
      echo "CREATE USER 'root'@'$(sq "$MARIADB_ROOT_HOST")' IDENTIFIED BY '$rp';"
      echo "GRANT ALL ON *.* TO 'root'@'$(sq "$MARIADB_ROOT_HOST")' WITH GRANT OPTION;"
    fi
    if [ -n "$MARIADB_DATABASE" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"
    fi
    if [ -n "$MARIADB_USER" ]; then
      echo "CREATE USER '$(sq "$MARIADB_USER")'@'%' IDENTIFIED BY '$(sq "$MARIADB_PASSWORD")';"
      if [ -n "$MARIADB_DATABASE" ]; then echo "GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$(sq "$MARIADB_USER")'@'%';"; fi
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --protocol=socket -uroot -S /run/mysqld/mysqld.sock
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) log Note "/usr/local/bin/docker-entrypoint.sh: running $f"
        mariadb --protocol=socket -uroot -p"$MARIADB_ROOT_PASSWORD" -S /run/mysqld/mysqld.sock ${MARIADB_DATABASE:+"$MARIADB_DATABASE"} <"$f" ;;
      *) [ -e "$f" ] && log Warn "/usr/local/bin/docker-entrypoint.sh: ignoring $f" ;;
    esac
  done
  kill "$pid"
  wait "$pid" || true
  log Note "MariaDB init process done. Ready for start up."
fi

exec "$@"
