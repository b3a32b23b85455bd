// The severities as <option>s, most severe first, with their labels: one list for every filter that offers them.
import { SEVERITIES } from '@/lib/domain/model';
import { SEVERITY_LABELS } from './severity';

export function SeverityOptions() {
  return (
    <>
      {SEVERITIES.map((s) => (
        <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>
      ))}
    </>
  );
}
