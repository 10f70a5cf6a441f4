#!/usr/bin/env python3
"""Makes the workbook fixtures of WorkbookTests (committed; re-run to regenerate).

Written by other software, as partners' systems would:
  openpyxl-*.xlsx      openpyxl (PyPI), in the venv scripts/lib/pyenv.sh makes
  annex-a.xlsx         openpyxl: an Annex A return with a List 3 sheet (profile annexa)
  libreoffice-*.xlsx   LibreOffice Calc (Debian libreoffice-calc-nogui), soffice --headless --convert-to
  legacy.xls           LibreOffice, --convert-to xls
  spreadsheet.ods      LibreOffice, --convert-to ods
  encrypted.xlsx       msoffcrypto-tool (PyPI) over openpyxl-banner.xlsx, password "secret"
  unseen-export.xlsx   openpyxl: make-unseen-export.py (a separate script; ProfileDraftCommandTests)
Hand-built with Python's zipfile, to pin each rule of extract.md exactly:
  handmade.xlsx, bomb-*.xlsx, dtd.xlsx, binary.xlsb, wide.xlsx, truncated.xlsx, late-error.xlsx

usage: make-fixtures.py [--soffice PATH]   (run from anywhere; writes beside this file)
Fictional people only (NHS numbers in the synthetic 999 range).
"""
import datetime as dt, io, os, shutil, subprocess, sys, tempfile, zipfile

here = os.path.dirname(os.path.abspath(__file__))
soffice = shutil.which("soffice") or "/usr/bin/soffice"
if "--soffice" in sys.argv:
    soffice = sys.argv[sys.argv.index("--soffice") + 1]


def out(name):
    return os.path.join(here, name)


def openpyxl_files():
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb = openpyxl.Workbook()
    lookups = wb.active
    lookups.title = "Lookups"
    lookups.append(["code", "label"])
    lookups.append(["6", "Police"])
    lookups.sheet_state = "hidden"
    ws = wb.create_sheet("Referrals")
    ws.append(["Referrals export", None, None, None, None])      # banner
    ws.append([])                                                    # blank row
    ws.append(["Ref", "Referred", "NHS", "LA id", "DOB", "Surname"])  # header (row 3)
    ws.append(["R1", dt.date(2013, 5, 1), 9434765919, 123, dt.date(2010, 2, 3), "Smith"])
    ws.append(["R2", "01/05/2013", "943 476 5919", 45, dt.date(2011, 12, 31), "Jones"])
    ws.append(["R3", dt.date(2013, 6, 2), 9876543210, None, None, None])
    for row in range(4, 7):
        ws.cell(row=row, column=4).number_format = "00000000"
        ws.cell(row=row, column=5).number_format = "dd/mm/yyyy"
    wb.save(out("openpyxl-banner.xlsx"))

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws.append(["Ref", "Referred"])
    ws.append(["M1", dt.date(2013, 5, 1)])
    ws.append(["M2", dt.date(1904, 1, 2)])
    wb.save(out("openpyxl-1904.xlsx"))

    # An Annex A return: List 3 (referrals) among the other lists, Annex A style codes.
    wb = openpyxl.Workbook()
    wb.active.title = "List 1"
    wb.active.append(["Child Unique ID", "Date of contact"])
    ws = wb.create_sheet("List 3")
    ws.append(["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Disability",
               "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months"])
    ws.append(["00012345", "b) Female", "a) WBRI", dt.date(2008, 3, 4), 5, "b) No", dt.date(2013, 5, 1), "q) 6: Police", "b) No", 1])
    ws.append(["00012346", "a) Male", "n) AOTH", dt.date(2010, 7, 8), 2, "a) Yes", dt.date(2013, 5, 9), "2A", "a) Yes", 2])
    ws.append(["00012347", "c) Unknown", "WBRI - White British", None, None, None, dt.date(2013, 5, 20), "Schools", None, 1])
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=7):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    wb.save(out("annex-a.xlsx"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Formulas"
    ws.append(["Ref", "Total", "Joined"])
    ws.append(["F1", "=2+3", '="R"&"9"'])
    wb.save(os.path.join(tmp, "formulas.xlsx"))


def libreoffice_files():
    csv_path = os.path.join(tmp, "referrals.csv")
    with open(csv_path, "w") as f:
        f.write("Referral export\n\nRef,Referred,NHS,Surname\nL1,2013-05-01,9434765919,Smith\nL2,2013-06-02,9876543210,Jones\n")
    convert("xlsx", csv_path, '--infilter=CSV:44,34,76,1', "libreoffice-csv.xlsx")
    # Formulas get their cached values when LibreOffice recalculates and saves.
    convert("xlsx", os.path.join(tmp, "formulas.xlsx"), None, "libreoffice-formulas.xlsx")
    convert("xls", out("openpyxl-banner.xlsx"), None, "legacy.xls")
    convert("ods", out("openpyxl-banner.xlsx"), None, "spreadsheet.ods")


def convert(kind, source, infilter, name):
    work = tempfile.mkdtemp(dir=tmp)
    cmd = [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile", "--convert-to", kind, "--outdir", work]
    if infilter:
        cmd.append(infilter)
    subprocess.run(cmd + [source], check=True, stdout=subprocess.DEVNULL)
    produced = os.path.join(work, os.path.splitext(os.path.basename(source))[0] + "." + kind)
    shutil.move(produced, out(name))


def encrypted():
    import msoffcrypto.format.ooxml
    with open(out("openpyxl-banner.xlsx"), "rb") as plain, open(out("encrypted.xlsx"), "wb") as sealed:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("secret", sealed)


CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{target}"/></Relationships>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>'
           '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>'
      '<x:sheet name="List 3" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>')
SST = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">'
       '<si><t>Ref</t></si><si><r><t>Ref</t></r><r><t xml:space="preserve">erred </t></r><rPh><t>ignored</t></rPh></si><si><t>A &amp; B &lt;C&gt; &#233;</t></si></sst>')
STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="3"><numFmt numFmtId="164" formatCode="00000000"/><numFmt numFmtId="165" formatCode="[$-809]dd\\ mmmm\\ yyyy;@"/>'
          '<numFmt numFmtId="166" formatCode="[h]:mm:ss"/></numFmts>'
          '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/></cellXfs></styleSheet>')
SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Notes</t></is></c></row>'
         '<row r="3"><c r="A3" t="str"><f>"R"&amp;1</f><v>R1</v></c><c r="B3" s="1"><v>41395</v></c><c r="C3" s="2"><v>123</v></c>'
         '<c r="D3" t="s"><v>2</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c><c r="G3" s="3"><v>60</v></c>'
         '<c r="H3" s="4"><v>1.5</v></c><c r="I3" s="5"><v>0.25</v></c><c r="J3"><v>9434765919</v></c><c r="K3"><v>0.1</v></c>'
         '<c r="L3" t="d"><v>2013-05-01T00:00:00</v></c><c r="M3" s="1"><v>59</v></c><c r="N3" s="1"><v>61</v></c></row>'
         '<row r="4" spans="1:3"><c r="A4" s="1"/><c r="B4" s="2"/></row>'
         '<row><c><v>7</v></c><c t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>'
         '</sheetData><mergeCells count="1"><mergeCell ref="A5:B6"/></mergeCells></worksheet>')


def handmade_zip(name, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(out(name), "w", compression) as z:
        for part, data in parts:
            z.writestr(part, data)


def standard_parts(sheet=SHEET, target="xl/workbook.xml"):
    return [("[Content_Types].xml", CT), ("_rels/.rels", ROOT_RELS.format(target=target)), ("xl/workbook.xml", WB),
            ("xl/_rels/workbook.xml.rels", WB_RELS), ("xl/sharedStrings.xml", SST), ("xl/styles.xml", STYLES),
            ("xl/worksheets/sheet1.xml", sheet)]


def handmade():
    handmade_zip("handmade.xlsx", standard_parts())
    bomb = SHEET.replace("<sheetData>", "<sheetData>" + " " * (64 << 20))
    handmade_zip("bomb-ratio.xlsx", standard_parts(bomb))
    dtd = SHEET.replace('<?xml version="1.0" encoding="UTF-8"?>',
                        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>')
    handmade_zip("dtd.xlsx", standard_parts(dtd))
    handmade_zip("binary.xlsb", [("[Content_Types].xml", CT), ("_rels/.rels", ROOT_RELS.format(target="xl/workbook.bin")),
                                 ("xl/workbook.bin", b"\x83\x01\x00")])
    cells = "".join(f'<c t="inlineStr"><is><t>{i}</t></is></c>' for i in range(16384))
    wide = SHEET.replace("<sheetData>", f'<sheetData><row r="1">{cells}</row>').replace('<row r="1"><c r="A1"', '<row r="2"><c r="A2"')
    wide = wide.replace('r="B1"', 'r="B2"').replace('r="D1"', 'r="D2"')
    handmade_zip("wide.xlsx", standard_parts(wide))
    # A standard extract whose fifth data row breaks the XML: refused after rows were read.
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>L{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>2013-05-01</t></is></c>'
                   f'<c r="C{r}"><v>9434765919</v></c></row>' for r in range(2, 7))
    late = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>partner_ref</t></is></c><c r="B1" t="inlineStr"><is><t>referral_date</t></is></c>'
            '<c r="C1" t="inlineStr"><is><t>nhs_number</t></is></c></row>' + rows +
            '<row r="7"><c r="A7" t="inlineStr"><is><t>L7 &bogus;</t></is></c></row></sheetData></worksheet>')
    handmade_zip("late-error.xlsx", standard_parts(late))
    data = open(out("handmade.xlsx"), "rb").read()
    open(out("truncated.xlsx"), "wb").write(data[: len(data) * 2 // 3])


tmp = tempfile.mkdtemp(prefix="xlsx-fixtures-")
try:
    openpyxl_files()
    handmade()
    encrypted()
    if os.path.exists(soffice):
        libreoffice_files()
    else:
        print(f"make-fixtures: no LibreOffice at {soffice}; its fixtures not remade", file=sys.stderr)
finally:
    shutil.rmtree(tmp, ignore_errors=True)
