// How the demo names the AI-usage export formats the engine recognises
// (docs/usage-exports.md). Recognising them is the engine's job (gs.sniff);
// these are only the labels shown for its answers.

/** Vendor, kind, and which tool's adoption the export measures. */
export const USAGE_FORMATS = {
  m365_copilot_csv: { vendor: 'Microsoft 365 Copilot', kind: 'usage report, admin-center CSV', tool: 'm365_copilot' },
  m365_copilot_graph_json: { vendor: 'Microsoft 365 Copilot', kind: 'usage report, Graph JSON', tool: 'm365_copilot' },
  github_copilot_users_ndjson: { vendor: 'GitHub Copilot', kind: 'per-user daily metrics, NDJSON', tool: 'github_copilot' },
  github_copilot_aggregate_json: { vendor: 'GitHub Copilot', kind: 'team daily metrics JSON (team totals, no people)', tool: 'github_copilot' },
};

/** What a usage file must look like, for messages about files that are not one. */
export const USAGE_EXPECTED = 'a Microsoft 365 Copilot usage export (admin-center CSV with "Report Refresh Date" and "User Principal Name" '
  + 'columns, or Graph JSON {"value": [...]}), GitHub Copilot per-user metrics (NDJSON lines with "day" and "user_login"), '
  + 'or GitHub Copilot team metrics (a JSON array with "total_active_users")';

/** "Microsoft 365 Copilot · usage report, admin-center CSV" */
export function usageFormatLabel(format) {
  const f = USAGE_FORMATS[format];
  return f ? `${f.vendor} · ${f.kind}` : String(format);
}

export const TOOL_LABELS = { m365_copilot: 'Microsoft 365 Copilot', github_copilot: 'GitHub Copilot' };
