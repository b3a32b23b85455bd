import { describe, expect, it } from 'vitest';
import { CONTROLS, EVIDENCE_SOURCE_IDS, type Control } from './controls';
import { ALERT_TYPES, DEFENDER_RECOMMENDATIONS, POLICY_DEFINITIONS, type PolicyDefinition } from './defender-recommendations';
import { DEFAULT_CONTROL_BY_SOURCE, classifyFinding, referenceIdsForControl, type ClassifyInput } from './classify';
import { getControl } from './status';

const CLUSTER = 'Microsoft.ContainerService/managedClusters';
const REGISTRY = 'Microsoft.ContainerRegistry/registries';

function input(overrides: Partial<ClassifyInput> & Pick<ClassifyInput, 'source' | 'kind'>): ClassifyInput {
  return { ruleId: 'unknown-rule', title: 'Something nobody has a pattern for', resourceType: null, ...overrides };
}

describe('classifyFinding: exact ids', () => {
  it('maps every Defender recommendation by assessment key, whatever its title', () => {
    for (const r of DEFENDER_RECOMMENDATIONS) {
      const got = classifyFinding(input({ source: 'defender-assessment', kind: 'recommendation', ruleId: r.key, resourceType: CLUSTER }));
      expect(got.controlId, r.displayName).toBe(r.controlId);
      expect(got.stage).toBe(getControl(r.controlId).stage);
    }
  });

  it('matches assessment keys case-insensitively', () => {
    const got = classifyFinding(
      input({ source: 'defender-assessment', kind: 'recommendation', ruleId: 'C0B7CFC6-3172-465A-B378-53C7FF2CC0D5' }),
    );
    expect(got).toEqual({ stage: 'build', controlId: 'build-registry-image-scanning' });
  });

  it('maps every policy definition by bare GUID and by full ARM id', () => {
    for (const p of POLICY_DEFINITIONS) {
      const bare = classifyFinding(input({ source: 'policy-state', kind: 'policy', ruleId: p.id }));
      const arm = classifyFinding(
        input({ source: 'policy-state', kind: 'policy', ruleId: `/providers/Microsoft.Authorization/policyDefinitions/${p.id.toUpperCase()}` }),
      );
      expect(bare.controlId, p.displayName).toBe(p.controlId);
      expect(arm.controlId, p.displayName).toBe(p.controlId);
    }
  });

  it('maps policies known only through a recommendation link', () => {
    // cf820ca0 (Key Vault resource logs) is not in POLICY_DEFINITIONS but is linked from a recommendation.
    const policies: readonly PolicyDefinition[] = POLICY_DEFINITIONS;
    expect(policies.some((p) => p.id === 'cf820ca0-f99e-4f3e-84fb-66e913812d21')).toBe(false);
    const got = classifyFinding(input({ source: 'policy-state', kind: 'policy', ruleId: 'cf820ca0-f99e-4f3e-84fb-66e913812d21' }));
    expect(got.controlId).toBe('operate-diagnostics');
  });

  it('maps every alert type exactly', () => {
    for (const a of ALERT_TYPES) {
      const got = classifyFinding(input({ source: 'defender-alert', kind: 'alert', ruleId: a.alertType, title: a.displayName }));
      expect(got.controlId, a.alertType).toBe(a.controlId);
    }
  });

  it('prefers the exact id over a title pattern that points elsewhere', () => {
    // Title says "code scanning" (build-sast pattern) but the key is the registry-image recommendation.
    const got = classifyFinding(
      input({ source: 'defender-assessment', kind: 'recommendation', ruleId: 'c0b7cfc6-3172-465a-b378-53c7ff2cc0d5', title: 'code scanning' }),
    );
    expect(got.controlId).toBe('build-registry-image-scanning');
  });

  it('maps inventory checks and pipeline tools', () => {
    expect(classifyFinding(input({ source: 'inventory', kind: 'recommendation', ruleId: 'cluster-network-policy' })).controlId).toBe(
      'operate-network-policies',
    );
    expect(classifyFinding(input({ source: 'inventory', kind: 'recommendation', ruleId: 'registry-admin-user-disabled' })).controlId).toBe(
      'deploy-deployment-credentials',
    );
    expect(classifyFinding(input({ source: 'pipeline-report', kind: 'pipeline', categories: ['Gitleaks'] })).controlId).toBe(
      'build-secret-scanning',
    );
    expect(classifyFinding(input({ source: 'pipeline-report', kind: 'pipeline', ruleId: 'zap:10202' })).controlId).toBe('deploy-dast');
    expect(classifyFinding(input({ source: 'pipeline-report', kind: 'pipeline', categories: ['trivy'] })).controlId).toBe(
      'develop-container-image-hardening',
    );
    expect(classifyFinding(input({ source: 'pipeline-report', kind: 'pipeline', categories: ['checkov'] })).controlId).toBe(
      'build-iac-scanning',
    );
  });

  it('maps every pipeline tool and inventory check named in the catalog back to its control', () => {
    const controls: readonly Control[] = CONTROLS;
    for (const c of controls) {
      for (const e of c.evidence) {
        for (const tool of e.match.reportTools ?? []) {
          expect(classifyFinding(input({ source: 'pipeline-report', kind: 'pipeline', categories: [tool] })).controlId, tool).toBe(c.id);
        }
        for (const check of e.match.inventoryChecks ?? []) {
          expect(classifyFinding(input({ source: 'inventory', kind: 'recommendation', ruleId: check })).controlId, check).toBe(c.id);
        }
      }
    }
  });
});

