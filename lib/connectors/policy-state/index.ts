// Azure Policy compliance: per subscription, the latest policy states (page by page: states plus their findings),
// the policy exemptions, and Azure's own summary. Any failure throws, so the run fails and the last good data
// stays: a subscription whose policy query fails marks the source stale, it never reads as "compliant".
import type { FindingRow } from '../../domain/rows';
import { transformEach } from '../shared/record';
import type { Connector, ConnectorContext, SourceBatch } from '../types';
import { fetchPolicyExemptionPages, fetchPolicyStatePages, fetchPolicySummary } from './fetch';
import { toPolicyExemptionRow, toPolicyFinding, toPolicyStateRow, toPolicySummaryRow } from './transform';

/** States and their findings for one page of query results. */
export function toPolicyStateBatch(items: readonly unknown[], label = 'policy state'): SourceBatch {
  const states = transformEach(items, label, toPolicyStateRow);
  const findings = states.flatMap((state, i): FindingRow[] => {
    const finding = toPolicyFinding(state, items[i]);
    return finding ? [finding] : [];
  });
  return { findings, policy: { states } };
}

async function* runPolicyState(ctx: ConnectorContext): AsyncGenerator<SourceBatch> {
  const { azure, signal, progress } = ctx;
  for (const subscriptionId of azure.subscriptionIds) {
    let page = 0;
    for await (const items of fetchPolicyStatePages(azure, subscriptionId, signal)) {
      page += 1;
      const batch = toPolicyStateBatch(items);
      progress?.(`policy-state ${subscriptionId}: states page ${page}: ${items.length}`);
      yield batch;
    }
    for await (const items of fetchPolicyExemptionPages(azure, subscriptionId, signal)) {
      yield { policy: { exemptions: transformEach(items, 'policy exemption', toPolicyExemptionRow) } };
    }
    const summary = toPolicySummaryRow(subscriptionId, await fetchPolicySummary(azure, subscriptionId, signal));
    progress?.(`policy-state ${subscriptionId}: ${summary.nonCompliantResources} non-compliant resources (Azure's summary)`);
    yield { policy: { summaries: [summary] } };
  }
}

export const policyStateConnector: Connector = {
  id: 'policy-state',
  run: runPolicyState,
};
