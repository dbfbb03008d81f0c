#!/usr/bin/env python3
"""Each byte of Windows-1252 as UTF-8, from Python's own cp1252 codec, for
tests/windows_1252_test.cpp. The WHATWG Encoding Standard (browsers,
TextDecoder('windows-1252')) decodes the five bytes cp1252 leaves undefined
(0x81 0x8D 0x8F 0x90 0x9D) as the C1 controls U+0081... of the same number;
Python's codec refuses them, so those five are chr(byte).
Writes tests/data/windows_1252_utf8.txt: one line per byte, "XX YYYY..." (hex).
Run with /usr/bin/python3."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
lines = []
for b in range(256):
    try:
        ch = bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        ch = chr(b)
    lines.append("%02X %s" % (b, ch.encode("utf-8").hex().upper()))
with open(os.path.join(HERE, "..", "data", "windows_1252_utf8.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
