// Files the analyst takes away: the report JSON, tables as CSV, charts as
// PNG/SVG. Built in the page and handed over as blob: downloads.

export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** RFC 4180 CSV. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' (OWASP CSV injection). */
export function toCsv(header, rows) {
  const cell = (v) => {
    if (v == null) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function jsonBlob(value) {
  return new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
}

export function csvBlob(header, rows) {
  return new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
}

/** "gapscore-report-2025-01-06_2025-04-04" style base names. */
export function baseName(report) {
  const s = report?.summary;
  return s?.first_date ? `gapscore-${s.first_date}_${s.last_date}` : 'gapscore';
}