describe('classifyFinding: patterns', () => {
  it('files an unknown Defender recommendation by its display name', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['GitLab projects should have secrets scanning findings resolved', 'build-secret-scanning'],
      ['GitLab projects should have code scanning findings resolved', 'build-sast'],
      ['GitLab projects should have infrastructure as code scanning findings resolved', 'build-iac-scanning'],
      ['Kubernetes Services should be upgraded to a non-vulnerable Kubernetes version', 'operate-cluster-updates'],
      ['Azure Arc-enabled Kubernetes clusters should have the Azure Policy extension installed', 'operate-azure-policy-governance'],
      ['Resource logs in Azure Container Registry should be enabled', 'operate-diagnostics'],
      ['GitHub environments should have protection rules', 'deploy-pipeline-access-control'],
    ];
    for (const [title, controlId] of cases) {
      const got = classifyFinding(input({ source: 'defender-assessment', kind: 'recommendation', ruleId: '00000000-0000-0000-0000-000000000000', title }));
      expect(got.controlId, title).toBe(controlId);
    }
  });

  it('never sends a reference recommendation to a different control by title than by key', () => {
    // With an unknown key, the title may fall through to the default, but must not land on a wrong control.
    for (const r of DEFENDER_RECOMMENDATIONS) {
      const got = classifyFinding(
        input({ source: 'defender-assessment', kind: 'recommendation', ruleId: 'ffffffff-0000-0000-0000-000000000000', title: r.displayName }),
      );
      expect([r.controlId, DEFAULT_CONTROL_BY_SOURCE['defender-assessment']], r.displayName).toContain(got.controlId);
    }
  });

  it('files an unknown K8S_Exposed alert under network protection by its alert type', () => {
    const got = classifyFinding(input({ source: 'defender-alert', kind: 'alert', ruleId: 'K8S_ExposedPostgresTrustAuth' }));
    expect(got.controlId).toBe('operate-network-protection');
  });

  it('files a Sentinel incident about a disabled account under audit logging', () => {
    const got = classifyFinding(
      input({ source: 'sentinel-incident', kind: 'incident', title: 'Sign-in attempt by a disabled account to AKS' }),
    );
    expect(got.controlId).toBe('operate-audit-logging');
  });

  it('never runs title patterns on vulnerabilities', () => {
    // A CVE title that happens to contain words of a control pattern stays with image scanning.
    const got = classifyFinding(
      input({ source: 'defender-vulnerability', kind: 'vulnerability', ruleId: 'CVE-2024-0001', title: 'kubernetes version code scanning', resourceType: REGISTRY }),
    );
    expect(got.controlId).toBe('build-registry-image-scanning');
  });
});

