# shellcheck shell=bash
# The MESH test kit: the public MESH API's sandbox (`mesh-sandbox`) and the reference client
# (`mesh-client`, which plays the trust) in a venv, and a test CA made with openssl. Source this
# file, then:
#
#   meshkit_prepare DIR     # venv (cached in .build/mesh-venv), CA, server and client certificates
#                           # in DIR; exports REFERRALD_TEST_MESHKIT=DIR
#
# DIR then holds:
#   ca.pem ca.key           the test CA (the client's ca_certificate)
#   server.pem server.key   the sandbox's certificate for 127.0.0.1 / localhost, signed by the CA
#   client.pem client.key   the council mailbox's client certificate, signed by the CA (20 days)
#   rogue-ca.pem            another CA, which the sandbox's certificate does not verify against
#   serve                   `serve PORT STORE_DIR SHARED_KEY_FILE`: runs the sandbox in the
#                           foreground on 127.0.0.1:PORT, TLS, client certificates required
#   trust                   `trust ARGS...`: scripts/mesh-trust.py (mesh-client) in the venv
# Nothing listens anywhere but 127.0.0.1. The sandbox's mailboxes and workflows are its canned
# ones (X26ABC1 sends TEST_WORKFLOW to X26ABC2), each with the password "password".

MESHKIT_PACKAGES=(mesh-sandbox==1.0.137 mesh-client==5.0.2 uvicorn==0.54.0)

meshkit_log() { printf '==> %s\n' "$*" >&2; }

# Creates (or reuses) the venv with the pinned packages; prints its directory.
meshkit_venv() {
    local root=$1
    local venv=${REFERRALD_MESH_VENV:-$root/.build/mesh-venv}
    local stamp="$venv/.referrald-packages"
    if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "${MESHKIT_PACKAGES[*]}" ]]; then
        printf '%s\n' "$venv"; return 0
    fi
    meshkit_log "mesh: venv with ${MESHKIT_PACKAGES[*]}"
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check "${MESHKIT_PACKAGES[@]}" >&2
    printf '%s\n' "${MESHKIT_PACKAGES[*]}" > "$stamp"
    printf '%s\n' "$venv"
}

_meshkit_cert() { # DIR NAME CN EXT CA [DAYS]
    local dir=$1 name=$2 cn=$3 ext=$4 ca=$5 days=${6:-30}
    openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$cn" \
        -keyout "$dir/$name.key" -out "$dir/$name.csr" 2>/dev/null
    printf '%s\n' "$ext" > "$dir/$name.ext"
    openssl x509 -req -in "$dir/$name.csr" -CA "$dir/$ca.pem" -CAkey "$dir/$ca.key" \
        -CAcreateserial -days "$days" -sha256 -extfile "$dir/$name.ext" -out "$dir/$name.pem" 2>/dev/null
    rm -f "$dir/$name.csr" "$dir/$name.ext"
    chmod 600 "$dir/$name.key"
}

meshkit_prepare() {
    local dir=$1 root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
    command -v openssl >/dev/null 2>&1 || { meshkit_log "mesh: openssl is missing"; return 1; }
    local venv
    venv=$(meshkit_venv "$root")
    mkdir -p "$dir"
    local ca
    for ca in ca rogue-ca; do
        openssl req -x509 -newkey rsa:2048 -nodes -days 30 -sha256 -subj "/CN=referrald test $ca" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -keyout "$dir/$ca.key" -out "$dir/$ca.pem" 2>/dev/null
    done
    _meshkit_cert "$dir" server localhost \
        "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth" ca
    # 20 days: within the 30 days that earn the daily "expires soon" warning (tested).
    _meshkit_cert "$dir" client X26ABC2 "extendedKeyUsage=clientAuth" ca 20
    _meshkit_cert "$dir" trust X26ABC1 "extendedKeyUsage=clientAuth" ca
    cat > "$dir/serve" <<EOF
#!/usr/bin/env bash
# serve PORT STORE_DIR SHARED_KEY_FILE: the MESH sandbox on 127.0.0.1:PORT (mutual TLS).
set -euo pipefail
mkdir -p "\$2"
export PYTHONWARNINGS=ignore AUTH_MODE=full STORE_MODE=file MAILBOXES_DATA_DIR="\$2" ENV=local
SHARED_KEY=\$(cat "\$3"); export SHARED_KEY
exec "$venv/bin/python" -m uvicorn mesh_sandbox.api:app --host 127.0.0.1 --port "\$1" \\
    --ssl-certfile "$dir/server.pem" --ssl-keyfile "$dir/server.key" \\
    --ssl-ca-certs "$dir/ca.pem" --ssl-cert-reqs 2 --log-level warning --no-access-log
EOF
    cat > "$dir/trust" <<EOF
#!/usr/bin/env bash
exec "$venv/bin/python" "$root/scripts/mesh-trust.py" --kit "$dir" "\$@"
EOF
    chmod 755 "$dir/serve" "$dir/trust"
    export REFERRALD_TEST_MESHKIT=$dir
}
