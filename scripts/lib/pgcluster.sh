# shellcheck shell=bash
# A private, throw-away PostgreSQL cluster for the test suite. Source this file, then:
#
#   pgcluster_install_prereqs        # as root on Debian/Ubuntu: apt-get libpq-dev postgresql if missing
#   pgcluster_start DIR              # initdb + start in DIR (Unix socket in DIR only), export PG*
#   pgcluster_stop DIR               # fast shutdown; safe to call twice or after a failed start
#
# pgcluster_start exports PGHOST (=DIR, the socket directory), PGPORT, PGUSER (superuser
# referrald_test, trust auth), PGDATABASE (referrald_test), REFERRALD_TEST_PGBIN (the server's
# bin directory), REFERRALD_TEST_PGDATA (the data directory), REFERRALD_TEST_PGLOG (server log)
# and REFERRALD_TEST_PGRUNAS (the OS user the server runs as when we are root, else empty).

PGCLUSTER_SUPERUSER=${PGCLUSTER_SUPERUSER:-referrald_test}
PGCLUSTER_DATABASE=${PGCLUSTER_DATABASE:-referrald_test}
PGCLUSTER_PORT=${PGCLUSTER_PORT:-5432}

pgcluster_log() { printf '==> %s\n' "$*" >&2; }

# Prints the newest /usr/lib/postgresql/*/bin that has initdb, or fails.
pgcluster_bindir() {
    local dir best="" best_version=-1 version
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/initdb" ]] || continue
        version=${dir#/usr/lib/postgresql/}; version=${version%%/*}
        if [[ "$version" =~ ^[0-9]+$ ]] && (( version > best_version )); then
            best_version=$version; best=$dir
        fi
    done
    if [[ -z "$best" ]] && command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        [[ -x "$dir/initdb" ]] && best=$dir
    fi
    [[ -n "$best" ]] || return 1
    printf '%s\n' "$best"
}

# Installs libpq-dev and postgresql with apt-get when missing (root only; apt-get update once).
pgcluster_install_prereqs() {
    local need=()
    command -v pg_config >/dev/null 2>&1 && [[ -e "$(pg_config --includedir)/libpq-fe.h" ]] || need+=(libpq-dev)
    command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
    command -v python3 >/dev/null 2>&1 || need+=(python3)
    [[ -e /usr/include/zlib.h ]] || need+=(zlib1g-dev)
    pgcluster_bindir >/dev/null 2>&1 || need+=(postgresql)
    # the MESH client (libcurl, OpenSSL flavour) and its test kit (a venv, a test CA)
    pkg-config --exists libcurl 2>/dev/null || need+=(libcurl4-openssl-dev)
    command -v openssl >/dev/null 2>&1 || need+=(openssl)
    python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3-venv)
    (( ${#need[@]} == 0 )) && return 0
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        pgcluster_log "missing ${need[*]}: install them (Debian/Ubuntu: apt-get install ${need[*]})"
        return 1
    fi
    pgcluster_log "installing ${need[*]}"
    if [[ -z "${PGCLUSTER_APT_UPDATED:-}" ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q
        PGCLUSTER_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
}

# Runs a command as the cluster's OS user (postgres when we are root), from DIR.
_pgcluster_as_owner() {
    local dir=$1; shift
    if [[ $(id -u) -eq 0 ]]; then
        (cd "$dir" && runuser -u postgres -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

pgcluster_start() {
    local dir=${1:?usage: pgcluster_start DIR}
    local bin data log
    bin=$(pgcluster_bindir) || { pgcluster_log "no PostgreSQL server found (initdb)"; return 1; }
    dir=$(cd "$dir" && pwd -P)
    data=$dir/data
    log=$dir/server.log
    chmod 755 "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || { pgcluster_log "no 'postgres' OS user to run initdb as"; return 1; }
        chown postgres: "$dir"
        export REFERRALD_TEST_PGRUNAS=postgres
    else
        export REFERRALD_TEST_PGRUNAS=
    fi

    pgcluster_log "initdb in $data ($bin)"
    _pgcluster_as_owner "$dir" "$bin/initdb" -D "$data" --auth=trust -U "$PGCLUSTER_SUPERUSER" \
        --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; return 1; }
    cat >>"$data/postgresql.conf" <<CONF

# referrald test cluster: Unix socket in $dir only, durability off.
listen_addresses = ''
unix_socket_directories = '$dir'
port = $PGCLUSTER_PORT
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
CONF

    pgcluster_log "starting PostgreSQL (socket in $dir, log $log)"
    _pgcluster_as_owner "$dir" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null \
        || { cat "$log" >&2 2>/dev/null; return 1; }

    export PGHOST=$dir PGPORT=$PGCLUSTER_PORT PGUSER=$PGCLUSTER_SUPERUSER
    export PGDATABASE=$PGCLUSTER_DATABASE
    export REFERRALD_TEST_PGBIN=$bin REFERRALD_TEST_PGDATA=$data REFERRALD_TEST_PGLOG=$log
    "$bin/pg_isready" -q -t 30 -h "$PGHOST" -p "$PGPORT" -d postgres || { pgcluster_log "server not ready"; return 1; }
    "$bin/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$PGDATABASE"
    pgcluster_log "PostgreSQL ready: PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER PGDATABASE=$PGDATABASE"
}

pgcluster_stop() {
    local dir=${1:?usage: pgcluster_stop DIR}
    local bin data=$dir/data
    [[ -f "$data/postmaster.pid" ]] || return 0
    bin=$(pgcluster_bindir) || return 0
    pgcluster_log "stopping PostgreSQL in $dir"
    _pgcluster_as_owner "$dir" "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}
