#!/usr/bin/env python3
"""Writes the malformed-input corpus and its manifest (expected outcomes).

Each case is a file plus what gapscore must do with it: fail with a given
diagnostic code (row/column where it applies), or succeed having skipped a
given number of rows with a given code. Run: /usr/bin/python3 make_corpus.py
"""
import json
import os

H = "person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,errors,quality,outcome_value,cycle_time_hours,ai_interactions"
OK1 = "P1,2025-01-06,coding,10,4,7.5,9,0.5,1,0.9,120,30,12"
OK2 = "P2,2025-01-06,coding,8,0,6,6,0,2,0.8,90,40,0"
OK3 = "P3,2025-01-07,review,5,5,3,4.5,1,0,0.95,60,10,9"

cases = []


def case(name, data, expect, table="activity", strict=False, **kw):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(name, mode, **({} if isinstance(data, bytes) else {"newline": "", "encoding": "utf-8"})) as f:
        f.write(data)
    entry = {"file": name, "table": table, "strict": strict, "expect": expect}
    entry.update(kw)
    cases.append(entry)


def rows(*lines, header=H):
    return "\n".join([header, *lines]) + "\n"


# ---- whole-file failures ----
case("empty.csv", "", "error", code="empty_input")
case("only_bom_and_blank_lines.csv", "\ufeff\n\n  \n", "error", code="empty_input")
case("header_only.csv", H + "\n", "error", code="no_rows")
case("utf16le.csv", ("\ufeff" + rows(OK1)).encode("utf-16-le"), "error", code="invalid_utf8", message_has="UTF-16")
# Without the byte-order mark (some exporters leave it out): named as UTF-16 too, not "not a text file".
case("utf16le_no_bom.csv", rows(OK1).encode("utf-16-le"), "error", code="invalid_utf8", message_has="UTF-16")
case("utf16be_no_bom.csv", rows(OK1).encode("utf-16-be"), "error", code="invalid_utf8", message_has="UTF-16")
# UTF-32's byte-order mark starts with UTF-16's: said as UTF-32 (an outside review).
case("utf32le.csv", ("\ufeff" + rows(OK1)).encode("utf-32-le"), "error", code="invalid_utf8", message_has="UTF-32")
# Excel's "CSV" on Windows: not UTF-8, only ASCII before the first bad byte. The
# engine says what it looks like; the CLI (cli_expect) reads it again as Windows-1252.
case("latin1_team.csv", rows(OK1 + ",Z\xfcrich", header=H + ",team").encode("latin-1"), "error", code="looks_windows_1252",
     byte_offset=len(H + ",team\n" + OK1 + ",Z"), cli_expect="ok")
case("windows_1252_last_byte.csv", (H + ",team\n" + OK1 + ",Caf\xe9").encode("latin-1"), "error", code="looks_windows_1252",
     byte_offset=len(H + ",team\n" + OK1 + ",Caf"), cli_expect="ok")
# UTF-8 first, then a byte that is not: a damaged file, not another encoding.
case("utf8_then_latin1.csv", rows(OK1 + ",Z\u00fcrich", header=H + ",team").encode() + (OK2 + ",Z\xfcrich\n").encode("latin-1"),
     "error", code="invalid_utf8", byte_offset=len((H + ",team\n" + OK1 + ",Z\u00fcrich\n" + OK2 + ",Z").encode()))
