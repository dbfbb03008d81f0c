"""Writes .xlsx workbooks from their XML parts with Python's zipfile only (no
openpyxl): the parts Excel itself writes, so the files test gapscore's reader
against SpreadsheetML as specified (ECMA-376 Part 1, 18.3 sheets, 18.4 shared
strings, 18.8 styles), not against gapscore's own writer.

A cell is None (no <c> element), or a tuple:
  ("s", text)        shared string (added to the table)
  ("inline", text)   inline string (t="inlineStr")
  ("b", True/False)  boolean
  ("n", "45678", s)  number as written, with style index s (1 = a date style)
  ("e", "#N/A")      error value
"""
import zipfile
from xml.sax.saxutils import escape

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
FIXED_TIME = (2025, 1, 6, 9, 0, 0)  # the same bytes on every run


def column_letters(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, strings):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', f"<worksheet {NS} {REL_NS}><sheetData>"]
    for r, row in enumerate(rows, start=1):
        if row is None:
            continue  # Excel writes no <row> for an empty row
        cells = []
        for c, cell in enumerate(row):
            if cell is None:
                continue
            ref = f"{column_letters(c)}{r}"
            kind, value = cell[0], cell[1]
            if kind == "s":
                if value not in strings:
                    strings[value] = len(strings)
                cells.append(f'<c r="{ref}" t="s"><v>{strings[value]}</v></c>')
            elif kind == "inline":
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
            elif kind == "b":
                cells.append(f'<c r="{ref}" t="b"><v>{1 if value else 0}</v></c>')
            elif kind == "n":
                style = f' s="{cell[2]}"' if len(cell) > 2 else ""
                cells.append(f'<c r="{ref}"{style}><v>{value}</v></c>')
            elif kind == "e":
                cells.append(f'<c r="{ref}" t="e"><v>{escape(value)}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


def shared_strings_xml(strings):
    items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<sst {NS} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          f'<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
          '<xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>')


def workbook_parts(sheets, date1904=False):
    """sheets: [(name, rows)] -> {part name: text}, in the order Excel writes them."""
    strings = {}
    sheet_parts = [sheet_xml(rows, strings) for _, rows in sheets]
    wb_sheets = "".join(f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                        for i, (name, _) in enumerate(sheets))
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
    n = len(sheets)
    rels += (f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             f'relationships/sharedStrings" Target="sharedStrings.xml"/>'
             f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             f'relationships/styles" Target="styles.xml"/>')
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(n))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        f'spreadsheetml.sheet.main+xml"/>{overrides}</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {NS} {REL_NS}>{pr}'
        f"<sheets>{wb_sheets}</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
    }
    for i, text in enumerate(sheet_parts):
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = text
    parts["xl/sharedStrings.xml"] = shared_strings_xml(list(strings))
    parts["xl/styles.xml"] = STYLES
    return parts


def zip_bytes(parts, method=zipfile.ZIP_DEFLATED):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = method
            info.create_system = 0
            z.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)
    return buf.getvalue()


def excel_serial(iso_date):
    """Days since 1899-12-30 (the 1900 system from March 1900 on)."""
    import datetime
    return (datetime.date.fromisoformat(iso_date) - datetime.date(1899, 12, 30)).days
