// Terminal output for the CLI: progress and results on stderr, machine-readable data alone on stdout so
// `posture stats --json | jq` works.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