case("truncated_utf8_at_end.csv", rows(OK1 + ",Z\u00fcrich", header=H + ",team").encode() + b"\xe2\x82", "error", code="invalid_utf8")
case("nul_bytes.csv", rows(OK1).encode() + b"P2,2025-01-06,\x00coding,1,0,1,,,,,,,\n", "error", code="binary_input")
# A zip by its bytes is read as a workbook whatever its name (as the CLI and the npm package do).
case("xlsx_renamed.csv", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "error", code="workbook_invalid")
case("unterminated_quote.csv", rows(OK1, 'P2,2025-01-06,"coding,8,0,6,6,0,2,0.8,90,40,0', OK3), "error", code="unterminated_quote", row=3)
case("huge_field.csv", rows(OK1, "P2,2025-01-06," + "x" * ((1 << 20) + 1) + ",8,0,6,6,0,2,0.8,90,40,0"), "error", code="field_too_large", row=3)
case("missing_person_id_column.csv", rows("1,2025-01-06,coding,10,4,7.5,9,0.5,1,0.9,120,30,12", header=H.replace("person_id", "employee")), "error", code="missing_column")
case("missing_hours_column.csv", "person_id,date,task_type,tasks,ai_tasks,hourz\nP1,2025-01-06,coding,1,0,1\n", "error", code="missing_column", column="hours", value="hourz")
case("duplicate_header.csv", rows(OK1 + ",1", header=H + ",Hours"), "error", code="duplicate_column")
case("too_many_columns.csv", ",".join(["c%d" % i for i in range(1100)]) + "\n", "error", code="too_many_columns")
case("all_rows_bad.csv", rows("P1,not-a-date,coding,1,0,1,,,,,,,", "P2,2025-01-06,coding,x,0,1,,,,,,,"), "error", code="no_valid_rows")
case("json_truncated.json", '[{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},{"person_id":', "error", code="invalid_json")
case("json_scalar.json", '"just a string"', "error", code="json_not_array", format="json")
case("json_object_without_rows.json", '{"person_id": "P1"}', "error", code="json_not_array")
case("json_missing_required_field.json", '[{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0}]', "error", code="missing_column")
# Strict reading stops at a repeated key: it keeps no row, so it must not say it kept the first.
case("strict_duplicate_key.csv", rows(OK1, OK2, OK1.replace(",10,4,", ",3,1,")), "error", strict=True, code="duplicate_key", row=4,
     message_lacks="kept")
case("strict_mode_bad_cell.csv", rows(OK1, "P2,2025-01-06,coding,8,0,abc,6,0,2,0.8,90,40,0", OK3), "error", strict=True, code="invalid_number", row=3, column="hours")

# ---- row-level problems: lenient mode skips and counts them ----
def skip(name, bad_line, code, row=3, column=None, extra=(OK3,), header=H, message_has=None):
    kw = {"code": code, "row": row, "rows_skipped": 1, "rows_used": 1 + len(extra)}
    if column is not None:
        kw["column"] = column
    if message_has is not None:
        kw["message_has"] = message_has
    case(name, rows(OK1, bad_line, *extra, header=header), "skip", **kw)


skip("ragged_short_row.csv", "P2,2025-01-06,coding,8,0,6", "ragged_row")
skip("ragged_long_row.csv", OK2 + ",extra", "ragged_row")
# A trailing delimiter on every data row (some exports write one) is an empty last field, not a
# ragged row: read as if it were not there. Two of them, or a last field with a value, stay ragged.
# (With a trailing delimiter in the header too, the empty header is a blank_header warning, as before.)
case("trailing_comma_rows.csv", rows(OK1 + ",", OK2 + ",", OK3 + ","), "ok", rows_used=3)
skip("two_trailing_commas.csv", OK2 + ",,", "ragged_row")
# A blank line longer than a field may be (2 MiB of spaces) is a blank line, not a damaged file (an outside review).
case("blank_line_2mib.csv", rows(OK1, " " * (2 * 1024 * 1024 + 5), OK2), "ok", rows_used=2)
# A data row past the header's 1024-field limit is one damaged row, not a damaged file (an outside review).
case("wide_data_row.csv", rows(OK1, OK2 + "," * 1100, OK3), "skip", code="ragged_row", row=3, rows_skipped=1, rows_used=2,
     message_has="has more than 1024 fields")
skip("non_number_hours.csv", "P2,2025-01-06,coding,8,0,six,6,0,2,0.8,90,40,0", "invalid_number", column="hours",
     message_has="is not a number; row skipped")
skip("thousands_separator.csv", 'P2,2025-01-06,coding,8,0,"1,200",6,0,2,0.8,90,40,0', "invalid_number", column="hours",
     message_has="without thousands separators")
# Export habits that make a cell not a number: the message says what to change.
def with_cell(column, text, line=OK2):
    cells = line.split(",")
    cells[H.split(",").index(column)] = text
    return ",".join(cells)


