// The control catalog: every practice of the reference article "DevSecOps on Azure Kubernetes Service (AKS)" as one
// or more controls, grouped by lifecycle stage. Wording is ours. Exact record ids (assessment keys, policy
// definition GUIDs, alert types) live in defender-recommendations.ts keyed by controlId, so each id has one home;
// the `match` below only holds what cannot be listed exhaustively: title patterns, pipeline tool names and
// inventory checks.
import type { SourceId, Stage, TeamRole } from '@/lib/domain/model';

/** Where evidence comes from: a sync source, or CI reports (SARIF, Trivy, ZAP, gitleaks) uploaded later. */
export const EVIDENCE_SOURCE_IDS = [
  'inventory',
  'defender-assessment',
  'defender-vulnerability',
  'defender-alert',
  'policy-state',
  'sentinel-incident',
  'pipeline-report',
] as const satisfies readonly (SourceId | 'pipeline-report')[];
export type EvidenceSourceId = (typeof EVIDENCE_SOURCE_IDS)[number];

/**
 * How a control's status is computed from the findings mapped to it:
 * - no-open-findings: fail on any open finding.
 * - no-open-critical-or-high / no-open-medium-or-above: fail only on open findings at or above that severity;
 *   lower ones are tracked but do not fail the control (image CVEs and alert noise would otherwise never pass).
 * - manual-attestation: nothing automated can prove it; 'no-evidence' until attestations exist.
 * In every automated rule, no mapped record at all means 'no-evidence', never 'pass'.
 */
export const STATUS_RULE_KINDS = [
  'no-open-findings',
  'no-open-critical-or-high',
  'no-open-medium-or-above',
  'manual-attestation',
] as const;
export type StatusRuleKind = (typeof STATUS_RULE_KINDS)[number];

/** Checks the inventory connector can evaluate on cluster and registry rows. */
export const INVENTORY_CHECKS = [
  'cluster-network-policy',
  'cluster-monitoring-enabled',
  'cluster-local-accounts-disabled',
  'cluster-entra-integration',
  'cluster-api-server-restricted',
  'cluster-defender-profile',
  'cluster-azure-policy-addon',
  'cluster-kubernetes-version-supported',
  'cluster-auto-upgrade-channel',
  'cluster-node-os-upgrade-channel',
  'cluster-node-image-current',
  'cluster-workload-identity',
  'cluster-keyvault-secrets-provider',
  'registry-admin-user-disabled',
  'registry-anonymous-pull-disabled',
  'registry-public-network-disabled',
] as const;
export type InventoryCheck = (typeof INVENTORY_CHECKS)[number];

export interface EvidenceMatch {
  /** Case-insensitive regular-expression sources tested against the record title (display name). */
  readonly titlePatterns?: readonly string[];
  /** Case-insensitive regular-expression sources tested against the rule id (alert type, policy name). */
  readonly ruleIdPatterns?: readonly string[];
  /** Pipeline report tools, lower-case, as the upload names them. */
  readonly reportTools?: readonly string[];
  readonly inventoryChecks?: readonly InventoryCheck[];
  /** Records of this source that no other control claims land here (see DEFAULT_CONTROL_BY_SOURCE). */
  readonly unclaimed?: boolean;
  /** True when defender-recommendations.ts lists exact ids for this control and source. */
  readonly referenceIds?: boolean;
}

export interface EvidenceSpec {
  readonly source: EvidenceSourceId;
  readonly description: string;
  readonly match: EvidenceMatch;
}

export interface Control {
  readonly id: string;
  readonly stage: Stage;
  readonly title: string;
  readonly summary: string;
  /** Short name of the article practice this control comes from. */
  readonly practice: string;
  readonly ownerRoles: readonly [TeamRole, ...TeamRole[]];
  readonly evidence: readonly EvidenceSpec[];
  readonly statusRule: StatusRuleKind;
  readonly manual: boolean;
}

const MANUAL_NOTE = 'No automated source can show this; it stays "no evidence" until attestations are recorded.';

