import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exampleItems, listExampleFiles, readExample } from '../connectors/testing/examples';
import { generateTenant, type DemoRecordKind } from '../demo/generate-tenant';
import { joinRaw, partRefsOf, RAW_MERGE_KEY, RAW_PART_KEY, splitRaw, type RawPart, type SharedGroup } from './raw-parts';
import { SHARED_RAW_GROUPS } from './shared-raw-groups';

const digest = (json: string) => createHash('sha256').update(json).digest('base64url');
const VULNERABILITY = SHARED_RAW_GROUPS.vulnerability ?? [];
const POLICY = SHARED_RAW_GROUPS.policy ?? [];
const storeOf = (parts: readonly RawPart[]) => new Map(parts.map((p) => [p.hash, JSON.parse(p.json) as unknown]));
/** What the finding page shows for a payload: split as the sync stores it, joined as the page reads it. */
const roundTrip = (raw: unknown, groups: readonly SharedGroup[]) => {
  const split = splitRaw(raw, groups, digest);
  return joinRaw(JSON.parse(JSON.stringify(split.raw)), storeOf(split.parts));
};

const details = { cveId: 'CVE-2026-1234', cvss: { '3.0': { base: 9.8, cvssVectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } }, references: [{ link: 'https://nvd.nist.gov/vuln/detail/CVE-2026-1234' }] };
const software = { packageName: 'openssl', version: '3.0.1', fixedVersion: '3.0.13', fixStatus: 'FixAvailable', osDetails: { osPlatform: 'linux' } };
const payload = (image: string) => ({
  id: `/subscriptions/s/…/subAssessments/${image}`,
  name: image,
  type: 'microsoft.security/assessments/subassessments',
  tenantId: '00000000-0000-0000-0000-0000000000aa',
  location: 'global',
  sku: null,
  properties: {
    id: 'CVE-2026-1234',
    description: 'This vulnerability affects the following vendors: openssl. To view more details please visit the vendor website.',
    additionalData: { assessedResourceType: 'AzureContainerRegistryVulnerability', vulnerabilityDetails: details, softwareDetails: software, artifactDetails: { digest: image, repositoryName: 'payments/api', registryHost: 'acr.azurecr.io' } },
    status: { code: 'Unhealthy' },
  },
});

// Every list item (or body) of every official example: a group that finds its fields in any of them must give it back.
const officialRecords = listExampleFiles().flatMap((file) => {
  const doc = readExample(file);
  if (Array.isArray(doc)) return doc;
  const body = (doc as { responses?: Record<string, { body?: unknown }> }).responses?.['200']?.body;
  const value = (body as { value?: unknown } | undefined)?.value;
  return Array.isArray(value) ? exampleItems(file) : body === undefined ? [] : [body];
});

