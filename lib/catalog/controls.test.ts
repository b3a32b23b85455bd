import { describe, expect, it } from 'vitest';
import { STAGES, TEAM_ROLES } from '@/lib/domain/model';
import { CONTROLS, STATUS_RULE_KINDS, type Control } from './controls';
import { ALERT_TYPES, DEFENDER_RECOMMENDATIONS, POLICY_DEFINITIONS } from './defender-recommendations';
import { referenceIdsForControl } from './classify';
import { controlsForRole, controlsForStage, getControl, isControlId } from './status';

const controls: readonly Control[] = CONTROLS;
const controlIds = new Set(controls.map((c) => c.id));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('control catalog shape', () => {
  it('gives every control a unique kebab-case id prefixed by its stage', () => {
    expect(controlIds.size).toBe(controls.length);
    for (const c of controls) {
      // eslint-disable-next-line security/detect-unsafe-regex -- a test over the catalog's constant ids
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.id.startsWith(`${c.stage}-`)).toBe(true);
    }
  });

  it('gives every control a known stage, at least one known owner role, a title, a summary and a practice', () => {
    for (const c of controls) {
      expect(STAGES).toContain(c.stage);
      expect(c.ownerRoles.length).toBeGreaterThan(0);
      for (const role of c.ownerRoles) expect(TEAM_ROLES).toContain(role);
      expect(new Set(c.ownerRoles).size).toBe(c.ownerRoles.length);
      expect(c.title.length).toBeGreaterThan(5);
      expect(c.practice.length).toBeGreaterThan(5);
      expect(STATUS_RULE_KINDS).toContain(c.statusRule);
    }
  });

  it('keeps summaries to one or two sentences', () => {
    for (const c of controls) {
      const sentences = c.summary.split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '');
      expect(sentences.length, c.id).toBeGreaterThanOrEqual(1);
      expect(sentences.length, c.id).toBeLessThanOrEqual(3); // manual ones append the attestation note
    }
  });

  it('requires evidence for automated controls and none for manual ones', () => {
    for (const c of controls) {
      if (c.manual) {
        expect(c.statusRule, c.id).toBe('manual-attestation');
        expect(c.evidence, c.id).toHaveLength(0);
        expect(c.summary, c.id).toMatch(/no evidence/i);
      } else {
        expect(c.statusRule, c.id).not.toBe('manual-attestation');
        expect(c.evidence.length, c.id).toBeGreaterThan(0);
      }
    }
  });

  it('backs every evidence spec with something that can match a record', () => {
    for (const c of controls) {
      const refs = isControlId(c.id) ? referenceIdsForControl(c.id) : null;
      for (const e of c.evidence) {
        const m = e.match;
        const matchers =
          (m.titlePatterns?.length ?? 0) +
          (m.ruleIdPatterns?.length ?? 0) +
          (m.reportTools?.length ?? 0) +
          (m.inventoryChecks?.length ?? 0) +
          (m.unclaimed === true ? 1 : 0);
        const hasRefs = m.referenceIds === true;
        expect(matchers > 0 || hasRefs, `${c.id} / ${e.source}`).toBe(true);
        expect(e.description.length).toBeGreaterThan(5);
        if (hasRefs && refs !== null) {
          const count =
            e.source === 'defender-assessment'
              ? refs.assessmentKeys.length
              : e.source === 'policy-state'
                ? refs.policyDefinitionIds.length
                : e.source === 'defender-alert'
                  ? refs.alertTypes.length
                  : 0;
          // referenceIds: true must be backed by at least one entry of that source's reference list.
          expect(count, `${c.id} / ${e.source} claims reference ids`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('compiles every pattern as a case-insensitive regular expression', () => {
    for (const c of controls) {
      for (const e of c.evidence) {
        for (const p of [...(e.match.titlePatterns ?? []), ...(e.match.ruleIdPatterns ?? [])]) {
          // eslint-disable-next-line security/detect-non-literal-regexp -- compiling the catalog's patterns is the test
          expect(() => new RegExp(p, 'i'), `${c.id}: ${p}`).not.toThrow();
        }
      }
    }
  });
});

describe('coverage of the reference article', () => {
  it('has controls in every stage', () => {
    for (const stage of STAGES) expect(controlsForStage(stage).length, stage).toBeGreaterThan(0);
  });

  // Managers own only the plan-stage approvals (threat model, WAF review); every other role owns real work.
  it('gives every team role at least one control, and managers only plan-stage approvals', () => {
    for (const role of TEAM_ROLES) expect(controlsForRole(role).length, role).toBeGreaterThan(0);
    const managerControls = controlsForRole('manager').map((c) => c.id).sort();
    expect(managerControls).toEqual(['plan-threat-modelling', 'plan-waf-review']);
  });

  it('covers each practice the article names', () => {
    const practices = new Set(controls.map((c) => c.practice.toLowerCase()));
    const expected = [
      'secure application platform',
      'threat model',
      'well-architected',
      'secure coding',
      'ide tools',
      'source code repositories',
      'secure your container images',
      'static code analysis',
      'secret scanning',
      'software composition analysis',
      'infrastructure as code',
      'scan workload images',
      'base image update',
      'sign container images',
      'deployment pipeline',
      'deployment credentials',
      'dynamic application security tests',
      'trusted registries',
      'automated scanning and monitoring',
      'kubernetes clusters updated',
      'azure policy',
      'azure monitor',
      'active threat monitoring',
      'siem',
      'audit logging',
      'diagnostics',
    ];
    for (const phrase of expected) {
      expect([...practices].some((p) => p.includes(phrase)), phrase).toBe(true);
    }
  });

  it('splits out the separately named checks', () => {
    for (const id of [
      'develop-non-root-containers',
      'operate-no-privileged-containers',
      'operate-network-policies',
      'develop-pre-commit-secret-hooks',
      'build-k8s-manifest-analysis',
      'operate-defender-coverage',
    ]) {
      expect(controlIds.has(id), id).toBe(true);
    }
  });

  it('marks only the practices without an automated signal as manual', () => {
    const manual = controls.filter((c) => c.manual).map((c) => c.id).sort();
    expect(manual).toEqual([
      'build-base-image-rebuild',
      'develop-ide-security-tooling',
      'develop-pre-commit-secret-hooks',
      'develop-secure-coding-standards',
      'plan-threat-modelling',
      'plan-waf-review',
    ]);
  });
});

describe('lookups', () => {
  it('getControl returns the control and throws a clear error on an unknown id', () => {
    expect(getControl('build-registry-image-scanning').stage).toBe('build');
    expect(() => getControl('build-nope')).toThrow(/Unknown catalog control id "build-nope"/);
  });

  it('isControlId tells catalog ids from other strings', () => {
    expect(isControlId('operate-siem')).toBe(true);
    expect(isControlId('operate-sim')).toBe(false);
  });

  it('controlsForStage returns only that stage, in catalog order', () => {
    const build = controlsForStage('build');
    expect(build.every((c) => c.stage === 'build')).toBe(true);
    expect(build.map((c) => c.id)).toEqual(controls.filter((c) => c.stage === 'build').map((c) => c.id));
  });
});

describe('reference lists', () => {
  it('holds 30–60 recommendations, 15–30 policies and 15–30 alert types', () => {
    expect(DEFENDER_RECOMMENDATIONS.length).toBeGreaterThanOrEqual(30);
    expect(DEFENDER_RECOMMENDATIONS.length).toBeLessThanOrEqual(60);
    expect(POLICY_DEFINITIONS.length).toBeGreaterThanOrEqual(15);
    expect(POLICY_DEFINITIONS.length).toBeLessThanOrEqual(30);
    expect(ALERT_TYPES.length).toBeGreaterThanOrEqual(15);
    expect(ALERT_TYPES.length).toBeLessThanOrEqual(30);
  });

  it('maps every entry to an existing control', () => {
    for (const r of DEFENDER_RECOMMENDATIONS) expect(controlIds.has(r.controlId), r.key).toBe(true);
    for (const p of POLICY_DEFINITIONS) expect(controlIds.has(p.controlId), p.id).toBe(true);
    for (const a of ALERT_TYPES) expect(controlIds.has(a.controlId), a.alertType).toBe(true);
  });

  it('uses unique, lower-case GUID keys and ids', () => {
    const keys = DEFENDER_RECOMMENDATIONS.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(GUID);
    const ids = POLICY_DEFINITIONS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(GUID);
    for (const r of DEFENDER_RECOMMENDATIONS) if (r.policyDefinitionId !== null) expect(r.policyDefinitionId).toMatch(GUID);
    const alerts = ALERT_TYPES.map((a) => a.alertType);
    expect(new Set(alerts).size).toBe(alerts.length);
    for (const a of alerts) expect(a).toMatch(/^(K8S_|K8S\.NODE_|KV_)[A-Za-z_]+$/);
  });

  it('includes the known container vulnerability keys, MDVM and Qualys', () => {
    const byKey = new Map(DEFENDER_RECOMMENDATIONS.map((r) => [r.key, r.controlId]));
    expect(byKey.get('c0b7cfc6-3172-465a-b378-53c7ff2cc0d5')).toBe('build-registry-image-scanning');
    expect(byKey.get('dbd0cb49-b563-45e7-9724-889e799fa648')).toBe('build-registry-image-scanning');
    expect(byKey.get('c609cf0f-71ab-41e9-a3c6-9a1f7fe1b8d5')).toBe('operate-continuous-image-scanning');
    expect(byKey.get('41503391-efa5-47ee-9282-4eff6131462c')).toBe('operate-continuous-image-scanning');
  });

  it('agrees with itself: a policy linked from a recommendation maps to the same control in both lists', () => {
    const policyControl = new Map<string, string>(POLICY_DEFINITIONS.map((p) => [p.id, p.controlId]));
    for (const r of DEFENDER_RECOMMENDATIONS) {
      if (r.policyDefinitionId === null) continue;
      const listed = policyControl.get(r.policyDefinitionId);
      if (listed !== undefined) expect(listed, `${r.displayName} / ${r.policyDefinitionId}`).toBe(r.controlId);
    }
  });

  it('writes a one-line remediation for every recommendation', () => {
    for (const r of DEFENDER_RECOMMENDATIONS) {
      expect(r.remediation.length, r.key).toBeGreaterThan(10);
      expect(r.remediation, r.key).not.toContain('\n');
    }
  });
});
