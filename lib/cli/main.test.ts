import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR as EXAMPLES } from '../connectors/testing/examples';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import type { CliIo } from './output';
import { runCli } from './main';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe('posture CLI', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let scratch: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url, DATA_DIR: path.resolve('.data') };
    scratch = await mkdtemp(path.join(tmpdir(), 'posture-cli-'));
  });
  afterAll(async () => db.drop());

  const count = async (table: string) => (await db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it.each([
    ['containerservice/2026-02-01/ManagedClustersList.json', 'clusters', 1],
    ['containerregistry/2025-11-01/RegistryList.json', 'registries', 1],
    ['security/2025-05-04/ListAssessmentsMetadata_example.json', 'recommendation_metadata', 3],
    ['security/2025-05-04/ListAssessments_example.json', 'findings', 2],
    // The same assessment as vmss2 in the list above: an update, not a new finding.
    ['security/2025-05-04/GetAssessment_example.json', 'findings', 2],
  ])('imports %s into %s', async (file, table, atLeast) => {
    const io = capture();
    const code = await runCli(['import', path.join(EXAMPLES, file)], io, env);
    expect(io.stderr.join('\n')).toContain('✔ Imported');
    expect(code).toBe(0);
    expect(await count(table)).toBeGreaterThanOrEqual(atLeast);
  });

  it('stores an assessment seen in two files once, NotApplicable as dismissed', async () => {
    const rows = (await db.pool.query(`SELECT status FROM findings WHERE resource_id LIKE '%/vmss2'`)).rows;
    expect(rows).toEqual([{ status: 'dismissed' }]);
  });

  it('keeps an assessment imported before its metadata and corrects its severity when the metadata comes', async () => {
    const sev = (await db.pool.query(`SELECT DISTINCT severity FROM findings WHERE rule_id = '21300918-b2e3-0346-785f-c77ff57d243b'`)).rows;
    expect(sev).toEqual([{ severity: 'medium' }]);
  });

  it.each([
    ['an unsupported resource type', 'security/2022-01-01-preview/ListBySubscriptionGovernanceRules_example.json', /not supported|Unrecognised|unsupported/i],
  ])('refuses %s with a clear message and writes nothing', async (_what, file, message) => {
    const before = await count('sync_runs');
    const io = capture();
    const code = await runCli(['import', path.join(EXAMPLES, file)], io, env);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
    expect(await count('sync_runs')).toBe(before);
  });

  it('refuses malformed JSON and a record without an id, writing nothing', async () => {
    const bad = path.join(scratch, 'broken.json');
    await writeFile(bad, '{"value": [');
    const missingId = path.join(scratch, 'missing-id.json');
    await writeFile(missingId, JSON.stringify({ value: [{ type: 'Microsoft.Security/assessments', name: 'x', properties: { displayName: 'x', status: { code: 'Unhealthy' }, resourceDetails: { source: 'Azure', id: '/subscriptions/1/resourceGroups/r' } } }] }));
    const findingsBefore = await count('findings');
    for (const [file, msg] of [[bad, /not valid JSON/], [missingId, /id/]] as const) {
      const io = capture();
      expect(await runCli(['import', file], io, env)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(msg);
    }
    expect(await count('findings')).toBe(findingsBefore);
  });

  it('refuses to import through a symbolic link and never prints file contents (issue 8 item 10)', async () => {
    const secret = path.join(scratch, 'not-json.txt');
    await writeFile(secret, 'root:x:0:0:PRIVATE-CONTENT\n');
    const link = path.join(scratch, 'link.json');
    await symlink(secret, link);
    for (const [file, msg] of [[link, /symbolic link/], [secret, /not valid JSON \(syntax error at line 1, column 1\)/]] as const) {
      const io = capture();
      expect(await runCli(['import', file], io, env)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(msg);
      expect(io.stderr.join('\n')).not.toMatch(/PRIVATE-CONTENT|root:x/);
    }
  });

  it('prints stats as JSON in the documented shape, agreeing with the database', async () => {
    const io = capture();
    expect(await runCli(['stats', '--json'], io, env)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const stats = JSON.parse(io.stdout[0]!);
    const open = (await db.pool.query(`SELECT count(*)::int AS n FROM findings WHERE status = 'open'`)).rows[0].n;
    expect(stats.findings.open).toBe(open);
    expect(stats.findings.total).toBe(await count('findings'));
    expect(Object.keys(stats.findings.byStage)).toEqual(['plan', 'develop', 'build', 'deploy', 'operate']);
    expect(Object.keys(stats.findings.bySource['defender-assessment'].bySeverity)).toEqual(['critical', 'high', 'medium', 'low', 'informational']);
  });

  it('rejects unknown commands and options with usage, exit 2', async () => {
    const io = capture();
    expect(await runCli(['frobnicate'], io, env)).toBe(2);
    expect(io.stderr.join('\n')).toContain('Unknown command');
    const io2 = capture();
    expect(await runCli(['sync', '--source', 'nope'], io2, env)).toBe(2);
    expect(io2.stderr.join('\n')).toContain('Unknown source "nope"');
  });

  it('names the bad variable when the configuration is invalid', async () => {
    const io = capture();
    expect(await runCli(['stats'], io, { ...env, PORT: 'eighty' })).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/PORT/);
  });
});
