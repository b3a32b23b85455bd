// Defender recommendations: the subscription's assessment metadata first (so the store can resolve severities),
// then its assessments, page by page, then its secure score and secure score controls for today (secure-score/).
import { readSecureScores } from '../secure-score';
import { transformEach } from '../shared/record';
import type { Connector, ConnectorContext, SourceBatch } from '../types';
import { fetchAssessmentMetadataPages, fetchAssessmentPages } from './fetch';
import { toAssessmentFinding, toMetadataRow } from './transform';

async function* runDefenderAssessment(ctx: ConnectorContext): AsyncGenerator<SourceBatch> {
  const { azure, signal, progress } = ctx;
  // Built-in metadata repeats in every subscription; one row per key keeps a batch free of duplicate keys.
  const seenKeys = new Set<string>();
  for (const subscriptionId of azure.subscriptionIds) {
    let page = 0;
    for await (const items of fetchAssessmentMetadataPages(azure, subscriptionId, signal)) {
      page += 1;
      const metadata = transformEach(items, 'assessment metadata', toMetadataRow).filter((row) => {
        if (seenKeys.has(row.key)) return false;
        seenKeys.add(row.key);
        return true;
      });
      progress?.(`defender-assessment ${subscriptionId}: metadata page ${page}: ${items.length}`);
      yield { metadata };
    }
    page = 0;
    for await (const items of fetchAssessmentPages(azure, subscriptionId, signal)) {
      page += 1;
      const findings = transformEach(items, 'assessment', toAssessmentFinding);
      progress?.(`defender-assessment ${subscriptionId}: assessments page ${page}: ${findings.length}`);
      yield { findings };
    }
    const secureScores = await readSecureScores(azure, subscriptionId, ctx.now ?? new Date(), signal);
    progress?.(`defender-assessment ${subscriptionId}: secure score and ${Math.max(0, secureScores.length - 1)} controls`);
    yield { secureScores };
  }
}

export const defenderAssessmentConnector: Connector = {
  id: 'defender-assessment',
  run: runDefenderAssessment,
};
