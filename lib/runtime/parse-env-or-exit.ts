// The launchers' first step (`npm start`, `npm run sync-worker`): the environment parsed once, or one line naming
// the bad variable and exit status 1 (it cannot start), never a stack trace.
import { EnvError, parseEnv, type Env } from '../env';

export function parseEnvOrExit(log: (line: string) => void): Env {
  try {
    return parseEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      log(e.message);
      process.exit(1);
    }
    throw e;
  }
}