export const CONTROLS = [
  // ------------------------------------------------------------------ plan
  {
    id: 'plan-secure-platform-design',
    stage: 'plan',
    title: 'Platform designed with identity and network boundaries',
    summary:
      'Clusters, registries and vaults follow a landing-zone design: Kubernetes RBAC with Entra ID, a restricted or private API server, and registries and vaults reachable only from known networks.',
    practice: 'Design a more secure application platform',
    ownerRoles: ['cluster-operator', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender recommendations on API server access, RBAC, and registry or vault network exposure.',
        match: { referenceIds: true, titlePatterns: ['private (link|endpoint)', 'authorized ip ranges'] },
      },
      {
        source: 'policy-state',
        description: 'Compliance with built-in policies for authorized IP ranges, RBAC and registry network access.',
        match: { referenceIds: true },
      },
      {
        source: 'inventory',
        description:
          'Cluster and registry settings read from ARM: Entra ID integration, local accounts off, a private or IP-restricted API server; registry anonymous pull and public network access off.',
        match: {
          inventoryChecks: [
            'cluster-entra-integration',
            'cluster-local-accounts-disabled',
            'cluster-api-server-restricted',
            'registry-anonymous-pull-disabled',
            'registry-public-network-disabled',
          ],
        },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'plan-threat-modelling',
    stage: 'plan',
    title: 'Threat model kept current',
    summary: `A STRIDE threat model, drawn from a data-flow diagram, exists for each application and is revisited after major architecture changes or incidents. ${MANUAL_NOTE}`,
    practice: 'Build threat modeling into your process',
    ownerRoles: ['security', 'developer', 'manager'],
    evidence: [],
    statusRule: 'manual-attestation',
    manual: true,
  },
  {
    id: 'plan-waf-review',
    stage: 'plan',
    title: 'Well-Architected security and operations review done',
    summary: `The workload has been reviewed against the Well-Architected Framework security and operational-excellence pillars and the gaps are tracked. ${MANUAL_NOTE}`,
    practice: 'Apply the Azure Well-Architected Framework',
    ownerRoles: ['security', 'cluster-operator', 'manager'],
    evidence: [],
    statusRule: 'manual-attestation',
    manual: true,
  },
  // --------------------------------------------------------------- develop
  {
    id: 'develop-secure-coding-standards',
    stage: 'develop',
    title: 'Secure coding and log-masking standards adopted',
    summary: `Teams code to OWASP and language-specific guidance, and logging frameworks mask personal data and account numbers before they reach logs. ${MANUAL_NOTE}`,
    practice: 'Enforce secure coding standards',
    ownerRoles: ['developer', 'security'],
    evidence: [],
    statusRule: 'manual-attestation',
    manual: true,
  },
  {
    id: 'develop-ide-security-tooling',
    stage: 'develop',
    title: 'Security linting in the editor',
    summary: `Developers run security plugins (SonarLint, Snyk, a SARIF viewer) in their IDE so issues surface while typing, before any commit. ${MANUAL_NOTE}`,
    practice: 'Use IDE tools and plugins to automate security checks',
    ownerRoles: ['developer'],
    evidence: [],
    statusRule: 'manual-attestation',
    manual: true,
  },
  {
    id: 'develop-source-repository-controls',
    stage: 'develop',
    title: 'Protected branches, reviews and least-privilege repository roles',
    summary:
      'Main branches reject direct pushes and need peer approval, repository roles follow least privilege, and changes to workflows are audited.',
    practice: 'Establish controls on your source code repositories',
    ownerRoles: ['developer', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender for DevOps posture findings on GitHub and Azure DevOps repository settings.',
        match: {
          referenceIds: true,
          titlePatterns: ['branch protection', 'branch polic', 'required review', 'repository.*(admin|permission)'],
        },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'develop-pre-commit-secret-hooks',
    stage: 'develop',
    title: 'Pre-commit hooks block secrets',
    summary: `Local pre-commit hooks scan for keys, tokens and passwords and stop the commit when they find one. ${MANUAL_NOTE}`,
    practice: 'Establish controls on your source code repositories',
    ownerRoles: ['developer'],
    evidence: [],
    statusRule: 'manual-attestation',
    manual: true,
  },
  {
    id: 'develop-container-image-hardening',
    stage: 'develop',
    title: 'Minimal, trusted base images checked locally',
    summary:
      'Images start from small trusted bases (distroless, Alpine, Azure Linux) pulled from a private scanned registry, and developers scan them with Trivy before pushing.',
    practice: 'Secure your container images',
    ownerRoles: ['developer'],
    evidence: [
      {
        source: 'pipeline-report',
        description: 'Trivy or Grype image reports uploaded from developer or pre-merge runs.',
        match: { reportTools: ['trivy', 'grype'] },
      },
    ],
    statusRule: 'no-open-critical-or-high',
    manual: false,
  },
  {
    id: 'develop-non-root-containers',
    stage: 'develop',
    title: 'Containers run as non-root with an AppArmor profile',
    summary:
      'Images declare a non-root user and pods set runAsNonRoot, with an approved AppArmor profile for sensitive workloads.',
    practice: 'Secure your container images',
    ownerRoles: ['developer', 'app-operator'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender data-plane recommendations on root users and AppArmor profiles.',
        match: { referenceIds: true, titlePatterns: ['as root', 'run ?as ?non ?root', 'apparmor'] },
      },
      {
        source: 'policy-state',
        description: 'Compliance with the approved user/group ID and AppArmor pod policies.',
        match: { referenceIds: true },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  // ----------------------------------------------------------------- build
  {
    id: 'build-sast',
    stage: 'build',
    title: 'Static analysis gates every pull request',
    summary:
      'CodeQL or an equivalent SAST tool runs on each pull request as a required check, and its findings are fixed or triaged.',
    practice: 'Perform static code analysis (SAST)',
    ownerRoles: ['developer', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender for DevOps code-scanning findings from GitHub and Azure DevOps.',
        match: { referenceIds: true, titlePatterns: ['(?<!as )code scanning'] }, // not "infrastructure as code scanning"
      },
      {
        source: 'pipeline-report',
        description: 'SARIF uploads from SAST tools.',
        match: { reportTools: ['codeql', 'semgrep', 'sonarqube', 'bandit', 'eslint', 'sarif'] },
      },
    ],
    statusRule: 'no-open-critical-or-high',
    manual: false,
  },
  {
    id: 'build-k8s-manifest-analysis',
    stage: 'build',
    title: 'Kubernetes manifests statically analysed',
    summary: 'Deployment YAML and Helm output pass kube-score (or kubesec/kube-linter) in CI before they can ship.',
    practice: 'Perform static code analysis (SAST)',
    ownerRoles: ['app-operator', 'developer'],
    evidence: [
      {
        source: 'pipeline-report',
        description: 'kube-score, kubesec or kube-linter reports.',
        match: { reportTools: ['kube-score', 'kubesec', 'kube-linter'] },
      },
    ],
    statusRule: 'no-open-critical-or-high',
    manual: false,
  },
  {
    id: 'build-secret-scanning',
    stage: 'build',
    title: 'No secrets in repositories or build output',
    summary:
      'Secret scanning covers every repository, including its full history, and any leaked credential is revoked and rotated.',
    practice: 'Perform secret scanning',
    ownerRoles: ['developer', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender for DevOps secret-scanning findings.',
        match: { referenceIds: true, titlePatterns: ['secrets? scanning'] },
      },
      {
        source: 'pipeline-report',
        description: 'gitleaks or other secret-scanner reports.',
        match: { reportTools: ['gitleaks', 'trufflehog', 'detect-secrets', 'credscan'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'build-dependency-scanning',
    stage: 'build',
    title: 'Open-source dependencies tracked and patched',
    summary:
      'Dependency review blocks pull requests that add known-vulnerable packages, and Dependabot-style alerts on existing ones are worked down.',
    practice: 'Use software composition analysis (SCA)',
    ownerRoles: ['developer'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender for DevOps dependency-vulnerability findings.',
        match: { referenceIds: true, titlePatterns: ['dependency vulnerabilit', 'compromised packages'] },
      },
      {
        source: 'pipeline-report',
        description: 'SCA reports.',
        match: { reportTools: ['dependabot', 'npm-audit', 'osv-scanner', 'snyk', 'dependency-check'] },
      },
    ],
    statusRule: 'no-open-critical-or-high',
    manual: false,
  },
  {
    id: 'build-iac-scanning',
    stage: 'build',
    title: 'Infrastructure as code scanned before apply',
    summary: 'Bicep, Terraform and Helm templates are scanned in CI so cloud misconfigurations are caught before deployment.',
    practice: 'Enable security scans of Infrastructure as Code templates',
    ownerRoles: ['cluster-operator', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender for DevOps infrastructure-as-code findings.',
        match: { referenceIds: true, titlePatterns: ['infrastructure as code'] },
      },
      {
        source: 'pipeline-report',
        description: 'IaC scanner reports.',
        match: { reportTools: ['checkov', 'tfsec', 'terrascan', 'kics', 'template-analyzer'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'build-registry-image-scanning',
    stage: 'build',
    title: 'Registry images scanned with no critical or high CVEs',
    summary:
      'Defender for Containers scans every image pushed to Container Registry, and no stored image carries an open critical or high vulnerability.',
    practice: 'Scan workload images in container registries',
    ownerRoles: ['developer', 'security'],
    evidence: [
      {
        source: 'defender-vulnerability',
        description: 'Per-CVE findings on registry images (MDVM or legacy Qualys sub-assessments).',
        match: { unclaimed: true },
      },
      {
        source: 'defender-assessment',
        description: 'The registry-image vulnerability recommendations themselves.',
        match: { referenceIds: true, titlePatterns: ['registry (container )?images? .*vulnerabilit'] },
      },
      {
        source: 'policy-state',
        description: 'The registry-vulnerability audit policy.',
        match: { referenceIds: true },
      },
    ],
    statusRule: 'no-open-critical-or-high',
    manual: false,
  },
  {
    id: 'build-base-image-rebuild',
    stage: 'build',
    title: 'Images rebuilt when their base image changes',
    summary: `An ACR task (or equivalent trigger) rebuilds every application image when its base image is updated. ${MANUAL_NOTE}`,
    practice: 'Automatically build new images on base image update',
    ownerRoles: ['developer', 'app-operator'],
    evidence: [],
    statusRule: 'manual-attestation',
    manual: true,
  },
  {
    id: 'build-image-signing',
    stage: 'build',
    title: 'Images signed and verified at admission',
    summary:
      'Images are signed with Notation using a Key Vault key, and clusters admit only images whose signature Ratify (or image integrity) verifies.',
    practice: 'Sign container images and allow only validated images',
    ownerRoles: ['developer', 'cluster-operator', 'security'],
    evidence: [
      {
        source: 'policy-state',
        description: 'Image-integrity / signature-verification policy compliance.',
        match: { titlePatterns: ['image integrity', 'signed images?', 'signature'] },
      },
      {
        source: 'pipeline-report',
        description: 'Signing and verification step reports.',
        match: { reportTools: ['notation', 'ratify', 'cosign'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  // ---------------------------------------------------------------- deploy
  {
    id: 'deploy-pipeline-access-control',
    stage: 'deploy',
    title: 'Gated deployment environments',
    summary:
      'Production environments have protection rules and required approvals from security or operations, and status checks must pass before release.',
    practice: 'Control the access and workflow of the deployment pipeline',
    ownerRoles: ['app-operator', 'cluster-operator'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender for DevOps findings about environment protection and pipeline approvals.',
        match: { titlePatterns: ['environment.*(protection|approv|reviewer)', 'pipeline.*(approv|gate|permission)'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'deploy-deployment-credentials',
    stage: 'deploy',
    title: 'No long-lived deployment credentials',
    summary:
      'Pipelines reach Azure through OIDC workload identity (or GitOps pulls from inside the cluster), local cluster and registry admin accounts are off, and vault secrets expire.',
    practice: 'Secure deployment credentials',
    ownerRoles: ['app-operator', 'cluster-operator', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Recommendations on secret expiry and long-lived credentials.',
        match: { referenceIds: true, titlePatterns: ['federated credential', 'long-lived', 'local (admin|authentication|account)'] },
      },
      {
        source: 'policy-state',
        description: 'Policies disabling AKS local accounts and the ACR admin user.',
        match: { referenceIds: true },
      },
      {
        source: 'inventory',
        description: 'Registry admin user flag, workload identity and the Key Vault secrets provider, read from ARM.',
        match: { inventoryChecks: ['registry-admin-user-disabled', 'cluster-workload-identity', 'cluster-keyvault-secrets-provider'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'deploy-dast',
    stage: 'deploy',
    title: 'Dynamic tests run against each release',
    summary: 'Deployment workflows run ZAP (or API security tests) against the running app and high-risk findings block promotion.',
    practice: 'Run dynamic application security tests (DAST)',
    ownerRoles: ['app-operator', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender for DevOps API security testing findings.',
        match: { referenceIds: true, titlePatterns: ['api security testing'] },
      },
      {
        source: 'pipeline-report',
        description: 'ZAP or other DAST reports.',
        match: { reportTools: ['zap', 'owasp-zap', 'nuclei', 'burp'] },
      },
    ],
    statusRule: 'no-open-critical-or-high',
    manual: false,
  },
  {
    id: 'deploy-trusted-registries',
    stage: 'deploy',
    title: 'Only images from trusted registries are admitted',
    summary: 'The allowed-images policy is assigned in deny mode, so clusters refuse pods whose image is not from an approved registry.',
    practice: 'Deploy container images from trusted registries only',
    ownerRoles: ['cluster-operator', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'The trusted-registries recommendation.',
        match: { referenceIds: true, titlePatterns: ['trusted registr', 'allowed (container )?images'] },
      },
      {
        source: 'policy-state',
        description: 'Compliance with the allowed-images policy.',
        match: { referenceIds: true },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  // --------------------------------------------------------------- operate
  {
    id: 'operate-continuous-image-scanning',
    stage: 'operate',
    title: 'Running images rescanned with no critical or high CVEs',
    summary:
      'Images running in clusters are rescanned continuously, and vulnerable ones are patched and redeployed so no critical or high CVE stays open.',
    practice: 'Use Defender for Cloud for automated scanning and monitoring',
    ownerRoles: ['app-operator', 'security'],
    evidence: [
      {
        source: 'defender-vulnerability',
        description: 'Per-CVE findings on images running in AKS clusters.',
        match: { unclaimed: true },
      },
      {
        source: 'defender-assessment',
        description: 'The running-image vulnerability recommendations themselves.',
        match: { referenceIds: true, titlePatterns: ['running container images?.*vulnerabilit', 'containers running in .*vulnerabilit'] },
      },
    ],
    statusRule: 'no-open-critical-or-high',
    manual: false,
  },
  {
    id: 'operate-defender-coverage',
    stage: 'operate',
    title: 'Defender plans and sensors switched on',
    summary:
      'Defender for Containers and Defender for Key Vault are enabled, and every cluster runs the Defender sensor so it gets scanning and runtime protection.',
    practice: 'Use Defender for Cloud for automated scanning and monitoring',
    ownerRoles: ['cluster-operator', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Recommendations that a Defender plan, profile or extension is missing.',
        match: { referenceIds: true, titlePatterns: ['defender (profile|extension|sensor)', 'defender for (containers|key vault) should be enabled'] },
      },
      {
        source: 'policy-state',
        description: 'Policies requiring the Defender plans and the cluster Defender profile.',
        match: { referenceIds: true },
      },
      {
        source: 'inventory',
        description: 'The Defender sensor (security profile) read from the cluster resource.',
        match: { inventoryChecks: ['cluster-defender-profile'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-defender-configuration-baseline',
    stage: 'operate',
    title: 'Cluster configuration matches the Defender baseline',
    summary:
      'Clusters and workloads have no open Defender container hardening recommendations: read-only root filesystems, dropped capabilities, resource limits, no default namespace.',
    practice: 'Use Defender for Cloud for automated scanning and monitoring',
    ownerRoles: ['cluster-operator', 'app-operator'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender container recommendations not claimed by a more specific control.',
        match: { referenceIds: true, unclaimed: true },
      },
      {
        source: 'policy-state',
        description: 'Workload hardening policies behind those recommendations.',
        match: { referenceIds: true },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-network-protection',
    stage: 'operate',
    title: 'Workload network exposure limited',
    summary:
      'Ingress is HTTPS-only, services listen only on approved ports, pods stay off the host network, and no dashboards or sensitive services are exposed publicly.',
    practice: 'Use Defender for Cloud for automated scanning and monitoring',
    ownerRoles: ['cluster-operator', 'app-operator'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender network protection recommendations for clusters.',
        match: { referenceIds: true, titlePatterns: ['host network', 'allowed ports', 'only over https'] },
      },
      {
        source: 'policy-state',
        description: 'HTTPS ingress, allowed ports and host network policies.',
        match: { referenceIds: true },
      },
      {
        source: 'defender-alert',
        description: 'Alerts that a dashboard or sensitive service was exposed through a load balancer.',
        match: { referenceIds: true, ruleIdPatterns: ['^K8S_Exposed'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-cluster-updates',
    stage: 'operate',
    title: 'Kubernetes versions and node images kept current',
    summary:
      'Clusters run a supported, non-vulnerable Kubernetes version, and node images are patched weekly through automatic upgrade channels inside planned maintenance windows.',
    practice: 'Keep your Kubernetes clusters updated',
    ownerRoles: ['cluster-operator'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Recommendations on Kubernetes version and node vulnerabilities.',
        match: { referenceIds: true, titlePatterns: ['kubernetes version', 'aks nodes'] },
      },
      {
        source: 'policy-state',
        description: 'The non-vulnerable Kubernetes version policy.',
        match: { referenceIds: true },
      },
      {
        source: 'inventory',
        description:
          'The cluster resource: Kubernetes version against the versions AKS supports in its region, upgrade channels and node image age.',
        match: {
          inventoryChecks: [
            'cluster-kubernetes-version-supported',
            'cluster-auto-upgrade-channel',
            'cluster-node-os-upgrade-channel',
            'cluster-node-image-current',
          ],
        },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-azure-policy-governance',
    stage: 'operate',
    title: 'Azure Policy add-on installed and assignments enforced',
    summary:
      'Every cluster runs the Azure Policy add-on (Gatekeeper), the security initiatives are assigned, and their compliance results are clean.',
    practice: 'Use Azure Policy to secure and govern your AKS clusters',
    ownerRoles: ['security', 'cluster-operator'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Recommendations that the policy add-on or extension is missing.',
        match: { referenceIds: true, titlePatterns: ['azure policy (add-on|extension)'] },
      },
      {
        source: 'policy-state',
        description: 'Any non-compliant policy state not claimed by a more specific control.',
        match: { referenceIds: true, unclaimed: true },
      },
      {
        source: 'inventory',
        description: 'The Azure Policy add-on read from the cluster resource.',
        match: { inventoryChecks: ['cluster-azure-policy-addon'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-no-privileged-containers',
    stage: 'operate',
    title: 'Privileged containers blocked',
    summary:
      'Policy denies privileged pods, privilege escalation, host PID/IPC sharing and CAP_SYS_ADMIN, and Defender sees no privileged container start.',
    practice: 'Use Azure Policy to secure and govern your AKS clusters',
    ownerRoles: ['cluster-operator', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Defender recommendations on privileged and escalating containers.',
        match: { referenceIds: true, titlePatterns: ['privileged container', 'privilege escalation', 'host namespaces', 'capsysadmin'] },
      },
      {
        source: 'policy-state',
        description: 'Privileged-container and privilege-escalation policies.',
        match: { referenceIds: true },
      },
      {
        source: 'defender-alert',
        description: 'Alerts that a privileged container was started.',
        match: { referenceIds: true },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-network-policies',
    stage: 'operate',
    title: 'Pod traffic restricted by network policies',
    summary: 'Every cluster runs a network policy engine (Azure, Calico or Cilium) and namespaces carry policies that limit pod-to-pod traffic.',
    practice: 'Use Azure Policy to secure and govern your AKS clusters',
    ownerRoles: ['cluster-operator', 'app-operator'],
    evidence: [
      {
        source: 'inventory',
        description: 'The cluster network profile shows a network policy engine.',
        match: { inventoryChecks: ['cluster-network-policy'] },
      },
      {
        source: 'policy-state',
        description: 'Policies requiring network policies.',
        match: { titlePatterns: ['network polic'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-azure-monitor',
    stage: 'operate',
    title: 'Clusters onboarded to Azure Monitor',
    summary: 'Container insights (or managed Prometheus) collects metrics and logs from every cluster, with alerts on abnormal health and activity.',
    practice: 'Use Azure Monitor for continuous monitoring and alerting',
    ownerRoles: ['app-operator', 'cluster-operator'],
    evidence: [
      {
        source: 'inventory',
        description: 'The monitoring add-on or Azure Monitor profile is enabled on the cluster.',
        match: { inventoryChecks: ['cluster-monitoring-enabled'] },
      },
      {
        source: 'defender-assessment',
        description: 'Recommendations about missing monitoring agents.',
        match: { titlePatterns: ['container insights', 'azure monitor'] },
      },
      {
        source: 'policy-state',
        description: 'Policies requiring Container insights or Azure Monitor.',
        match: { titlePatterns: ['container insights', 'azure monitor'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-active-threat-monitoring',
    stage: 'operate',
    title: 'Runtime threat alerts triaged',
    summary:
      'Defender alerts from clusters, nodes and key vaults are investigated promptly; no medium or higher alert stays open.',
    practice: 'Use Defender for Cloud for active threat monitoring',
    ownerRoles: ['security', 'app-operator'],
    evidence: [
      {
        source: 'defender-alert',
        description: 'Defender for Containers and Key Vault security alerts not claimed by a more specific control.',
        match: { referenceIds: true, unclaimed: true, ruleIdPatterns: ['^K8S', '^KV_'] },
      },
    ],
    statusRule: 'no-open-medium-or-above',
    manual: false,
  },
  {
    id: 'operate-siem',
    stage: 'operate',
    title: 'Cluster logs analysed in Sentinel',
    summary: 'AKS diagnostics flow into Microsoft Sentinel through data connectors, and its high-severity incidents are closed quickly.',
    practice: 'Enable centralized log monitoring and use SIEM',
    ownerRoles: ['security'],
    evidence: [
      {
        source: 'sentinel-incident',
        description: 'Sentinel incidents not claimed by a more specific control.',
        match: { unclaimed: true },
      },
    ],
    statusRule: 'no-open-critical-or-high',
    manual: false,
  },
  {
    id: 'operate-audit-logging',
    stage: 'operate',
    title: 'Cluster activity audited, including deactivated accounts',
    summary:
      'Activity and Entra ID sign-in logs reach Log Analytics, CoreDNS query logging is on where needed, and sign-ins by disabled accounts raise alerts.',
    practice: 'Enable audit logging',
    ownerRoles: ['security', 'cluster-operator'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Recommendations about blocked or deprecated accounts that still hold permissions.',
        match: { referenceIds: true, titlePatterns: ['(deprecated|disabled|blocked) accounts'] },
      },
      {
        source: 'defender-alert',
        description: 'Alerts that Kubernetes events were deleted to hide activity.',
        match: { referenceIds: true },
      },
      {
        source: 'sentinel-incident',
        description: 'Incidents about sign-in attempts by disabled or deactivated accounts.',
        match: { titlePatterns: ['(disabled|deactivated|deleted) (user|account)', 'sign-?in.*(disabled|deactivated)'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
  {
    id: 'operate-diagnostics',
    stage: 'operate',
    title: 'Diagnostic settings on every resource',
    summary: 'Clusters, registries and key vaults send their resource logs to Log Analytics or Sentinel and keep them long enough to investigate.',
    practice: 'Enable diagnostics on your Azure resources',
    ownerRoles: ['cluster-operator', 'security'],
    evidence: [
      {
        source: 'defender-assessment',
        description: 'Recommendations that diagnostic or resource logs are not enabled.',
        match: { referenceIds: true, titlePatterns: ['(diagnostic|resource) logs'] },
      },
      {
        source: 'policy-state',
        description: 'Resource-log and diagnostic-setting policies.',
        match: { referenceIds: true, titlePatterns: ['(diagnostic|resource) (logs|settings)'] },
      },
    ],
    statusRule: 'no-open-findings',
    manual: false,
  },
] as const satisfies readonly Control[];

export type CatalogControl = (typeof CONTROLS)[number];
export type ControlId = CatalogControl['id'];
