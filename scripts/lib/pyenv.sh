# Sourced by scripts that need the Python test peers (openpyxl, msoffcrypto-tool from PyPI):
# makes a venv once under $REFERRALD_PYENV (default /tmp/referrald-pyenv) and sets $pyenv_python.
pyenv_dir=${REFERRALD_PYENV:-/tmp/referrald-pyenv}
pyenv_python="$pyenv_dir/bin/python"
if ! "$pyenv_python" -c 'import openpyxl, msoffcrypto' 2>/dev/null; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
        if [[ -z "${PGCLUSTER_APT_UPDATED:-}" ]]; then
            DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
            PGCLUSTER_APT_UPDATED=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null
    fi
    python3 -m venv "$pyenv_dir"
    "$pyenv_dir/bin/pip" install -q --disable-pip-version-check openpyxl msoffcrypto-tool
fi
