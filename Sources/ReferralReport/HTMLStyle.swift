/// The report card's inline style sheet: A4 print, system fonts only, no `url()` or imports.
enum HTMLStyle {
    static let css = """
    @page { size: A4; margin: 14mm 12mm; }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #231f20; margin: 0 auto; max-width: 190mm; padding: 6mm 0; }
    header { border-bottom: 3px solid #005eb8; margin-bottom: 4mm; }
    h1 { font-size: 18pt; margin: 0; color: #005eb8; }
    h2 { font-size: 12.5pt; margin: 6mm 0 2mm; color: #003087; break-after: avoid; page-break-after: avoid; }
    h3 { font-size: 11pt; margin: 0 0 1mm; }
    .month { font-size: 14pt; font-weight: bold; margin: 1mm 0; }
    .lede, .explain { color: #425563; margin: 1mm 0 3mm; }
    .badge { font-size: 9pt; font-weight: normal; background: #fff3cd; border: 1px solid #ed8b00; padding: 0 4px; border-radius: 3px; }
    table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; break-inside: avoid; page-break-inside: avoid; }
    th, td { border-bottom: 1px solid #d8dde0; padding: 3px 5px; text-align: right; vertical-align: top; }
    th { background: #e8edee; font-weight: bold; font-size: 9pt; }
    th:first-child, td:first-child, td.text, th.text { text-align: left; }
    tr.total td { font-weight: bold; border-top: 2px solid #425563; }
    td ol { margin: 0; padding-left: 5mm; font-size: 8.5pt; }
    tr.total td ol { font-weight: normal; }
    .status { display: inline-block; font-size: 8.5pt; font-weight: bold; padding: 1px 5px; border-radius: 3px; background: #e8edee; color: #231f20; }
    .status.spike, .status.sustained_rise { background: #ed8b00; color: #fff; }
    .status.below_lower_limit { background: #41b6e6; color: #231f20; }
    .status.insufficient_history { background: #fff; border: 1px solid #aeb7bd; font-weight: normal; }
    .charts { break-before: page; page-break-before: always; }
    figure.chart { margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
    svg.xmr { width: 100%; height: auto; display: block; font-family: Arial, Helvetica, sans-serif; font-size: 10px; }
    svg.xmr text { fill: #425563; }
    svg.xmr .empty { font-size: 14px; fill: #768692; }
    figcaption { font-size: 10pt; margin-top: 1mm; }
    .notes { break-before: auto; }
    .notes li { margin-bottom: 1mm; color: #425563; }

    """
}
