// Starts the benchmark's stand-in in its own process (stand-in-process.ts) and talks to it over the IPC channel.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type StandInRequest = { type: 'stats' } | { type: 'stop' };
export type StandInReply =
  | { type: 'ready'; url: string; subscriptionIds: string[]; generatedMs: number }
  | { type: 'stats'; requests: number; injectedFaults: Record<string, number>; peakRss: number };

export interface StandInChild {
  url: string;
  subscriptionIds: string[];
  generatedMs: number;
  stats(): Promise<Extract<StandInReply, { type: 'stats' }>>;
  stop(): Promise<void>;
}

export async function startStandInChild(options: { clusters: number; faults?: string }): Promise<StandInChild> {
  const args = ['--clusters', String(options.clusters), ...(options.faults ? ['--faults', options.faults] : [])];
  const child = fork(fileURLToPath(new URL('./stand-in-process.ts', import.meta.url)), args, {
    execArgv: ['--conditions=react-server', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends StandInReply['type']>(type: T) =>
    new Promise<Extract<StandInReply, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`The stand-in process exited (code ${code}) before answering '${type}'.`));
      const onMessage = (message: StandInReply) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<StandInReply, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    url: ready.url,
    subscriptionIds: ready.subscriptionIds,
    generatedMs: ready.generatedMs,
    stats: () => {
      const answer = next('stats');
      child.send({ type: 'stats' } satisfies StandInRequest);
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies StandInRequest);
      }),
  };
}
