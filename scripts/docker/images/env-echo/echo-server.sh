#!/bin/sh
# Echo every connection on port 7000 back (busybox nc has no -k; -ll keeps listening).
# nc as PID 1 ignores SIGTERM: keep it a child so `docker stop` is prompt.
trap 'kill "$pid" 2>/dev/null; exit 0' TERM INT
nc -ll -p 7000 -e /bin/cat &
pid=$!
wait "$pid"
