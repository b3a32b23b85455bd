// Reference lists of real Microsoft Defender for Cloud recommendations, Azure Policy built-ins and Defender alert
// types that matter for AKS, ACR, Key Vault and the DevOps connectors, each tied to the catalog control it proves
// or disproves. classify.ts uses them for exact matches; the demo-tenant generator imports them to fabricate
// realistic records, so keys, names and severities must be the real ones.
//
// Provenance (read 2025, MicrosoftDocs/azure-docs): assessment keys, names, severities and related policy ids come
// from articles/defender-for-cloud/recommendations-reference-container.md, recommendations-reference-data.md (Key
// Vault, identity), transition-grouped-individual-recommendations.md (DevOps, AKS nodes) and release-notes.md (MDVM
// vs Qualys keys). Alert types come from alerts-containers.md and alerts-azure-key-vault.md. Policy definition GUIDs
// were cross-checked against the "Related policy" links of those pages and public Bicep/Terraform that assigns them.
// Entries marked UNVERIFIED were not confirmed against a Microsoft source in that pass.
import type { Severity } from '@/lib/domain/model';
import type { ControlId } from './controls';

export interface DefenderRecommendation {
  /** Assessment key (assessmentMetadata name), lower-case GUID. */
  readonly key: string;
  readonly displayName: string;
  readonly severity: Severity;
  readonly categories: readonly string[];
  /** One line, our own words: what to change so the recommendation turns healthy. */
  readonly remediation: string;
  /** Bare GUID of the related built-in policy definition, or null when Defender documents none. */
  readonly policyDefinitionId: string | null;
  readonly controlId: ControlId;
}

export interface PolicyDefinition {
  /** Bare GUID; the ARM id is `/providers/Microsoft.Authorization/policyDefinitions/<id>`. */
  readonly id: string;
  readonly displayName: string;
  /** Default effect of the built-in definition. */
  readonly effect: 'Audit' | 'AuditIfNotExists' | 'Deny' | 'DeployIfNotExists' | 'Disabled';
  readonly controlId: ControlId;
}

export interface AlertType {
  /** The `alertType` property of a Defender security alert. */
  readonly alertType: string;
  readonly displayName: string;
  readonly severity: Severity;
  readonly controlId: ControlId;
}