describe('classifyFinding: defaults', () => {
  it('files registry image CVEs under build registry scanning and runtime ones under operate scanning', () => {
    expect(
      classifyFinding(input({ source: 'defender-vulnerability', kind: 'vulnerability', ruleId: 'CVE-2023-1', resourceType: REGISTRY })),
    ).toEqual({ stage: 'build', controlId: 'build-registry-image-scanning' });
    expect(
      classifyFinding(input({ source: 'defender-vulnerability', kind: 'vulnerability', ruleId: 'CVE-2023-1', resourceType: 'microsoft.containerservice/managedclusters' })),
    ).toEqual({ stage: 'operate', controlId: 'operate-continuous-image-scanning' });
    expect(
      classifyFinding(input({ source: 'defender-vulnerability', kind: 'vulnerability', ruleId: 'CVE-2023-1', resourceType: null })).controlId,
    ).toBe('build-registry-image-scanning');
  });

  it('uses the documented default per source', () => {
    expect(classifyFinding(input({ source: 'defender-assessment', kind: 'recommendation', resourceType: CLUSTER }))).toEqual({
      stage: 'operate',
      controlId: 'operate-defender-configuration-baseline',
    });
    expect(classifyFinding(input({ source: 'defender-alert', kind: 'alert', ruleId: 'SOMETHING_NEW' }))).toEqual({
      stage: 'operate',
      controlId: 'operate-active-threat-monitoring',
    });
    expect(classifyFinding(input({ source: 'policy-state', kind: 'policy', ruleId: '11111111-1111-1111-1111-111111111111' }))).toEqual({
      stage: 'operate',
      controlId: 'operate-azure-policy-governance',
    });
    expect(classifyFinding(input({ source: 'sentinel-incident', kind: 'incident' }))).toEqual({
      stage: 'operate',
      controlId: 'operate-siem',
    });
    expect(classifyFinding(input({ source: 'pipeline-report', kind: 'pipeline' })).controlId).toBe('build-sast');
    expect(classifyFinding(input({ source: 'inventory', kind: 'recommendation' })).controlId).toBe('plan-secure-platform-design');
  });

  it('names, for each source, a default control that lists that source as evidence', () => {
    for (const source of EVIDENCE_SOURCE_IDS) {
      const control: Control = getControl(DEFAULT_CONTROL_BY_SOURCE[source]);
      expect(control.evidence.some((e) => e.source === source), source).toBe(true);
    }
  });
});

describe('referenceIdsForControl', () => {
  it('lists the exact ids that belong to a control', () => {
    const refs = referenceIdsForControl('operate-no-privileged-containers');
    expect(refs.assessmentKeys).toContain('5d90913f-a1c5-4429-ad54-2c6c17fb3c73');
    expect(refs.policyDefinitionIds).toContain('95edb821-ddaf-4404-9732-666045e056b4');
    expect(refs.alertTypes).toEqual(['K8S_PrivilegedContainer', 'K8S.NODE_PrivilegedContainerArtifacts']);
    expect(referenceIdsForControl('plan-threat-modelling')).toEqual({ assessmentKeys: [], policyDefinitionIds: [], alertTypes: [] });
  });
});

describe('classifyFinding: speed', () => {
  it('classifies 200k mixed findings well under a second', () => {
    const samples: ClassifyInput[] = [
      input({ source: 'defender-vulnerability', kind: 'vulnerability', ruleId: 'CVE-2024-1', resourceType: REGISTRY }),
      input({ source: 'defender-assessment', kind: 'recommendation', ruleId: '5d90913f-a1c5-4429-ad54-2c6c17fb3c73' }),
      input({ source: 'defender-assessment', kind: 'recommendation', title: 'A recommendation with no pattern at all' }),
      input({ source: 'policy-state', kind: 'policy', ruleId: '/providers/Microsoft.Authorization/policyDefinitions/febd0533-8e55-448f-b837-bd0e06f16469' }),
      input({ source: 'defender-alert', kind: 'alert', ruleId: 'K8S.NODE_ReverseShell' }),
    ];
    classifyFinding(samples[0]!); // build lookups outside the timed loop
    const start = performance.now();
    for (let i = 0; i < 200_000; i++) classifyFinding(samples[i % samples.length]!);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