for name, column, text, code, words in [
        ("thousands_separator_decimals.csv", "outcome_value", '"1,200.50"', "invalid_number", "without thousands separators"),
        ("currency_sign.csv", "outcome_value", "$90.00", "invalid_number", "currency sign"),
        ("euro_sign.csv", "outcome_value", "90 \u20ac", "invalid_number", "currency sign"),
        ("percent_sign.csv", "quality", "80%", "invalid_number", "as a fraction (88% is 0.88)"),
        ("hours_as_time.csv", "hours", "6:30", "invalid_number", "decimal hours (1:30 is 1.5)"),
        ("hours_with_unit.csv", "hours", "6h", "invalid_number", "without its unit"),
        ("spaced_digits.csv", "outcome_value", "1 090", "invalid_number", "spaces between digits"),
        ("grouped_whole_number.csv", "tasks", '"1,008"', "invalid_integer", "without thousands separators")]:
    skip(name, with_cell(column, text), code, column=column, message_has=words)
skip("nan_text.csv", "P2,2025-01-06,coding,8,0,NaN,6,0,2,0.8,90,40,0", "non_finite", column="hours")
skip("infinity_text.csv", "P2,2025-01-06,coding,8,0,6,-Infinity,0,2,0.8,90,40,0", "non_finite", column="baseline_hours")
skip("overflow_number.csv", "P2,2025-01-06,coding,8,0,1e999,6,0,2,0.8,90,40,0", "out_of_range", column="hours")
skip("negative_hours.csv", "P2,2025-01-06,coding,8,0,-6,6,0,2,0.8,90,40,0", "out_of_range", column="hours")
skip("quality_above_one.csv", "P2,2025-01-06,coding,8,0,6,6,0,2,1.8,90,40,0", "out_of_range", column="quality")
skip("ai_tasks_exceed_tasks.csv", "P2,2025-01-06,coding,8,9,6,6,0,2,0.8,90,40,0", "ai_tasks_exceed_tasks", column="ai_tasks")
skip("fractional_tasks.csv", "P2,2025-01-06,coding,8.5,0,6,6,0,2,0.8,90,40,0", "invalid_integer", column="tasks")
skip("huge_integer.csv", "P2,2025-01-06,coding,99999999999,0,6,6,0,2,0.8,90,40,0", "out_of_range", column="tasks")
skip("bad_date_format.csv", "P2,06/01/2025,coding,8,0,6,6,0,2,0.8,90,40,0", "invalid_date", column="date")
skip("impossible_date.csv", "P2,2025-02-29,coding,8,0,6,6,0,2,0.8,90,40,0", "invalid_date", column="date")
skip("empty_required_cell.csv", ",2025-01-06,coding,8,0,6,6,0,2,0.8,90,40,0", "missing_value", column="person_id")
skip("empty_hours.csv", "P2,2025-01-06,coding,8,0,,6,0,2,0.8,90,40,0", "missing_value", column="hours")
skip("stray_quote.csv", 'P2,2025-01-06,cod"ing,8,0,6,6,0,2,0.8,90,40,0', "malformed_quote", column="task_type")
skip("text_after_closing_quote.csv", 'P2,2025-01-06,"coding"x,8,0,6,6,0,2,0.8,90,40,0', "malformed_quote", column="task_type")
case("unknown_work_mode.csv", rows(OK1 + ",hybrid", "P2,2025-01-06,coding,8,0,6,6,0,2,0.8,90,40,0,office-ish", OK3 + ",remote",
     header=H + ",work_mode"), "skip", code="invalid_enum", row=3, column="work_mode", rows_skipped=1, rows_used=2)
case("duplicate_key.csv", rows(OK1, OK2, OK1.replace(",10,4,", ",3,1,")), "skip", code="duplicate_key", row=4, rows_skipped=1, rows_used=2,
     message_has="the first row is kept")
case("json_row_not_object.json", '[{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1}, [1,2], null]',
     "skip", code="json_row_not_object", row=2, rows_skipped=2, rows_used=1)
case("json_nested_value.json", '[{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},'
     '{"person_id":"P2","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":{"v":1}}]',
     "skip", code="json_nested_value", row=2, column="hours", rows_skipped=1, rows_used=1)
# The same column twice in one object (an outside review: 500 hours silently replaced 5), by the same key or
# by another name of it: the row is skipped, not read with either value.
case("json_repeated_field.json", '[{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},'
     '{"person_id":"P2","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":5,"hours":500},'
     '{"person_id":"P3","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1,"Person ID":"P1"}]',
     "skip", code="json_repeated_field", row=2, column="hours", rows_skipped=2, rows_used=1)