export const DEFENDER_RECOMMENDATIONS = [
  // --- Registry images (build) -------------------------------------------------------------------------------
  {
    key: 'c0b7cfc6-3172-465a-b378-53c7ff2cc0d5',
    displayName:
      'Azure registry container images should have vulnerabilities resolved (powered by Microsoft Defender Vulnerability Management)',
    severity: 'high',
    categories: ['Container', 'SoftwareUpdate'],
    remediation: 'Rebuild the image on a patched base or bump the vulnerable packages, push it, and retire the old tag.',
    policyDefinitionId: '090c7b07-b4ed-4561-ad20-e9075f3ccaff', // UNVERIFIED: MDVM variant of the registry policy
    controlId: 'build-registry-image-scanning',
  },
  {
    key: 'dbd0cb49-b563-45e7-9724-889e799fa648',
    displayName: 'Azure registry container images should have vulnerabilities resolved (powered by Qualys)',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Same fix as the MDVM recommendation; this older Qualys-based one still appears on legacy tenants.',
    policyDefinitionId: '5f0f936f-2f01-4bf5-b6be-d423792fa562',
    controlId: 'build-registry-image-scanning',
  },
  {
    key: '33422d8f-ab1e-42be-bc9a-38685bb567b9',
    displayName: 'Container images in Azure registry should have vulnerability findings resolved',
    severity: 'high',
    categories: ['Container', 'SoftwareUpdate'],
    remediation: 'Patch or rebuild each flagged registry image; this is the per-finding successor of the grouped one.',
    policyDefinitionId: null,
    controlId: 'build-registry-image-scanning',
  },
  // --- Running images and nodes (operate) --------------------------------------------------------------------
  {
    key: 'c609cf0f-71ab-41e9-a3c6-9a1f7fe1b8d5',
    displayName:
      'Azure running container images should have vulnerabilities resolved (powered by Microsoft Defender Vulnerability Management)',
    severity: 'high',
    categories: ['Container', 'SoftwareUpdate'],
    remediation: 'Redeploy the affected workloads from a fixed image digest; fixing the registry alone leaves pods exposed.',
    policyDefinitionId: null,
    controlId: 'operate-continuous-image-scanning',
  },
  {
    key: '41503391-efa5-47ee-9282-4eff6131462c',
    displayName: 'Azure running container images should have vulnerabilities resolved - (powered by Qualys)',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Redeploy running workloads from patched images; legacy Qualys-based equivalent of the MDVM one.',
    policyDefinitionId: null,
    controlId: 'operate-continuous-image-scanning',
  },
  {
    key: 'e9acaf48-d2cf-45a3-a6e7-3caa2ef769e0',
    displayName: 'Containers running in Azure should have vulnerability findings resolved',
    severity: 'high',
    categories: ['Container', 'SoftwareUpdate'],
    remediation: 'Roll the affected workloads to patched images; per-finding successor of the running-images one.',
    policyDefinitionId: null,
    controlId: 'operate-continuous-image-scanning',
  },
  {
    key: '24a15fbd-cfe4-4dff-b2be-1c367a6b2031',
    displayName: 'AKS nodes should have vulnerability findings resolved',
    severity: 'high',
    categories: ['Compute', 'ServiceUpgrade'],
    remediation: 'Upgrade the node image (or enable automatic node OS upgrades) so the node pools pick up fixes.',
    policyDefinitionId: null,
    controlId: 'operate-cluster-updates',
  },
  // --- Defender and policy coverage (operate) ----------------------------------------------------------------
  {
    key: '56a83a6e-c417-42ec-b567-1e6fcb3d09a9',
    displayName: 'Azure Kubernetes Service clusters should have Defender profile enabled',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Turn on the Defender security profile on the cluster so the sensor collects runtime events.',
    policyDefinitionId: 'a1840de2-8088-4ea8-b153-b4c723e9cb01',
    controlId: 'operate-defender-coverage',
  },
  {
    key: 'e599a9fe-30e3-47c6-a173-8b4b6d9d3255',
    displayName: 'Microsoft Defender for Containers should be enabled',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Enable the Defender for Containers plan on the subscription that holds the clusters and registries.',
    policyDefinitionId: '1c988dd6-ade4-430f-a608-2a3e5b0a6d38',
    controlId: 'operate-defender-coverage',
  },
  {
    key: '3ef9848c-c2c8-4ff3-8b9c-4c8eb8ddfce6',
    displayName: 'Azure Arc-enabled Kubernetes clusters should have the Defender extension installed',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Install the Defender extension on Arc-connected clusters so they get the same runtime coverage.',
    policyDefinitionId: null,
    controlId: 'operate-defender-coverage',
  },
  {
    key: 'b1af52e4-e968-4e2b-b6d0-6736c9651f0a',
    displayName: 'Microsoft Defender for Key Vault should be enabled',
    severity: 'high',
    categories: ['Data'],
    remediation: 'Enable the Defender for Key Vault plan so unusual secret access raises alerts.',
    policyDefinitionId: '0e6763cc-5078-4e64-889d-ff4d9a839047',
    controlId: 'operate-defender-coverage',
  },
  {
    key: '08e628db-e2ed-4793-bc91-d13e684401c3',
    displayName: 'Azure Kubernetes Service clusters should have the Azure Policy add-on for Kubernetes installed',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Enable the azure-policy add-on so Gatekeeper can audit and deny non-compliant workloads.',
    policyDefinitionId: '0a15ec92-a229-4763-bb14-0ea34a568f8d',
    controlId: 'operate-azure-policy-governance',
  },
  {
    key: '0642d770-b189-42ef-a2ce-9dcc3ec6c169',
    displayName: 'Azure Arc-enabled Kubernetes clusters should have the Azure Policy extension installed',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Install the Azure Policy extension on Arc-connected clusters to bring them under the same policies.',
    policyDefinitionId: null,
    controlId: 'operate-azure-policy-governance',
  },
  // --- Workload hardening (develop: image authors own the runtime identity) ---------------------------------
  {
    key: '9b795646-9130-41a4-90b7-df9eae2437c8',
    displayName: 'Running containers as root user should be avoided',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Set a non-root USER in the Dockerfile and runAsNonRoot in the pod security context.',
    policyDefinitionId: 'f06ddb64-5fa3-4b77-b166-acb36f7f6042',
    controlId: 'develop-non-root-containers',
  },
  {
    key: '86f91051-9d6a-47c3-a07f-bd14cb214b45',
    displayName: 'Containers should only use allowed AppArmor profiles',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Annotate pods with an approved AppArmor profile (runtime/default or a custom one).',
    policyDefinitionId: '511f5417-5d12-434d-ab2e-816901e72a5e',
    controlId: 'develop-non-root-containers',
  },
  // --- Privileged workloads (operate, enforced through Azure Policy) ----------------------------------------
  {
    key: '5d90913f-a1c5-4429-ad54-2c6c17fb3c73',
    displayName: 'Privileged containers should be avoided',
    severity: 'medium',
    categories: ['Container'],
    remediation: 'Remove privileged: true from the container spec and grant only the specific capabilities needed.',
    policyDefinitionId: '95edb821-ddaf-4404-9732-666045e056b4',
    controlId: 'operate-no-privileged-containers',
  },
  {
    key: '43dc2a2e-ce69-4d42-923e-ab7d136f2cfe',
    displayName: 'Container with privilege escalation should be avoided',
    severity: 'medium',
    categories: ['Container'],
    remediation: 'Set allowPrivilegeEscalation: false in every container security context.',
    policyDefinitionId: '1c6e92c9-99f0-4e55-9cf2-0c234dc48f99',
    controlId: 'operate-no-privileged-containers',
  },
  {
    key: '802c0637-5a8c-4c98-abd7-7c96d89d6010',
    displayName: 'Containers sharing sensitive host namespaces should be avoided',
    severity: 'medium',
    categories: ['Container'],
    remediation: 'Drop hostPID and hostIPC from pod specs.',
    policyDefinitionId: '47a1ee2f-2a2a-4576-bf2a-e0e36709c2b8',
    controlId: 'operate-no-privileged-containers',
  },
  {
    key: 'aba14f78-27c5-af84-848e-9105d18dfd92',
    displayName: 'Kubernetes clusters should not grant CAPSYSADMIN security capabilities',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Remove SYS_ADMIN from the added capabilities of every container.',
    policyDefinitionId: null,
    controlId: 'operate-no-privileged-containers',
  },
  // --- Kubernetes data-plane baseline (operate) --------------------------------------------------------------
  {
    key: '27d6f0e9-b4d5-468b-ae7e-03d5473fd864',
    displayName: 'Immutable (read-only) root filesystem should be enforced for containers',
    severity: 'medium',
    categories: ['Container'],
    remediation: 'Set readOnlyRootFilesystem: true and mount an emptyDir for paths the app must write.',
    policyDefinitionId: 'df49d893-a74c-421d-bc95-c663042e5b80',
    controlId: 'operate-defender-configuration-baseline',
  },
  {
    key: '11c95609-3553-430d-b788-fd41cde8b2db',
    displayName: 'Least privileged Linux capabilities should be enforced for containers',
    severity: 'medium',
    categories: ['Container'],
    remediation: 'Drop ALL capabilities and add back only the ones the process needs.',
    policyDefinitionId: 'c26596ff-4d70-4e6a-9a30-c2506bd2f80c',
    controlId: 'operate-defender-configuration-baseline',
  },
  {
    key: '405c9ae6-49f9-46c4-8873-a86690f27818',
    displayName: 'Container CPU and memory limits should be enforced',
    severity: 'medium',
    categories: ['Container'],
    remediation: 'Give every container CPU and memory limits so one pod cannot starve its node.',
    policyDefinitionId: 'e345eecc-fa47-480f-9e88-67dcc122b164',
    controlId: 'operate-defender-configuration-baseline',
  },
  {
    key: '32060ac3-f17f-4848-db8e-e7cf2c9a53eb',
    displayName: 'Kubernetes clusters should disable automounting API credentials',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Set automountServiceAccountToken: false on pods and service accounts that do not call the API.',
    policyDefinitionId: '423dd1ba-798e-40e4-9c4d-b6902674b423',
    controlId: 'operate-defender-configuration-baseline',
  },
  {
    key: 'ff87e0b4-17df-d338-5b19-80e71e0dcc9d',
    displayName: 'Kubernetes clusters should not use the default namespace',
    severity: 'low',
    categories: ['Container'],
    remediation: 'Deploy workloads into dedicated namespaces with their own RBAC and quotas.',
    policyDefinitionId: '9f061a12-e40d-4183-a00e-171812443373',
    controlId: 'operate-defender-configuration-baseline',
  },
  {
    key: 'f0debc84-981c-4a0d-924d-aa4bd7d55fef',
    displayName:
      'Usage of pod HostPath volume mounts should be restricted to a known list to restrict node access from compromised containers',
    severity: 'medium',
    categories: ['Container'],
    remediation: 'Replace hostPath volumes with CSI or emptyDir volumes, or limit them to an approved path list.',
    policyDefinitionId: '098fc59e-46c7-4d99-9b16-64990e543d75',
    controlId: 'operate-defender-configuration-baseline',
  },
  // --- Network exposure of workloads (operate) ---------------------------------------------------------------
  {
    key: 'c6d87087-9ebe-b31f-b452-0bf3bbbaccd2',
    displayName: 'Kubernetes clusters should be accessible only over HTTPS',
    severity: 'high',
    categories: ['Container', 'Networking'],
    remediation: 'Terminate TLS on every ingress and reject plain-HTTP ingress objects.',
    policyDefinitionId: '1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d',
    controlId: 'operate-network-protection',
  },
  {
    key: 'add45209-73f6-4fa5-a5a5-74a451b07fbe',
    displayName: 'Services should listen on allowed ports only',
    severity: 'medium',
    categories: ['Container', 'Networking'],
    remediation: 'Expose services only on the ports on the approved list.',
    policyDefinitionId: '233a2a17-77ca-4fb1-9b6b-69223d272a44',
    controlId: 'operate-network-protection',
  },
  {
    key: 'ebc68898-5c0f-4353-a426-4a5f1e737b12',
    displayName: 'Usage of host networking and ports should be restricted',
    severity: 'medium',
    categories: ['Container', 'Networking'],
    remediation: 'Remove hostNetwork and hostPort from pods; publish through a Service instead.',
    policyDefinitionId: '82985f06-dc18-4a48-bc1c-b9f4f0098cfe',
    controlId: 'operate-network-protection',
  },
  // --- Platform design: identity and network topology (plan) -------------------------------------------------
  {
    key: '1a2b5b4c-f80d-46e7-ac81-b51a9fb363de',
    displayName: 'Kubernetes API server should be configured with restricted access',
    severity: 'high',
    categories: ['Container', 'Networking'],
    remediation: 'Use a private cluster or set authorized IP ranges on the API server.',
    policyDefinitionId: '0e246bcf-5f6f-4f87-bc6f-775d4712c7ea',
    controlId: 'plan-secure-platform-design',
  },
  {
    key: 'b0fdc63a-38e7-4bab-a7c4-2c2665abbaa9',
    displayName: 'Role-Based Access Control should be used on Kubernetes Services',
    severity: 'high',
    categories: ['Container', 'IdentityAndAccess'],
    remediation: 'Create clusters with Kubernetes RBAC (and Entra ID integration) enabled.',
    policyDefinitionId: 'ac4a19c2-fa67-49b4-8ae5-0b2e78c49457',
    controlId: 'plan-secure-platform-design',
  },
  {
    key: '9b828565-a0ed-61c2-6bf3-1afc99a9b2ca',
    displayName: 'Container registries should not allow unrestricted network access',
    severity: 'medium',
    categories: ['Container', 'Networking'],
    remediation: 'Add registry firewall rules or a virtual network so only known networks can reach it.',
    policyDefinitionId: 'd0793b48-0edc-4296-a390-4c75d1bdfd71',
    controlId: 'plan-secure-platform-design',
  },
  {
    key: '13e7d036-6903-821c-6018-962938929bf0',
    displayName: 'Container registries should use private link',
    severity: 'medium',
    categories: ['Container', 'Networking'],
    remediation: 'Reach the registry through a private endpoint in the cluster virtual network.',
    policyDefinitionId: 'e8eef0a8-67cf-4eb4-9386-14b0e78733d4',
    controlId: 'plan-secure-platform-design',
  },
  {
    key: 'af560c4d-9c05-e073-b9f1-f7a94958ff25',
    displayName: '(Enable if required) Container registries should be encrypted with a customer-managed key (CMK)',
    severity: 'low',
    categories: ['Container', 'Data'],
    remediation: 'Where compliance requires it, encrypt the registry with a key you own in Key Vault.',
    policyDefinitionId: '5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580',
    controlId: 'plan-secure-platform-design',
  },
  {
    key: '52f7826a-ace7-3107-dd0d-4875853c1576',
    displayName: 'Firewall should be enabled on Key Vault',
    severity: 'medium',
    categories: ['Data', 'Networking'],
    remediation: 'Enable the Key Vault firewall and allow only the networks that host the workloads.',
    policyDefinitionId: '55615ac9-af46-4a59-874e-391cc3dfb490',
    controlId: 'plan-secure-platform-design',
  },
  {
    key: '2e96bc2f-1972-e471-9e70-ae58d41e9d2a',
    displayName: 'Private endpoint should be configured for Key Vault',
    severity: 'medium',
    categories: ['Data', 'Networking'],
    remediation: 'Give the vault a private endpoint so secret reads never cross the public internet.',
    policyDefinitionId: '5f0bc445-3935-4915-9981-011aa2b46147',
    controlId: 'plan-secure-platform-design',
  },
  // --- Deployment credentials (deploy) -----------------------------------------------------------------------
  {
    key: '14257785-9437-97fa-11ae-898cfb24302b',
    displayName: 'Key Vault secrets should have an expiration date',
    severity: 'high',
    categories: ['Data'],
    remediation: 'Set an expiry on every secret and rotate before it lapses.',
    policyDefinitionId: '98728c90-32c7-4049-8429-847dc0f4fe37',
    controlId: 'deploy-deployment-credentials',
  },
  {
    key: '1aabfa0d-7585-f9f5-1d92-ecb40291d9f2',
    displayName: 'Key Vault keys should have an expiration date',
    severity: 'high',
    categories: ['Data'],
    remediation: 'Set an expiry on every key (including signing keys) and rotate on a schedule.',
    policyDefinitionId: '152b15f7-8e1f-4c1f-ab71-8c010ba5dbc0',
    controlId: 'deploy-deployment-credentials',
  },
  // --- Trusted registries (deploy) ---------------------------------------------------------------------------
  {
    key: '8d244d29-fa00-4332-b935-c3a51d525417',
    displayName: 'Container images should be deployed from trusted registries only',
    severity: 'high',
    categories: ['Container'],
    remediation: 'Assign the allowed-images policy with a regex that admits only your own registries.',
    policyDefinitionId: 'febd0533-8e55-448f-b837-bd0e06f16469',
    controlId: 'deploy-trusted-registries',
  },
  // --- Logs (operate) ----------------------------------------------------------------------------------------
  {
    key: 'bb318338-de6a-42ff-8428-8274c897d564',
    displayName: 'Diagnostic logs in Kubernetes services should be enabled',
    severity: 'low',
    categories: ['Container'],
    remediation: 'Add a diagnostic setting that sends kube-audit and control-plane logs to Log Analytics.',
    policyDefinitionId: null,
    controlId: 'operate-diagnostics',
  },
  {
    key: '88bbc99c-e5af-ddd7-6105-6150b2bfa519',
    displayName: 'Diagnostic logs in Key Vault should be enabled',
    severity: 'low',
    categories: ['Data'],
    remediation: 'Send Key Vault AuditEvent logs to the workspace and keep them for a year.',
    policyDefinitionId: 'cf820ca0-f99e-4f3e-84fb-66e913812d21',
    controlId: 'operate-diagnostics',
  },
  // --- Deactivated identities (operate audit logging) --------------------------------------------------------
  {
    key: '00c6d40b-e990-6acf-d4f3-471e747a27c4',
    displayName: 'Deprecated accounts should be removed from subscriptions',
    severity: 'high',
    categories: ['IdentityAndAccess'],
    remediation: 'Remove role assignments of accounts that can no longer sign in.',
    policyDefinitionId: '6b1cbf55-e8b6-442f-ba4c-7246b6381474',
    controlId: 'operate-audit-logging',
  },
  {
    key: 'e52064aa-6853-e252-a11e-dffc675689c2',
    displayName: 'Deprecated accounts with owner permissions should be removed from subscriptions',
    severity: 'high',
    categories: ['IdentityAndAccess'],
    remediation: 'Remove owner assignments held by blocked accounts first; they are the most attractive to attackers.',
    policyDefinitionId: 'ebb62a0c-3560-49e1-89ed-27e074e9f8ad',
    controlId: 'operate-audit-logging',
  },
  {
    key: '9b4f4dd4-24fc-42ba-9978-2a1cf575d36d',
    displayName: 'Disabled accounts with read and write permissions on Azure resources should be removed',
    severity: 'high',
    categories: ['IdentityAndAccess'],
    remediation: 'Strip resource permissions from disabled accounts and alert on their sign-in attempts.',
    policyDefinitionId: null,
    controlId: 'operate-audit-logging',
  },
  {
    key: 'a4899b81-b689-4e0d-aa29-45983ab8b7fc',
    displayName: 'Disabled accounts with owner permissions on Azure resources should be removed',
    severity: 'high',
    categories: ['IdentityAndAccess'],
    remediation: 'Strip owner rights from disabled accounts and alert on their sign-in attempts.',
    policyDefinitionId: null,
    controlId: 'operate-audit-logging',
  },
  // --- Defender for DevOps (develop / build / deploy) --------------------------------------------------------
  {
    key: 'fd104c01-29d0-428d-bb62-2c936addd2cf',
    displayName: 'GitHub security posture management findings should be resolved',
    severity: 'medium', // UNVERIFIED severity: the grouped DevOps recommendations carry per-finding severity
    categories: ['DevOps'],
    remediation: 'Fix the repository settings it flags: branch protection, required reviews, least-privilege roles.',
    policyDefinitionId: null,
    controlId: 'develop-source-repository-controls',
  },
  {
    key: '7b123b34-1f78-4902-abb6-3b813abe9866',
    displayName: 'Azure DevOps security posture management findings should be resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps'],
    remediation: 'Fix the project and pipeline settings it flags: branch policies, permissions, pipeline protections.',
    policyDefinitionId: null,
    controlId: 'develop-source-repository-controls',
  },
  {
    key: '18aa4e75-776a-4296-97f0-fe1cf10d679c',
    displayName: 'GitHub repositories should have code scanning findings resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps', 'CodeVulnerabilities'],
    remediation: 'Fix or triage the CodeQL alerts and keep code scanning required on pull requests.',
    policyDefinitionId: null,
    controlId: 'build-sast',
  },
  {
    key: '99232bb2-9b21-4bbb-8e3c-763673b9923d',
    displayName: 'Azure DevOps repositories should have code scanning findings resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps', 'CodeVulnerabilities'],
    remediation: 'Fix or triage the static-analysis results published by the Microsoft Security DevOps task.',
    policyDefinitionId: null,
    controlId: 'build-sast',
  },
  {
    key: 'dd98425c-1407-40cc-8a2c-da5d0a2f80da',
    displayName: 'GitHub repositories should have secrets scanning findings resolved',
    severity: 'high', // UNVERIFIED severity
    categories: ['DevOps', 'ExposedSecrets'],
    remediation: 'Revoke and rotate each leaked secret, then purge it from history; deleting the line is not enough.',
    policyDefinitionId: null,
    controlId: 'build-secret-scanning',
  },
  {
    key: 'b5ef903f-8655-473b-9784-4f749eeb25c6',
    displayName: 'Azure DevOps repositories should have secrets scanning findings resolved',
    severity: 'high', // UNVERIFIED severity
    categories: ['DevOps', 'ExposedSecrets'],
    remediation: 'Revoke and rotate each leaked credential found in source or build output.',
    policyDefinitionId: null,
    controlId: 'build-secret-scanning',
  },
  {
    key: '945f7b1c-8def-4ab3-a44d-1416060104b3',
    displayName: 'GitHub repositories should have dependency vulnerability scanning findings resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps', 'SoftwareUpdate'],
    remediation: 'Merge the Dependabot upgrades or pin to fixed versions of the vulnerable packages.',
    policyDefinitionId: null,
    controlId: 'build-dependency-scanning',
  },
  {
    key: '2ea72208-8558-4011-8dcd-d93375a4003d',
    displayName: 'Azure DevOps repositories should have dependency vulnerability scanning findings resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps', 'SoftwareUpdate'],
    remediation: 'Upgrade the vulnerable open-source dependencies reported for the repository.',
    policyDefinitionId: null,
    controlId: 'build-dependency-scanning',
  },
  {
    key: 'd9be0ff8-3eb0-4348-82f6-c1e735f85983',
    displayName: 'GitHub repositories should have infrastructure as code scanning findings resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps', 'IacVulnerabilities'],
    remediation: 'Fix the flagged Bicep/Terraform/Helm settings before they reach a subscription.',
    policyDefinitionId: null,
    controlId: 'build-iac-scanning',
  },
  {
    key: '6588c4d4-fbbb-4fb8-be45-7c2de7dc1b3b',
    displayName: 'Azure DevOps repositories should have infrastructure as code scanning findings resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps', 'IacVulnerabilities'],
    remediation: 'Fix the flagged infrastructure templates reported by the IaC scanners.',
    policyDefinitionId: null,
    controlId: 'build-iac-scanning',
  },
  {
    key: '7ad00833-a0f0-47b9-b377-5665bd5d9074',
    displayName: 'GitHub repositories should have API security testing findings resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps', 'ApiVulnerabilities'],
    remediation: 'Fix the vulnerabilities the dynamic API tests found in the running service.',
    policyDefinitionId: null,
    controlId: 'deploy-dast',
  },
  {
    key: 'd42301a5-4d23-4457-97c8-f2f2e9eb979e',
    displayName: 'Azure DevOps repositories should have API security testing findings resolved',
    severity: 'medium', // UNVERIFIED severity
    categories: ['DevOps', 'ApiVulnerabilities'],
    remediation: 'Fix the vulnerabilities the dynamic API tests found in the running service.',
    policyDefinitionId: null,
    controlId: 'deploy-dast',
  },
] as const satisfies readonly DefenderRecommendation[];

