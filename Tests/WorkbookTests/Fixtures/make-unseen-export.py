#!/usr/bin/env python3
"""Makes unseen-export.xlsx (committed; re-run to regenerate): a police force's new records
system's export as openpyxl (PyPI, in the venv scripts/lib/pyenv.sh makes) writes it, for
ProfileDraftCommandTests: no profile or test was written for its layout before the draft.

A hidden code sheet first; the visible sheet "Occurrences" with a title row and a blank row
above the header; header words from onboarding.md's table that no shipped profile uses; dates
as date cells (one typed in as text, dd/mm/yyyy), NHS numbers as number cells, private codes
in three coded columns, a column no header word names.

usage: /tmp/referrald-pyenv/bin/python make-unseen-export.py   (writes beside this file)
Fictional people only (NHS numbers in the synthetic 999 range).
"""
import datetime as dt, os
import openpyxl

here = os.path.dirname(os.path.abspath(__file__))
forenames = ["Siân", "Zoë", "Eoin", "Ada", "Kwame", "Ines", "Tomasz", "Nia"]
surnames = ["Ó Briain", "Kowalski", "Adeyemi", "Hughes", "Okafor", "Patel", "Nowak", "Evans"]


def nhs(n):
    """The n-th synthetic NHS number (999 range) with a valid Modulus 11 check digit."""
    while True:
        digits = [int(c) for c in f"999{n:06d}"]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return int("".join(map(str, digits)) + str(check))
        n += 1


wb = openpyxl.Workbook()
codes = wb.active
codes.title = "Codes"
codes.append(["code", "meaning"])
codes.append(["RO", "Response Officer"])
codes.sheet_state = "hidden"
ws = wb.create_sheet("Occurrences")
ws.append(["Public Protection Notices: export run 07/06/2013"])
ws.append([])
ws.append(["Occurrence Number", "Date Reported", "Child's Given Name", "Child's Family Name", "Birth Date",
           "NHS Number", "Gender", "Ethnic Group", "Referred By", "Home Post Code", "Category of Need",
           "Narrative", "Officer Collar"])
genders = ["Male", "Female", "Not Known"]
ethnicities = ["White - British", "XEU", "Asian - Pakistani", "Black - Caribbean"]
referrers = ["RO", "Police", "NHT", "School"]
needs = ["N1", "N2", "Abuse or neglect", "UNB"]
postcodes = ["LS1 4AP", "LS6 2QE", "BD7 1DP", "HX1 1UJ"]
for i in range(30):
    reported = dt.date(2013, 5, i % 28 + 1)
    row = [f"OCC/{13000 + i}", reported, forenames[i % 8], surnames[(i + 5) % 8], dt.date(2004 + i % 8, i % 12 + 1, i % 27 + 1),
           nhs(100 + i * 7), genders[i % 3], ethnicities[i % 4], referrers[i % 4], postcodes[i % 4], needs[i % 4],
           "Notice submitted; child present", f"PC {4000 + i}"]
    if i == 17:
        row[1] = reported.strftime("%d/%m/%Y")   # typed in as text
    ws.append(row)
for row in ws.iter_rows(min_row=4, min_col=2, max_col=5):
    for cell in row:
        if isinstance(cell.value, dt.date):
            cell.number_format = "dd/mm/yyyy"
wb.save(os.path.join(here, "unseen-export.xlsx"))
