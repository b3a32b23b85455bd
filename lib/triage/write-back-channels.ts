// The outbox channels of triage write-back, keyed by the kinds `planWriteBack` writes.
import { alertStateChannel } from '../connectors/defender-alert/write-back';
import { incidentCommentChannel, incidentUpdateChannel } from '../connectors/sentinel-incident/write-back';
import type { AzureSettings } from '../connectors/types';
import type { OutboxChannels } from '../outbox/types';
import { WRITE_BACK_KINDS } from './write-back';

export function writeBackChannels(settings: AzureSettings): OutboxChannels {
  return {
    [WRITE_BACK_KINDS.alertState]: alertStateChannel(settings),
    [WRITE_BACK_KINDS.incidentUpdate]: incidentUpdateChannel(settings),
    [WRITE_BACK_KINDS.incidentComment]: incidentCommentChannel(settings),
  };
}
