// Writing files safely: to a temporary file beside the target, then a rename, so a reader
// never sees half a file and a crash never leaves one.
import fs from 'node:fs';
import path from 'node:path';

/** writeFileAtomic, creating the file's folder first when it is missing. */
export function writeFileAtomicMkdir(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, data);
}

export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
