#!/usr/bin/env python3
"""Writes the Excel workbooks of the real-inputs fixtures (run: python3 make_workbooks.py).

people_roster.xlsx holds web-demo/sample/people.csv the way Excel stores it: the
header as inline strings, text as shared strings, ai_trained as booleans,
hire_date as date-styled serial numbers, empty manager_id cells absent, and a
second sheet "Notes". Read as its first sheet it must give exactly the CSV
(people_roster.expected.csv, the sample's bytes), so a report from it equals the
report from the CSV. people_notes_first.xlsx has "Notes" first: its roster
needs the sheet named.
"""
import csv
import os
import shutil

from xlsx_writer import excel_serial, workbook_parts, zip_bytes

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "..", "web-demo", "sample", "people.csv")


def roster_rows():
    with open(SAMPLE, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    header, body = table[0], table[1:]
    rows = [[("inline", h) for h in header]]
    for r in body:
        row = []
        for name, value in zip(header, r):
            if value == "":
                row.append(None)
            elif name == "ai_trained":
                row.append(("b", value == "true"))
            elif name == "hire_date":
                # Every other date with the custom yyyy-mm-dd format, the rest with built-in 14.
                row.append(("n", str(excel_serial(value)), 1 + len(rows) % 2))
            else:
                row.append(("s", value))
        rows.append(row)
    # Empty rows at the end, as a sheet with formatting below its data has.
    rows += [None, [None, None]]
    return rows


NOTES = [[("inline", "This workbook's roster is on the sheet Roster.")], [("n", "42")]]


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


write("people_roster.xlsx", zip_bytes(workbook_parts([("Roster", roster_rows()), ("Notes", NOTES)])))
write("people_notes_first.xlsx", zip_bytes(workbook_parts([("Notes", NOTES), ("Roster", roster_rows())])))
shutil.copyfile(SAMPLE, os.path.join(HERE, "people_roster.expected.csv"))
