// Entry of `npm run posture -- <command>` (see lib/cli/main.ts).
import { runCli } from '../lib/cli/main';

process.exitCode = await runCli(process.argv.slice(2));
