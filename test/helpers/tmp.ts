// Temporary folders for tests, removed when the test file ends (test/setup.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];

/** A fresh folder (real path, so symlinked TMPDIRs compare equal), removed after the file. */
export function tempDir(prefix = 'mldesign-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh temp folder holding `files` (relative path -> text), removed after the file. */
export function tempWorkspace(files: Record<string, string>, prefix?: string): string {
  const dir = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}
