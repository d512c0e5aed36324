#!/bin/sh
# Listen at once, but let / answer 200 only READY_AFTER_SECS later (404 before that).
mkdir -p /www
rm -f /www/index.html
(sleep "${READY_AFTER_SECS:-2}" && echo ok >/www/.index.tmp && mv /www/.index.tmp /www/index.html) &
# httpd as PID 1 ignores SIGTERM: keep it a child so `docker stop` is prompt.
trap 'kill "$pid" 2>/dev/null; exit 0' TERM INT
httpd -f -p 0.0.0.0:8080 -h /www &
pid=$!
wait "$pid"
