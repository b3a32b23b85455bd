// Defender for Cloud security alerts (Defender for Containers, Key Vault, …), subscription by subscription.
import { transformEach } from '../shared/record';
import type { Connector, ConnectorContext, SourceBatch } from '../types';
import { fetchAlertPages } from './fetch';
import { toAlertRows } from './transform';

async function* runDefenderAlert(ctx: ConnectorContext): AsyncGenerator<SourceBatch> {
  const { azure, signal, progress } = ctx;
  for (const subscriptionId of azure.subscriptionIds) {
    let page = 0;
    for await (const items of fetchAlertPages(azure, subscriptionId, signal)) {
      page += 1;
      const rows = transformEach(items, 'security alert', toAlertRows);
      progress?.(`defender-alert ${subscriptionId}: page ${page}: ${rows.length}`);
      yield { findings: rows.map((r) => r.finding), securityEvents: rows.map((r) => r.event) };
    }
  }
}

export const defenderAlertConnector: Connector = {
  id: 'defender-alert',
  run: runDefenderAlert,
};
