// Test support: the Viewer the app resolves for a test session (roles and scope from its claims).
import { testSession } from './mock-next';
import type { sessionFor } from './route-harness';
import type { Viewer } from '../viewer';

export async function viewerOf(s: ReturnType<typeof sessionFor>): Promise<Viewer> {
  testSession.current = s;
  const { getViewer } = await import('../session');
  const v = await getViewer();
  if (!v) throw new Error('no viewer');
  return v;
}
