// Issue 8 item 10: `posture import` refuses links and non-regular files and never echoes file contents.
import { mkdtemp, symlink, writeFile, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from './read-import-file';

describe('readImportFile', () => {
  let dir: string;
  const SECRET = 'root:x:0:0:TOP-SECRET-LINE';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'posture-import-'));
    await writeFile(path.join(dir, 'secret.txt'), `${SECRET}\nmore`);
    await writeFile(path.join(dir, 'ok.json'), '{"value": []}');
    await writeFile(path.join(dir, 'broken.json'), '{\n  "value": [\n    TOP-SECRET-LINE\n  ]\n}');
    await symlink(path.join(dir, 'secret.txt'), path.join(dir, 'link.json'));
    await symlink(path.join(dir, 'ok.json'), path.join(dir, 'link-to-json.json'));
    await mkdir(path.join(dir, 'folder'));
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  });

  it('reads a regular JSON file', async () => {
    expect(await readImportFile(path.join(dir, 'ok.json'))).toEqual({ value: [] });
  });

  it('refuses a symbolic link, even to a valid JSON file, without reading it', async () => {
    await expect(readImportFile(path.join(dir, 'link.json'))).rejects.toThrow(/symbolic link/);
    await expect(readImportFile(path.join(dir, 'link-to-json.json'))).rejects.toThrow(/symbolic link/);
  });

  it('refuses directories, FIFOs and devices', async () => {
    await expect(readImportFile(path.join(dir, 'folder'))).rejects.toThrow(/directory|not a regular file/);
    await expect(readImportFile(path.join(dir, 'fifo'))).rejects.toThrow(/not a regular file/);
    await expect(readImportFile('/dev/zero')).rejects.toThrow(/not a regular file/);
  });

  it('says where the JSON is broken, never what the file holds', async () => {
    const notJson = await readImportFile(path.join(dir, 'secret.txt')).catch((e: Error) => e.message);
    expect(notJson).toMatch(/not valid JSON/);
    expect(notJson).not.toMatch(/TOP-SECRET|root:x/);
    const broken = await readImportFile(path.join(dir, 'broken.json')).catch((e: Error) => e.message);
    expect(broken).toMatch(/line 3, column 5/);
    expect(broken).not.toMatch(/TOP-SECRET/);
  });

  it('refuses a file over the size limit', async () => {
    await expect(readImportFile(path.join(dir, 'ok.json'), 4)).rejects.toThrow(/over the limit/);
  });
});