export const POLICY_DEFINITIONS = [
  // Pod security (Gatekeeper constraints delivered by the Azure Policy add-on).
  { id: '95edb821-ddaf-4404-9732-666045e056b4', displayName: 'Kubernetes cluster should not allow privileged containers', effect: 'Audit', controlId: 'operate-no-privileged-containers' },
  { id: '1c6e92c9-99f0-4e55-9cf2-0c234dc48f99', displayName: 'Kubernetes clusters should not allow container privilege escalation', effect: 'Audit', controlId: 'operate-no-privileged-containers' },
  { id: '47a1ee2f-2a2a-4576-bf2a-e0e36709c2b8', displayName: 'Kubernetes cluster containers should not share host process ID or host IPC namespace', effect: 'Audit', controlId: 'operate-no-privileged-containers' },
  { id: 'f06ddb64-5fa3-4b77-b166-acb36f7f6042', displayName: 'Kubernetes cluster pods and containers should only run with approved user and group IDs', effect: 'Audit', controlId: 'develop-non-root-containers' },
  { id: '511f5417-5d12-434d-ab2e-816901e72a5e', displayName: 'Kubernetes cluster containers should only use allowed AppArmor profiles', effect: 'Audit', controlId: 'develop-non-root-containers' },
  { id: 'df49d893-a74c-421d-bc95-c663042e5b80', displayName: 'Kubernetes cluster containers should run with a read only root file system', effect: 'Audit', controlId: 'operate-defender-configuration-baseline' },
  { id: 'c26596ff-4d70-4e6a-9a30-c2506bd2f80c', displayName: 'Kubernetes cluster containers should only use allowed capabilities', effect: 'Audit', controlId: 'operate-defender-configuration-baseline' },
  { id: 'e345eecc-fa47-480f-9e88-67dcc122b164', displayName: 'Kubernetes cluster containers CPU and memory resource limits should not exceed the specified limits', effect: 'Audit', controlId: 'operate-defender-configuration-baseline' },
  { id: '423dd1ba-798e-40e4-9c4d-b6902674b423', displayName: 'Kubernetes clusters should disable automounting API credentials', effect: 'Audit', controlId: 'operate-defender-configuration-baseline' },
  { id: '9f061a12-e40d-4183-a00e-171812443373', displayName: 'Kubernetes clusters should not use the default namespace', effect: 'Audit', controlId: 'operate-defender-configuration-baseline' },
  { id: '098fc59e-46c7-4d99-9b16-64990e543d75', displayName: 'Kubernetes cluster pod hostPath volumes should only use allowed host paths', effect: 'Audit', controlId: 'operate-defender-configuration-baseline' },
  // Network exposure.
  { id: '1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d', displayName: 'Kubernetes clusters should be accessible only over HTTPS', effect: 'Audit', controlId: 'operate-network-protection' },
  { id: '233a2a17-77ca-4fb1-9b6b-69223d272a44', displayName: 'Kubernetes cluster services should listen only on allowed ports', effect: 'Audit', controlId: 'operate-network-protection' },
  { id: '82985f06-dc18-4a48-bc1c-b9f4f0098cfe', displayName: 'Kubernetes cluster pods should only use approved host network and port range', effect: 'Audit', controlId: 'operate-network-protection' },
  // Supply chain.
  { id: 'febd0533-8e55-448f-b837-bd0e06f16469', displayName: 'Kubernetes cluster containers should only use allowed images', effect: 'Audit', controlId: 'deploy-trusted-registries' },
  { id: '5f0f936f-2f01-4bf5-b6be-d423792fa562', displayName: 'Vulnerabilities in Azure Container Registry images should be remediated', effect: 'AuditIfNotExists', controlId: 'build-registry-image-scanning' },
  // Cluster platform.
  { id: '0a15ec92-a229-4763-bb14-0ea34a568f8d', displayName: 'Azure Policy Add-on for Kubernetes service (AKS) should be installed and enabled on your clusters', effect: 'Audit', controlId: 'operate-azure-policy-governance' },
  { id: 'a1840de2-8088-4ea8-b153-b4c723e9cb01', displayName: 'Azure Kubernetes Service clusters should have Defender profile enabled', effect: 'Audit', controlId: 'operate-defender-coverage' },
  { id: '1c988dd6-ade4-430f-a608-2a3e5b0a6d38', displayName: 'Microsoft Defender for Containers should be enabled', effect: 'AuditIfNotExists', controlId: 'operate-defender-coverage' },
  { id: '0e6763cc-5078-4e64-889d-ff4d9a839047', displayName: 'Azure Defender for Key Vault should be enabled', effect: 'AuditIfNotExists', controlId: 'operate-defender-coverage' },
  { id: 'fb893a29-21bb-418c-a157-e99480ec364c', displayName: 'Kubernetes Services should be upgraded to a non-vulnerable Kubernetes version', effect: 'Audit', controlId: 'operate-cluster-updates' },
  { id: '0e246bcf-5f6f-4f87-bc6f-775d4712c7ea', displayName: 'Authorized IP ranges should be defined on Kubernetes Services', effect: 'Audit', controlId: 'plan-secure-platform-design' },
  { id: 'ac4a19c2-fa67-49b4-8ae5-0b2e78c49457', displayName: 'Role-Based Access Control (RBAC) should be used on Kubernetes Services', effect: 'Audit', controlId: 'plan-secure-platform-design' },
  { id: '993c2fcd-2b29-49d2-9eb0-df2c3a730c32', displayName: 'Azure Kubernetes Service Clusters should have local authentication methods disabled', effect: 'Audit', controlId: 'deploy-deployment-credentials' },
  { id: '245fc9df-fa96-4414-9a0b-3738c2f7341c', displayName: 'Resource logs in Azure Kubernetes Service should be enabled', effect: 'AuditIfNotExists', controlId: 'operate-diagnostics' },
  // Registry.
  { id: 'dc921057-6b28-4fbe-9b83-f7bec05db6c2', displayName: 'Container registries should have local admin account disabled', effect: 'Audit', controlId: 'deploy-deployment-credentials' },
  { id: '9f2dea28-e834-476c-99c5-3507b4728395', displayName: 'Container registries should have anonymous authentication disabled', effect: 'Audit', controlId: 'plan-secure-platform-design' },
  { id: '0fdf0491-d080-4575-b627-ad0e843cba0f', displayName: 'Public network access should be disabled for Container registries', effect: 'Audit', controlId: 'plan-secure-platform-design' }, // GUID seen only in third-party Terraform: UNVERIFIED
  { id: 'd0793b48-0edc-4296-a390-4c75d1bdfd71', displayName: 'Container registries should not allow unrestricted network access', effect: 'Audit', controlId: 'plan-secure-platform-design' },
  { id: 'e8eef0a8-67cf-4eb4-9386-14b0e78733d4', displayName: 'Container registries should use private link', effect: 'AuditIfNotExists', controlId: 'plan-secure-platform-design' },
] as const satisfies readonly PolicyDefinition[];

