// What the editor features need from outside the language service: a way to send to the
// client and a clock. server.ts passes the connection, main.ts and browser-main.ts the
// clock of their runtime; tests pass a recorder and a scheduler they drive by hand, so every
// feature runs in process.
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { CoverageParams } from './protocol';

/** Messages from the server to the client that no request waits for. */
export interface Outbox {
  publishDiagnostics(params: PublishDiagnosticsParams): void;
  sendCoverage(params: CoverageParams): void;
  logError(message: string): void;
}

export interface Scheduler {
  /** Runs `fn` after `ms` (the debounce of typing); the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** Runs `fn` once the messages already received have had their turn: the lint queue
   * gives way to the client between two documents. */
  yieldThen(fn: () => void): void;
}

export const NODE_SCHEDULER: Scheduler = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
  // vscode-jsonrpc handles one message per setImmediate too: between two turns of the lint
  // queue, the connection handles the next message waiting.
  yieldThen: (fn) => void setImmediate(fn),
};

/** A Web Worker's. vscode-jsonrpc's browser reader takes each message from the client in a
 * task of its own (and handles those received in microtasks), so a MessageChannel post
 * puts the next turn of the lint queue behind the messages already waiting, as
 * setImmediate does in Node; setTimeout(0) would be clamped to 4 ms a turn. */
export function browserScheduler(): Scheduler {
  const channel = new MessageChannel();
  const turns: (() => void)[] = [];
  channel.port1.addEventListener('message', () => turns.shift()?.());
  channel.port1.start();
  return {
    after(ms, fn) {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    yieldThen(fn) {
      turns.push(fn);
      channel.port2.postMessage(null);
    },
  };
}

/** The workspace's files on disk, selected as `mldesign lint` selects them (node/files.ts):
 * the Node server's. The browser server has no disk, and so no workspace check. Paths are
 * absolute with POSIX separators. */
export interface DiskFiles {
  /** The Markdown files of a workspace folder, a `null` after each folder listed (a point to
   * give the event loop a turn); folders that cannot be listed are added to `unreadable`. */
  walk(root: string, unreadable: string[]): Iterator<string | null>;
  /** Whether the walk of `root` takes this file (a file changed on disk is checked then). */
  takes(root: string, file: string): boolean;
  /** Whether a change to this file can change what the walk takes (.gitignore). */
  isIgnoreFile(file: string): boolean;
  /** The file's text, or why it was not read. */
  read(file: string, maxChars: number): { text: string } | { unreadable: string };
}

/** Work-done progress shown by the client ($/progress), which the user may cancel. */
export interface Progress {
  report(percentage: number, message: string): void;
  done(message?: string): void;
  readonly cancelled: boolean;
}

/** Starts a progress (window/workDoneProgress/create, then begin). */
export type BeginProgress = (title: string) => Promise<Progress>;
