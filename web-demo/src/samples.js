// The built-in samples, shared by the page (src/main.js fetches them) and the
// build (build.mjs copies them into dist/sample/).

/** The sample organisation: web-demo/sample/<table>.csv. */
export const SAMPLE_TABLES = ['activity', 'people', 'surveys', 'playbook'];

/**
 * Sample AI-usage exports: the engine's fixtures (tests/data/usage/, made by
 * make_fixtures.py), copied to dist/sample/usage/ at build time. Two monthly
 * Microsoft 365 Copilot exports, GitHub Copilot per-user NDJSON (its last line
 * cut off, as an interrupted download leaves it) and a team metrics file.
 */
export const USAGE_SAMPLE = {
  people: 'people.csv',
  usage: ['m365_user_detail_2025-03-30.csv', 'm365_user_detail_2025-04-29.csv', 'github_users.ndjson', 'github_team_engineering.json'],
};
