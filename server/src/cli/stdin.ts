// `--stdin`: an editor plugin pipes the buffer being edited (none-ls, ALE, efm). Read up to
// a cap above the size limit, so a runaway pipe fills no memory; the rest is left unread.
import type { Readable } from 'node:stream';

export async function readAtMostFrom(stream: Readable, maxBytes: number): Promise<{ bytes: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buf);
    total += buf.length;
    if (total > maxBytes) {
      stream.destroy();
      return { bytes: Buffer.concat(chunks, total).subarray(0, maxBytes), complete: false };
    }
  }
  return { bytes: Buffer.concat(chunks, total), complete: true };
}

/** Bytes enough to hold `maxChars` UTF-16 code units in UTF-8 and see that there are more:
 * a code unit takes at most 3 bytes. */
export function stdinCap(maxChars: number): number {
  return 3 * (maxChars + 2);
}
