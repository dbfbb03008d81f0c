// The hand-written .d.ts against what the package really returns: each runtime
// object (reports of the sample and of AI-usage exports, validation results,
// errors, sniff and schema results, progress events, the metric catalog) is
// walked together with its declared type, read from the shipped declarations
// by the TypeScript compiler API. Every key found at runtime must be declared,
// every required declared key must be present, and values must have the
// declared kind (string, number, boolean, literal, null allowed or not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

import { consumerDir, importFromConsumer, root, sample } from './helpers.mjs';

const { createGapScore, GapScoreError } = await importFromConsumer('gapscore');
const gs = await createGapScore();

// The declared types to compare, by name: 'gapscore' exports unless noted.
const PROBE = `
import type * as G from 'gapscore';
export type Report = G.Report;
export type Validation = G.Validation;
export type Diagnostic = G.Diagnostic;
export type Sniff = G.Sniff;
export type InputSchema = G.InputSchema;
export type MetricDefinition = G.MetricDefinition;
export type Progress = G.Progress;
export type Config = G.Config;
export type GapScoreError = G.GapScoreError;
`;

/**
 * Compiles the probe against the installed package's declarations.
 * `patch(fileName, text)` may rewrite a declaration file (the self-test below uses it).
 */
function loadTypes(patch = (_f, text) => text) {
  const dir = path.join(consumerDir(), 'types-probe');
  mkdirSync(dir, { recursive: true });
  const probe = path.join(dir, 'probe.ts');
  writeFileSync(probe, PROBE);
  const options = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => {
    const text = readFile(f);
    return text == null || !f.includes(`${path.sep}gapscore${path.sep}dist${path.sep}`) ? text : patch(path.basename(f), text);
  };
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => {
    if (!f.includes(`${path.sep}gapscore${path.sep}dist${path.sep}`)) return getSourceFile(f, lang, ...rest);
    const text = host.readFile(f);
    return text == null ? undefined : ts.createSourceFile(f, text, lang, true);
  };
  const program = ts.createProgram([probe], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(problems, [], 'the declarations compile');
  const checker = program.getTypeChecker();
  const types = {};
  for (const stmt of program.getSourceFile(probe).statements) {
    if (ts.isTypeAliasDeclaration(stmt)) types[stmt.name.text] = checker.getTypeAtLocation(stmt.name);
  }
  return { checker, types };
}

const F = ts.TypeFlags;

/** Walks `value` with `type`; returns the mismatches as "path: problem" lines. */
function mismatches(checker, value, type, where, keysOf = Object.keys) {
  const errors = [];
  const show = (t) => checker.typeToString(t);
  const allowsNull = (t) => Boolean(t.flags & (F.Any | F.Unknown | F.Null)) || (t.isUnion() && t.types.some((m) => m.flags & F.Null));

  function walk(v, t, at, out) {
    if (v === null || v === undefined) {
      if (!allowsNull(t)) out.push(`${at}: null at runtime, declared ${show(t)}`);
      return;
    }
    if (t.flags & (F.Any | F.Unknown)) return;  // before NonNullable, which makes unknown {}
    t = checker.getNonNullableType(t);
    if (t.isUnion()) {
      let best = null;
      for (const member of t.types) {
        const e = [];
        walk(v, member, at, e);
        if (e.length === 0) return;
        if (!best || e.length < best.length) best = e;
      }
      out.push(...best);
      return;
    }
    if (Array.isArray(v)) {
      if (checker.isTupleType(t)) {
        const elems = checker.getTypeArguments(t);
        v.forEach((x, i) => walk(x, elems[i] ?? elems.at(-1), `${at}[${i}]`, out));
      } else if (checker.isArrayType(t)) {
        const [elem] = checker.getTypeArguments(t);
        v.forEach((x, i) => walk(x, elem, `${at}[${i}]`, out));
      } else {
        out.push(`${at}: an array at runtime, declared ${show(t)}`);
      }
      return;
    }
    switch (typeof v) {
      case 'string':
        if (!(t.flags & F.StringLike)) out.push(`${at}: a string at runtime (${JSON.stringify(v).slice(0, 40)}), declared ${show(t)}`);
        else if (t.isStringLiteral() && t.value !== v) out.push(`${at}: "${v}" at runtime, declared ${show(t)}`);
        return;
      case 'number':
        if (!(t.flags & F.NumberLike)) out.push(`${at}: a number at runtime, declared ${show(t)}`);
        else if (t.isNumberLiteral() && t.value !== v) out.push(`${at}: ${v} at runtime, declared ${show(t)}`);
        return;
      case 'boolean':
        if (!(t.flags & F.BooleanLike)) out.push(`${at}: a boolean at runtime, declared ${show(t)}`);
        else if (t.flags & F.BooleanLiteral && t.intrinsicName !== String(v)) out.push(`${at}: ${v} at runtime, declared ${show(t)}`);
        return;
      case 'object': {
        if (!(t.flags & (F.Object | F.Intersection))) {
          out.push(`${at}: an object at runtime, declared ${show(t)}`);
          return;
        }
        const props = new Map(checker.getPropertiesOfType(t)
          .filter((p) => !(p.flags & ts.SymbolFlags.Method))
          .map((p) => [p.name, p]));
        const index = checker.getIndexInfosOfType(t).find((i) => i.keyType.flags & F.String);
        const keys = at === where ? keysOf(v) : Object.keys(v);
        for (const key of keys) {
          const p = props.get(key);
          if (p) walk(v[key], checker.getTypeOfSymbol(p), `${at}.${key}`, out);
          else if (index) walk(v[key], index.type, `${at}.${key}`, out);
          else out.push(`${at}.${key}: at runtime, not declared in ${show(t).slice(0, 80)}`);
        }
        for (const [name, p] of props) {
          if (!(p.flags & ts.SymbolFlags.Optional) && !keys.includes(name)) out.push(`${at}.${name}: declared, missing at runtime`);
        }
        return;
      }
      default:
        out.push(`${at}: a ${typeof v} at runtime`);
    }
  }

  walk(value, type, where, errors);
  return errors;
}

// An error's keys: its own properties (message included), not the engine-specific stack.
const errorKeys = (e) => Object.getOwnPropertyNames(e).filter((k) => k !== 'stack');

/** The runtime objects, each with the declared type it must match. */
async function runtimeObjects() {
  const usageDir = path.join(root, 'tests', 'data', 'usage');
  const usage = (f) => readFileSync(path.join(usageDir, f));
  const all = { activity: sample('activity'), people: sample('people'), surveys: sample('surveys'), playbook: sample('playbook') };
  const progress = [];
  const objects = [
    ['report of the sample', 'Report', await gs.analyze(all, undefined, { onProgress: (p) => progress.push(p) })],
    ['report with hidden groups and individual results', 'Report',
      await gs.analyze(all, { group_by: ['team', 'role'], privacy: { min_group_size: 6, individual_results: true, salt: '7e575a17000000000000000000000000' } })],
    ['differentially private report', 'Report', await gs.analyze(all, { privacy: { dp: { epsilon: 1, seed: 3 } } })],
    ['cell-key report', 'Report', await gs.analyze(all, { privacy: { protection: 'cell_key', salt: '7e575a17000000000000000000000000' } })],
    ['cell-key adoption-only report', 'Report', await gs.analyze({ people: usage('people.csv'), usage: [usage('github_users.ndjson')] },
      { group_by: ['team'], privacy: { min_group_size: 3, protection: 'cell_key', salt: '7e575a17000000000000000000000000' } })],
    ['adoption-only usage report', 'Report', await gs.analyze({
      people: usage('people.csv'), identities: usage('identities.csv'),
      usage: [usage('m365_user_detail_2025-03-30.csv'), usage('m365_concealed_2025-03-30.csv'), usage('github_users.ndjson'), usage('github_team_engineering.json')],
    }, { group_by: ['team'], privacy: { min_group_size: 3 } }, { onProgress: (p) => progress.push(p) })],
    ['usage report next to activity', 'Report', await gs.analyze({
      activity: 'person_id,date,task_type,tasks,ai_tasks,hours\n' + Array.from({ length: 24 }, (_, i) =>
        `E${String(i + 1).padStart(3, '0')},2025-03-10,a,10,${(i + 1) % 3 === 0 ? 0 : 5},8`).join('\n') + '\n',
      people: usage('people.csv'), usage: [usage('m365_user_detail_2025-03-30.csv'), usage('github_users.ndjson')],
    }, { privacy: { min_group_size: 3 } })],
    ['validation with findings', 'Validation', await gs.validate({ activity: 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\nP1,2025-01-06,a,1,0,1\nP2,2025-01-06,a,x,0,1\n' })],
    ['failed validation', 'Validation', await gs.validate({ activity: 'nothing useful\n1\n' })],
    ['metric catalog', 'MetricDefinition[]', gs.metrics()],
    ['input schema', 'InputSchema', gs.schema()],
  ];
  objects.push(['progress events', 'Progress[]', progress]);
  for (const [name, head] of [
    ['csv with BOM and semicolons', '\ufeffEmployee;"Date, day";task_type\r\n1;2;3\r\n'],
    ['json rows', '[{"person_id": "a", "x": {"y": 1}}]'],
    ['usage export', usage('github_users.ndjson')],
    ['xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])],
    ['empty', ''],
    ['binary', new Uint8Array([1, 0, 2, 0])],
  ]) {
    objects.push([`sniff of ${name}`, 'Sniff', await gs.sniff(head)]);
  }
  const caught = async (promise) => { try { await promise; } catch (e) { return e; } throw new Error('expected a rejection'); };
  objects.push(['engine error', 'GapScoreError', await caught(gs.analyze({ activity: 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,x\n' }, { mode: 'strict' }))]);
  objects.push(['argument error', 'GapScoreError', await caught(gs.analyze({ activity: 42 }))]);
  const ctrl = new AbortController();
  ctrl.abort();
  objects.push(['cancelled', 'GapScoreError', await caught(gs.analyze(all, undefined, { signal: ctrl.signal }))]);
  return objects;
}

function check(loaded, objects) {
  const out = [];
  for (const [name, typeName, value] of objects) {
    const isArray = typeName.endsWith('[]');
    const type = loaded.types[isArray ? typeName.slice(0, -2) : typeName];
    assert.ok(type, typeName);
    const values = isArray ? value : [value];
    values.forEach((v, i) => {
      const where = isArray ? `${typeName.slice(0, -2)}[${i}]` : typeName;
      out.push(...mismatches(loaded.checker, v, type, where, v instanceof GapScoreError ? errorKeys : Object.keys).map((m) => `${name}: ${m}`));
    });
  }
  // The same problem in every group of every report is one problem.
  return [...new Set(out.map((m) => m.replace(/\[\d+\]/g, '[]')))];
}

const objects = await runtimeObjects();

test('every runtime object has exactly the fields its .d.ts type declares', () => {
  const errors = check(loadTypes(), objects);
  assert.deepEqual(errors, [], `the .d.ts and the runtime differ:\n${errors.join('\n')}`);
});

test('the configuration a report echoes uses only keys Config declares', () => {
  const report = objects[0][2];
  assert.ok(report.diagnostics && report.groups.length > 0);
  // Report.config is the effective configuration: every key the engine echoes is one a caller may set
  // (null there means unset; salt_given stands in for the secret salt).
  const setKeys = (v) => (Array.isArray(v) ? v : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== null && k !== 'salt_given').map(([k, x]) => [k, setKeys(x)])) : v);
  const { checker, types } = loadTypes();
  const dp = objects.find(([name]) => name === 'differentially private report')[2];
  const errors = [...mismatches(checker, setKeys(report.config), types.Config, 'Config'),
    ...mismatches(checker, setKeys(dp.config), types.Config, 'Config')];
  assert.deepEqual(errors, [], errors.join('\n'));
});

test('a renamed field in the .d.ts is caught (byte_offset written as byteOffset)', () => {
  const renamed = loadTypes((file, text) => (file === 'report.d.ts' ? text.replace('byte_offset:', 'byteOffset:') : text));
  const errors = check(renamed, objects);
  assert.ok(errors.some((e) => /\.byte_offset: at runtime, not declared/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /\.byteOffset: declared, missing at runtime/.test(e)), errors.join('\n'));
  // A field the runtime lacks is caught as well.
  const extra = loadTypes((file, text) => (file === 'index.d.ts' ? text.replace('  byte_order_mark: boolean;', '  byte_order_mark: boolean;\n  encoding: string;') : text));
  assert.ok(check(extra, objects).some((e) => /Sniff\.encoding: declared, missing at runtime/.test(e)));
});