export const ALERT_TYPES = [
  // Control-plane (Kubernetes audit log) detections.
  { alertType: 'K8S_PrivilegedContainer', displayName: 'Privileged container detected', severity: 'informational', controlId: 'operate-no-privileged-containers' },
  { alertType: 'K8S_ExposedDashboard', displayName: 'Exposed Kubernetes dashboard detected', severity: 'high', controlId: 'operate-network-protection' },
  { alertType: 'K8S_ExposedService', displayName: 'Exposed Kubernetes service detected', severity: 'medium', controlId: 'operate-network-protection' },
  { alertType: 'K8S_ExposedKubeflow', displayName: 'Exposed Kubeflow dashboard detected', severity: 'medium', controlId: 'operate-network-protection' },
  { alertType: 'K8S_MaliciousContainerImage', displayName: 'Digital currency mining container detected', severity: 'high', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_SensitiveMount', displayName: 'Container with a sensitive volume mount detected', severity: 'informational', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_ClusterAdminBinding', displayName: 'Role binding to the cluster-admin role detected', severity: 'informational', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_HighPrivilegesRole', displayName: 'New high privileges role detected', severity: 'informational', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_KubeSystemContainer', displayName: 'New container in the kube-system namespace detected', severity: 'informational', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_AdmissionController', displayName: 'Creation of admission webhook configuration detected', severity: 'informational', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_CoreDnsModification', displayName: 'CoreDNS modification in Kubernetes detected', severity: 'low', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_DeleteEvents', displayName: 'Kubernetes events deleted', severity: 'low', controlId: 'operate-audit-logging' },
  { alertType: 'K8S_ServiceAccountRareOperation', displayName: 'Abnormal Kubernetes service account operation detected', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_TI_Proxy', displayName: 'K8S API requests from proxy IP address detected', severity: 'low', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S_PenTestToolsKubeHunter', displayName: 'Kubernetes penetration testing tool detected', severity: 'low', controlId: 'operate-active-threat-monitoring' },
  // Node / workload runtime (Defender sensor) detections.
  { alertType: 'K8S.NODE_PrivilegedContainerArtifacts', displayName: 'Container running in privileged mode', severity: 'informational', controlId: 'operate-no-privileged-containers' },
  { alertType: 'K8S.NODE_DigitalCurrencyMining', displayName: 'Digital currency mining related behavior detected', severity: 'high', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S.NODE_ReverseShell', displayName: 'Potential reverse shell detected', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S.NODE_SuspectDownload', displayName: 'Detected file download from a known malicious source', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S.NODE_KnownLinuxAttackTool', displayName: 'Possible attack tool detected', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S.NODE_ImdsCall', displayName: 'Access to cloud metadata service detected', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S.NODE_KubeConfigAccess', displayName: 'Access to kubelet kubeconfig file detected', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S.NODE_ContainerSSH', displayName: 'SSH server is running inside a container', severity: 'informational', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'K8S.NODE_EICAR', displayName: 'Microsoft Defender for Cloud test alert (not a threat).', severity: 'high', controlId: 'operate-active-threat-monitoring' },
  // Defender for Key Vault.
  { alertType: 'KV_SuspiciousIPAccess', displayName: 'Access from a suspicious IP address to a key vault', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'KV_TORAccess', displayName: 'Access from a TOR exit node to a key vault', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'KV_ListGetAnomaly', displayName: 'Suspicious secret listing and query in a key vault', severity: 'medium', controlId: 'operate-active-threat-monitoring' },
  { alertType: 'KV_UserAccessDeniedAnomaly', displayName: 'Unusual access denied - Unusual user accessing key vault denied', severity: 'low', controlId: 'operate-active-threat-monitoring' },
] as const satisfies readonly AlertType[];
