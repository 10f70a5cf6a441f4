# Sourced by scripts/test: makes the workbooks the equivalence test compares with their CSV
# (WorkbookEquivalenceTests), written by other software: scripts/gen-extract's CSV with planted
# faults, the same rows saved by openpyxl (dates as date cells, NHS numbers as numbers) and by
# LibreOffice Calc (its own CSV import: numbers and ISO dates detected). Installs LibreOffice
# (Debian libreoffice-calc-nogui) and the Python venv (scripts/lib/pyenv.sh) when missing.
# Sets REFERRALD_TEST_WORKBOOKS to the directory.
workbooks_make() {
    local dir=$1 rows=${2:-100000}
    mkdir -p "$dir"
    if ! command -v soffice >/dev/null 2>&1; then
        pgcluster_log "installing libreoffice-calc-nogui (the workbook tests' LibreOffice peer)"
        if [[ -z "${PGCLUSTER_APT_UPDATED:-}" ]]; then
            DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
            PGCLUSTER_APT_UPDATED=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-calc-nogui >/dev/null
    fi
    source "$root/scripts/lib/pyenv.sh"
    pgcluster_log "workbooks: $rows rows as CSV, openpyxl .xlsx and LibreOffice .xlsx in $dir"
    "$root/scripts/gen-extract" --rows "$rows" --faults --seed 15 -o "$dir/extract.csv"
    "$pyenv_python" "$root/scripts/make-workbook" --date-columns referral_date,date_of_birth,expected_date_of_birth \
        --show yyyy-mm-dd --number-columns nhs_number "$dir/extract.csv" "$dir/extract-openpyxl.xlsx" &
    local opx=$!
    soffice --headless "-env:UserInstallation=file://$dir/lo-profile" --convert-to xlsx \
        --infilter=CSV:44,34,76,1 --outdir "$dir/lo" "$dir/extract.csv" >/dev/null 2>&1
    mv "$dir/lo/extract.xlsx" "$dir/extract-libreoffice.xlsx"
    wait "$opx"
    export REFERRALD_TEST_WORKBOOKS="$dir"
}
