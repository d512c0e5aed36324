#!/bin/sh
# busybox httpd as PID 1 ignores SIGTERM, so `docker stop` would wait 10 s: run it as a child
# and exit on TERM/INT. Explicit 0.0.0.0: busybox would otherwise bind the IPv6 wildcard.
trap 'kill "$pid" 2>/dev/null; exit 0' TERM INT
httpd -f -p "0.0.0.0:${PORT:-8080}" -h /www &
pid=$!
wait "$pid"