# A decimal-comma file's "1.250" is 1250 or 1.25: skipped as ambiguous_number, never read as 1.25
# (an outside review: value_per_hour came out 55.48 instead of 160.35). Integers too ("1.000" tasks).
case("semicolon_thousands_dot.csv", rows("P1;2025-01-06;coding;10;4;7,5;9;0,5;1;0,9;980,50;30;12",
                                         "P2;2025-01-06;coding;8;0;6;6;0;2;0,8;1.250;40;0",
                                         "P3;2025-01-07;review;1.000;5;3;4,5;1;0;0,95;60;10;9", header=H.replace(",", ";")),
     "skip", code="ambiguous_number", row=3, column="outcome_value", rows_skipped=2, rows_used=1)
# A ';' file whose decimals are dots: "1,250" is 1250 there, not 1.25 (outside review).
case("semicolon_thousands_comma.csv", rows("P1;2025-01-06;coding;10;4;7.5;9;0.5;1;0.9;1,250;30;12",
                                           "P2;2025-01-06;coding;8;0;6;6;0;2;0.8;980.5;40;0", header=H.replace(",", ";")),
     "skip", code="ambiguous_number", row=2, column="outcome_value", rows_skipped=1, rows_used=1)
case("json_string_number.json", '[{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":"7","ai_tasks":0,"hours":"2.5"},'
     '{"person_id":"P2","date":"2025-01-06","task_type":"a","tasks":"seven","ai_tasks":0,"hours":1}]',
     "skip", code="invalid_integer", row=2, column="tasks", rows_skipped=1, rows_used=1)

# ---- oddities that are fine: read without loss ----
# Excel's "sep=;" first line names the delimiter and is hidden in Excel: the header is still row 1.
case("excel_sep_line.csv", "sep=;\r\n" + rows(OK1, "P2;2025-01-06;coding;8;0;6;6;0;2;x;90;40;0").replace(",", ";").replace("7.5", "7,5").replace("\n", "\r\n"),
     "skip", code="invalid_number", row=3, column="quality", rows_skipped=1, rows_used=1)
case("crlf_bom_semicolon_decimal_comma.csv", "\ufeff" + rows(OK1, OK2).replace(",", ";").replace("7.5", "7,5").replace("\n", "\r\n"), "ok", rows_used=2)
# Dots that cannot group thousands ("7.5", "0.125", "12.75") stay decimal points in a ';' file.
case("semicolon_dot_decimals.csv", rows("P1;2025-01-06;coding;10;4;7.5;9;0.125;1;0.9;12.75;30;12",
                                        "P2;2025-01-06;coding;8;0;6;6;0;2;0.8;1250;40;0", header=H.replace(",", ";")), "ok", rows_used=2)
case("quoted_newlines_in_team.csv", rows(OK1 + ',"Sales\nEMEA"', OK2 + ',"Ops, ""North"""', header=H + ",team"), "ok", rows_used=2)
# A spreadsheet's empty rows saved as separators only, as many as the header's fields or more: blank lines
# (outside review: each was a skipped row, and strict reading failed on them).
case("excel_empty_rows.csv", rows(OK1, ",,,,,,,,,,,,", OK2, ",,,,,,,,,,,,,,,,,,,,", ", , ,", ",,,,,,,,,,,,\r"),
     "ok", rows_used=2, rows_skipped=0)
case("strict_excel_empty_rows.csv", rows(OK1, ",,,,,,,,,,,,", OK2), "ok", strict=True, rows_used=2, rows_skipped=0)
case("blank_lines_everywhere.csv", "\n" + rows(OK1, "", "", OK2) + "\n\n", "ok", rows_used=2)
# Lines of only spaces or tabs (a spreadsheet's "empty" rows) are blank lines, not short rows.
case("whitespace_only_lines.csv", " \t\n" + rows(OK1, "   ", "\t", OK2, " \t ").replace(OK2, OK2 + "\r"), "ok", rows_used=2)
case("unknown_extra_columns.csv", rows(OK1 + ",x,y", OK2 + ",x,y", header=H + ",department,notes"), "ok", rows_used=2)
case("xss_team_name.csv", rows(OK1 + ',"<img src=x onerror=alert(1)>"', OK2 + ",<script>alert(1)</script>", header=H + ",team"), "ok", rows_used=2)

