import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { joinRaw, partRefsOf, RAW_PART_KEY, SHARED_VULNERABILITY_PATHS, splitRaw } from './raw-parts';

const digest = (json: string) => createHash('sha256').update(json).digest('base64url');
const details = { cveId: 'CVE-2026-1234', cvss: { '3.0': { base: 9.8, cvssVectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } }, references: [{ link: 'https://nvd.nist.gov/vuln/detail/CVE-2026-1234' }] };
const software = { packageName: 'openssl', version: '3.0.1', fixedVersion: '3.0.13', fixStatus: 'FixAvailable', osDetails: { osPlatform: 'linux' } };
const payload = (digestOfImage: string) => ({
  id: `/subscriptions/s/…/subAssessments/${digestOfImage}`,
  properties: {
    id: 'CVE-2026-1234',
    description: 'This vulnerability affects the following vendors: openssl. To view more details please visit the vendor website.',
    additionalData: { assessedResourceType: 'AzureContainerRegistryVulnerability', vulnerabilityDetails: details, softwareDetails: software, artifactDetails: { digest: digestOfImage, repositoryName: 'payments/api', registryHost: 'acr.azurecr.io' } },
    status: { code: 'Unhealthy' },
  },
});

describe('shared reference data in vulnerability payloads', () => {
  it('takes the CVE record, package details and description out once, and puts them back exactly', () => {
    const a = splitRaw(payload('sha256:aa'), SHARED_VULNERABILITY_PATHS, digest);
    const b = splitRaw(payload('sha256:bb'), SHARED_VULNERABILITY_PATHS, digest);
    expect(a.parts).toHaveLength(4);
    // Two images, the same CVE: the CVE, package and description parts are the same (stored once); the image's differ.
    expect(b.parts.map((p) => p.hash).slice(0, 2)).toEqual(a.parts.map((p) => p.hash).slice(0, 2));
    expect(b.parts[2]!.hash).not.toBe(a.parts[2]!.hash);
    expect(b.parts[3]!.hash).toBe(a.parts[3]!.hash);
    expect(JSON.stringify(a.raw).length).toBeLessThan(JSON.stringify(payload('sha256:aa')).length - 200);
    expect(partRefsOf(a.raw).sort()).toEqual(a.parts.map((p) => p.hash).sort());
    const store = new Map([...a.parts, ...b.parts].map((p) => [p.hash, JSON.parse(p.json) as unknown]));
    expect(joinRaw(a.raw, store)).toEqual(payload('sha256:aa'));
    expect(joinRaw(b.raw, store)).toEqual(payload('sha256:bb'));
  });

  it('leaves payloads without those fields, small fields and everything else as they are', () => {
    const assessment = { id: 'x', properties: { displayName: 'Enable RBAC', status: { code: 'Unhealthy' }, description: 'short' } };
    const split = splitRaw(assessment, SHARED_VULNERABILITY_PATHS, digest);
    expect(split).toEqual({ raw: assessment, parts: [] });
    expect(splitRaw(null, SHARED_VULNERABILITY_PATHS, digest)).toEqual({ raw: null, parts: [] });
  });

  it('a marker whose part is missing stays visible rather than vanishing', () => {
    const raw = { properties: { description: { [RAW_PART_KEY]: 'gone' } } };
    expect(joinRaw(raw, new Map())).toEqual(raw);
  });
});