describe('shared field groups of finding payloads', () => {
  it('gives back every official example exactly, whichever groups it is split by', () => {
    expect(officialRecords.length).toBeGreaterThan(20);
    let split = 0;
    for (const record of officialRecords) {
      for (const groups of [VULNERABILITY, POLICY]) {
        const s = splitRaw(record, groups, digest);
        if (s.parts.length > 0) split += 1;
        expect(roundTrip(record, groups)).toEqual(record);
      }
    }
    // The MDVM, sub-assessment and policy examples are split, not merely passed through.
    expect(split).toBeGreaterThanOrEqual(5);
  });

  it('gives back every generated vulnerability and policy record exactly, and keeps much less per finding', () => {
    const tenant = generateTenant({ seed: 11, clusters: 4, now: new Date('2026-11-20T10:00:00Z') });
    const all = (kind: DemoRecordKind) => tenant.subscriptions.flatMap((s) => tenant.page(kind, s.subscriptionId, 0, tenant.count(kind, s.subscriptionId)));
    for (const [kind, groups] of [['registryContainerVulnerabilities', VULNERABILITY], ['runtimeContainerVulnerabilities', VULNERABILITY], ['containerVulnerabilities', VULNERABILITY], ['policyStates', POLICY]] as const) {
      const records = all(kind);
      expect(records.length, kind).toBeGreaterThan(0);
      let before = 0;
      let after = 0;
      const parts = new Map<string, string>();
      let taken = 0;
      for (const record of records) {
        const split = splitRaw(record, groups, digest);
        taken += split.parts.length;
        for (const p of split.parts) parts.set(p.hash, p.json);
        before += JSON.stringify(record).length;
        after += JSON.stringify(split.raw).length;
        expect(joinRaw(split.raw, storeOf(split.parts)), kind).toEqual(record);
      }
      // What stays per finding is under half the payload, and most parts are shared by several findings.
      expect(after, kind).toBeLessThan(before / 2);
      expect(parts.size, kind).toBeLessThan(taken / 2);
    }
  });

  it('keeps each group once however many findings repeat it, with one list of digests per payload', () => {
    const a = splitRaw(payload('sha256:aa'), VULNERABILITY, digest);
    const b = splitRaw(payload('sha256:bb'), VULNERABILITY, digest);
    expect(a.parts).toHaveLength(3);
    // Two images, the same CVE and package: those parts are the same (stored once); the image's differ.
    expect(b.parts.map((p) => p.hash).slice(0, 2)).toEqual(a.parts.map((p) => p.hash).slice(0, 2));
    expect(b.parts[2]!.hash).not.toBe(a.parts[2]!.hash);
    expect(a.raw).toEqual({
      // The id is its parent (the registry's assessment, in the image's part) and the record's name.
      name: 'sha256:aa',
      properties: { status: { code: 'Unhealthy' } },
      [RAW_MERGE_KEY]: a.parts.map((p) => p.hash),
    });
    expect(partRefsOf(a.raw)).toEqual(a.parts.map((p) => p.hash));
    const store = storeOf([...a.parts, ...b.parts]);
    expect(joinRaw(a.raw, store)).toEqual(payload('sha256:aa'));
    expect(joinRaw(b.raw, store)).toEqual(payload('sha256:bb'));
  });

  it('takes out the assignment and the resource of a policy state, leaving its outcome', () => {
    const state = officialRecords.find((r) => typeof r === 'object' && r !== null && 'policyAssignmentId' in r);
    const split = splitRaw(state, POLICY, digest);
    expect(split.parts).toHaveLength(2);
    expect(Object.keys(split.raw as object).sort()).toEqual(expect.arrayContaining(['isCompliant', 'timestamp', RAW_MERGE_KEY]));
    expect(split.raw).not.toHaveProperty('policyAssignmentId');
    expect(split.raw).not.toHaveProperty('resourceId');
  });

  it('drops an object its group emptied and restores it, and leaves small groups and other payloads alone', () => {
    const nested = { a: { b: { big: 'x'.repeat(80) } }, keep: 1 };
    const split = splitRaw(nested, [[{ at: ['a', 'b'], keys: ['big'] }]], digest);
    expect(split.raw).toEqual({ keep: 1, [RAW_MERGE_KEY]: [split.parts[0]!.hash] });
    expect(joinRaw(split.raw, storeOf(split.parts))).toEqual(nested);
    const small = { a: { b: { small: 'x' } } };
    expect(splitRaw(small, [[{ at: ['a', 'b'], keys: ['small'] }]], digest)).toEqual({ raw: small, parts: [] });
    const assessment = { id: 'x', properties: { displayName: 'Enable RBAC', status: { code: 'Unhealthy' } } };
    expect(splitRaw(assessment, VULNERABILITY, digest)).toEqual({ raw: assessment, parts: [] });
    expect(splitRaw(null, VULNERABILITY, digest)).toEqual({ raw: null, parts: [] });
    // A payload that carries the list key itself is stored as it is: the join could not tell it apart.
    const own = { ...payload('sha256:cc'), [RAW_MERGE_KEY]: ['from the source'] };
    expect(splitRaw(own, VULNERABILITY, digest)).toEqual({ raw: own, parts: [] });
  });

  it('keeps a repeated field that differs, and undoes cut parents and dropped repeats in reverse order', () => {
    const record = { ...payload('sha256:ff'), timeGenerated: '2026-11-01T00:00:00Z', properties: { ...payload('sha256:ff').properties, timeGenerated: '2026-11-01T00:00:00Z' } };
    const same = splitRaw(record, VULNERABILITY, digest);
    expect(same.raw).not.toHaveProperty('properties.timeGenerated');
    expect(joinRaw(same.raw, storeOf(same.parts))).toEqual(record);
    const differs = { ...record, timeGenerated: '2026-11-02T00:00:00Z' };
    const kept = splitRaw(differs, VULNERABILITY, digest);
    expect(kept.raw).toHaveProperty('properties.timeGenerated', '2026-11-01T00:00:00Z');
    expect(joinRaw(kept.raw, storeOf(kept.parts))).toEqual(differs);
    // A field that repeats another, which a later group then cuts: the copy must take the whole value back.
    const chained: readonly SharedGroup[] = [
      [{ at: [], keys: ['pad'], sameAs: { self: ['id'] } }],
      [{ at: [], keys: ['pad2'], parentOf: ['id'] }],
    ];
    const doc = { id: '/a/b/c/d', self: '/a/b/c/d', pad: 'p'.repeat(70), pad2: 'q'.repeat(70) };
    const s = splitRaw(doc, chained, digest);
    expect(s.raw).toEqual({ id: 'd', [RAW_MERGE_KEY]: s.parts.map((p) => p.hash) });
    expect(joinRaw(s.raw, storeOf(s.parts))).toEqual(doc);
  });

  it('keeps a field named __proto__ a plain field through the join', () => {
    const record = JSON.parse(`{"id":"x","properties":{"resourceDetails":{"__proto__":{"polluted":true},"id":"${'y'.repeat(80)}"}}}`) as unknown;
    const joined = roundTrip(record, VULNERABILITY);
    expect(joined).toEqual(record);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still joins payloads stored with one marker per sub-document (before groups)', () => {
    const cve = digest(JSON.stringify(details));
    const pkg = digest(JSON.stringify(software));
    const stored = {
      ...payload('sha256:dd'),
      properties: {
        ...payload('sha256:dd').properties,
        additionalData: { ...payload('sha256:dd').properties.additionalData, vulnerabilityDetails: { [RAW_PART_KEY]: cve }, softwareDetails: { [RAW_PART_KEY]: pkg } },
      },
    };
    expect(partRefsOf(stored).sort()).toEqual([cve, pkg].sort());
    expect(joinRaw(stored, new Map<string, unknown>([[cve, details], [pkg, software]]))).toEqual(payload('sha256:dd'));
  });

  it('a part that is missing stays visible rather than vanishing', () => {
    const raw = { properties: { description: { [RAW_PART_KEY]: 'gone' } } };
    expect(joinRaw(raw, new Map())).toEqual(raw);
    const split = splitRaw(payload('sha256:ee'), VULNERABILITY, digest);
    const [first, ...rest] = split.parts;
    const joined = joinRaw(split.raw, storeOf(rest)) as Record<string, unknown>;
    expect(joined[RAW_MERGE_KEY]).toEqual([first!.hash]);
    expect(joined.name).toBe('sha256:ee');
  });
});