# ---- other tables ----
# A bad optional cell of the people table keeps the person (on their team) with the cell empty
# ("cell": a warning naming it, no row skipped); a skipped row made all their activity "(unassigned)".
case("people_bad_bool.csv", "person_id,team,ai_trained\nP1,A,true\nP2,B,maybe\nP3,C,no\n", "cell", table="people", code="invalid_bool", row=3, column="ai_trained", rows_used=3)
case("people_bad_hire_date.csv", "person_id,team,hire_date\nP1,A,2020-01-06\nP2,B,2020-02-31\nP3,C,2021-03-01\n", "cell", table="people", code="invalid_date", row=3, column="hire_date", rows_used=3)
case("people_bad_work_mode.csv", "person_id,team,work_mode\nP1,A,remote\nP2,B,sometimes\nP3,C,hybrid\n", "cell", table="people", code="invalid_enum", row=3, column="work_mode", rows_used=3)
# Strict reading still stops at it.
case("people_bad_bool_strict.csv", "person_id,team,ai_trained\nP1,A,true\nP2,B,maybe\nP3,C,no\n", "error", table="people", strict=True, code="invalid_bool", row=3, column="ai_trained")
# So is a survey answer out of scale or mistyped: the row's other answer (wellbeing 3) stays.
case("surveys_out_of_scale.csv", "person_id,date,ai_sentiment,wellbeing\nP1,2025-01-06,4,5\nP2,2025-01-06,6,3\n", "cell", table="surveys", code="out_of_range", row=3, column="ai_sentiment", rows_used=2)
case("surveys_bad_answer.csv", "person_id,date,ai_sentiment,wellbeing\nP1,2025-01-06,4,5\nP2,2025-01-06,4,good\n", "cell", table="surveys", code="invalid_integer", row=3, column="wellbeing", rows_used=2)
case("playbook_missing_column.csv", "role,task\nanalyst,reports\n", "error", table="playbook", code="missing_column", column="task_type", value="task")

# ---- found by fuzzing and adversarial review (issue 14): each crashed or misread before its fix ----
# A JSON column first seen in a later object: earlier rows lacked it. The 91-byte
# reproducer wrote past the end of the person_id column.
case("json_late_column_smallest.json",
     '[{"date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},{"person_id":null}]',
     "error", code="no_valid_rows")
case("json_late_required_column.json",
     '[{"date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},'
     '{"person_id":"P2","date":"2025-01-06","task_type":"a","tasks":2,"ai_tasks":1,"hours":2}]',
     "skip", code="missing_value", row=1, column="person_id", rows_skipped=1, rows_used=1)
case("json_late_optional_column.json",
     '[{"person_id":"P1","date":"2025-01-06","task_type":"a","tasks":1,"ai_tasks":0,"hours":1},'
     '{"person_id":"P2","date":"2025-01-06","task_type":"a","tasks":2,"ai_tasks":1,"hours":2,"rework_hours":0.5,"team":"X"}]',
     "ok", rows_used=2)
case("people_json_late_column.json",
     '[{"person_id":"P1"},{"person_id":"P2","team":"A","ai_trained":true},{"team":"B"}]',
     "skip", table="people", code="missing_value", row=3, column="person_id", rows_skipped=1, rows_used=2)
case("year_out_of_range.csv", rows(OK1, OK2.replace("2025-01-06", "1850-01-06"), OK3), "skip", code="invalid_date", row=3, column="date", rows_skipped=1, rows_used=2)

# Dates as exported (issue 20): ambiguous day/month values fail naming the column; a
# value contradicting the detected format is a row diagnostic; "Employee ID" is missing_column.
case("ambiguous_slash_dates.csv", rows(*["P%d,%02d/%02d/2025,coding,8,0,6,6,0,2,0.8,90,40,0" % (p, m, d)
                                         for p in (1, 2) for m in (1, 2) for d in (3, 7, 12)]),
     "error", code="ambiguous_date", column="date")
case("contradicting_date.csv", rows("P1,1/13/2025,coding,8,0,6,6,0,2,0.8,90,40,0", "P1,13/1/2025,review,8,0,6,6,0,2,0.8,90,40,0",
                                    "P2,1/14/2025,coding,8,0,6,6,0,2,0.8,90,40,0"),
     "skip", code="invalid_date", row=3, column="date", rows_skipped=1, rows_used=2,
     message_has="it fits D/M/YYYY: day-first and month-first dates are mixed")
