#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL and Redis on loopback for the store tests, from Debian's packages.
#   eval "$(eng/services.sh start DIR)"   installs what is missing, starts both under DIR, prints the exports
#   eng/services.sh stop DIR              stops both and leaves DIR to the caller
#   eng/services.sh pg-stop|pg-start|redis-stop|redis-start DIR
#                                         stops or restarts one server with its data (the outage tests)
# The exports: TRADINGRL_POSTGRES (an Npgsql connection string), TRADINGRL_REDIS (a StackExchange.Redis one), and
# TRADINGRL_SERVICES and TRADINGRL_SERVICES_DIR (this script and DIR, for the outage tests:
#   "$TRADINGRL_SERVICES" pg-stop "$TRADINGRL_SERVICES_DIR").
# Nothing here listens beyond 127.0.0.1; the data lives only under DIR.
set -euo pipefail
cmd="${1:?start|stop}"
dir="${2:?a directory for the server data}"
pg_port="${TRADINGRL_PG_PORT:-55432}"
redis_port="${TRADINGRL_REDIS_PORT:-56379}"

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && echo "$d"
}

as_pg() {
  # PostgreSQL refuses to run as root: run its tools as the postgres user when we are root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_missing() {
  local need=()
  [ -n "$(pg_bin)" ] || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}" >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -q "${need[@]}" >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q "${need[@]}" >&2; }
    # Debian starts the packaged services on install; ours run on their own ports, so theirs are not needed.
  fi
}

case "$cmd" in
  start)
    install_missing
    mkdir -p "$dir"
    bin=$(pg_bin)
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      runuser -u postgres -- test -w "$dir" || {
        echo "$dir is not reachable by the postgres user (a parent directory is private): use a directory directly under /tmp" >&2
        exit 1
      }
    fi
    as_pg mkdir -p "$dir/pg"
    as_pg "$bin/initdb" -D "$dir/pg" -U tradingrl --auth=trust -E UTF8 >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir -c fsync=on -c max_connections=200" start >&2
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U tradingrl tradingrl >&2
    redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --dir "$dir" \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save "" --appendonly no >&2
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    echo "export TRADINGRL_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=tradingrl;Database=tradingrl'"
    echo "export TRADINGRL_REDIS='127.0.0.1:$redis_port'"
    # The ports too: the outage tests restart a server through this script, which must find it on the same port.
    echo "export TRADINGRL_PG_PORT='$pg_port' TRADINGRL_REDIS_PORT='$redis_port'"
    echo "export TRADINGRL_SERVICES='$(cd "$(dirname "$0")" && pwd)/services.sh'"
    echo "export TRADINGRL_SERVICES_DIR='$(cd "$dir" && pwd)'"
    ;;
  pg-stop)
    as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" -m fast -w stop >&2
    ;;
  pg-start)
    as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir -c fsync=on -c max_connections=200" start >&2
    ;;
  redis-stop)
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 || break; sleep 0.1; done
    ;;
  redis-start)
    redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --dir "$dir" \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save "" --appendonly no >&2
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    ;;
  stop)
    bin=$(pg_bin || true)
    if [ -n "$bin" ] && [ -f "$dir/pg/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir/pg" -m fast stop >&2 || true; fi
    if [ -f "$dir/redis.pid" ]; then redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
    ;;
  *) echo "usage: $0 start|stop|pg-stop|pg-start|redis-stop|redis-start DIR" >&2; exit 2 ;;
esac