case("employee_id_header.csv", rows(OK1, header=H.replace("person_id", "Employee ID")), "error", code="missing_column")

# Excel workbooks (issue 20): damaged, hostile or not workbooks at all, each a
# workbook_invalid error that says what to do; a workbook with a bad cell is
# read like the CSV it holds (row numbers are the sheet's).
import re
import struct
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "inputs"))
from xlsx_writer import workbook_parts, zip_bytes  # noqa: E402

PEOPLE_ROWS = [[("inline", "person_id"), ("inline", "team")], [("s", "P1"), ("s", "Core")], [("s", "P2"), ("s", "Core")]]


def set_declared_size(data, part, size):
    """The central directory's uncompressed size of `part` replaced (the data stay as they are)."""
    at = 0
    out = bytearray(data)
    while True:
        at = data.find(b"PK\x01\x02", at)
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len] == part.encode():
            struct.pack_into("<I", out, at + 24, size)
            return bytes(out)
        at += 4


good = zip_bytes(workbook_parts([("People", PEOPLE_ROWS)]))
case("xlsx_truncated.xlsx", good[:len(good) // 2], "error", table="people", code="workbook_invalid")
case("xlsx_legacy.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 504, "error", table="people", code="workbook_invalid")
# Declares 4 GB expanded: refused before anything is inflated.
case("xlsx_bomb_declared.xlsx", set_declared_size(good, "xl/worksheets/sheet1.xml", 0xFFFFFFF0), "error", table="people",
     code="workbook_invalid")
# Declares a few hundred bytes but inflates to 64 MB: inflating stops at the declared size.
bomb_parts = workbook_parts([("People", PEOPLE_ROWS)])
bomb_parts["xl/worksheets/sheet1.xml"] = bomb_parts["xl/worksheets/sheet1.xml"] + " " * (64 << 20)
case("xlsx_bomb_lying.xlsx", set_declared_size(zip_bytes(bomb_parts), "xl/worksheets/sheet1.xml", 400), "error",
     table="people", code="workbook_invalid")
missing = workbook_parts([("People", PEOPLE_ROWS)])
del missing["xl/worksheets/sheet1.xml"]
case("xlsx_missing_sheet.xlsx", zip_bytes(missing), "error", table="people", code="workbook_invalid")
# A shared-string table that claims 4 billion strings and a cell that points past the real ones.
huge = workbook_parts([("People", PEOPLE_ROWS)])
huge["xl/sharedStrings.xml"] = huge["xl/sharedStrings.xml"].replace('count="3" uniqueCount="3"', 'count="4294967295" uniqueCount="4294967295"')
huge["xl/sharedStrings.xml"] = huge["xl/sharedStrings.xml"].replace("</sst>", "<si><t>x</t></si>" * 200000 + "</sst>")
huge["xl/worksheets/sheet1.xml"] = re.sub(r'(<c r="B3" t="s"><v>)\d+', r"\g<1>4294967294", huge["xl/worksheets/sheet1.xml"])
case("xlsx_huge_shared_strings.xlsx", zip_bytes(huge), "error", table="people", code="workbook_invalid", row=3, column="B")
encrypted = bytearray(good)
at = good.find(b"PK\x01\x02")
encrypted[at + 8] |= 1
case("xlsx_encrypted_entry.xlsx", bytes(encrypted), "error", table="people", code="workbook_invalid")
case("xlsx_not_a_workbook.xlsx", zip_bytes({"word/document.xml": "<document/>"}), "error", table="people", code="workbook_invalid")
bad_cell = [PEOPLE_ROWS[0] + [("inline", "ai_trained")], [("s", "P1"), ("s", "Core"), ("b", True)],
            [("s", "P2"), ("s", "Core"), ("e", "#N/A")], None, [("s", "P3"), ("s", "Core"), ("b", False)]]
case("xlsx_bad_cell.xlsx", zip_bytes(workbook_parts([("People", bad_cell)])), "cell", table="people",
     code="invalid_bool", row=3, column="ai_trained", rows_used=3)

with open("manifest.json", "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
print(len(cases), "cases")
