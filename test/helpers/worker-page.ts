// The browser server (dist/browser-server.js) in a Web Worker of a page in headless Chromium,
// served on 127.0.0.1 by the test, and an LSP connection to it over postMessage: the page
// passes each message between the worker and the test (Playwright's exposeFunction one way,
// evaluate the other), and nothing else.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

export { CHROMIUM };
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  Disposable,
  type DataCallback,
  type Message,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const BROWSER_SERVER = path.resolve(__dirname, '../../dist/browser-server.js');

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>mldesign browser server</title>
<script>
  const worker = new Worker('/browser-server.js', { name: 'mldesign-server' });
  worker.onmessage = (e) => window.fromServer(e.data);
  worker.onerror = (e) => window.workerError(String(e.message));
  window.toServer = (message) => worker.postMessage(message);
</script>
`;

class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  private readonly early: Message[] = [];

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const m of this.early.splice(0)) callback(m);
    return Disposable.create(() => (this.callback = undefined));
  }

  push(message: Message): void {
    if (this.callback) this.callback(message);
    else this.early.push(message);
  }
}

class PageWriter extends AbstractMessageWriter {
  /** Messages go out one after the other, in order. */
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly page: Page) {
    super();
  }

  write(message: Message): Promise<void> {
    this.last = this.last.then(() =>
      this.page.evaluate((m) => (globalThis as unknown as { toServer(m: unknown): void }).toServer(m), message),
    );
    return this.last;
  }

  end(): void {}
}

export interface WorkerPage {
  connection: ProtocolConnection;
  page: Page;
  /** Errors the worker reported (an exception at start-up, say). */
  errors: string[];
  /** Rejects on the worker's first error: race it with a request that would wait forever. */
  failed: Promise<never>;
  close(): Promise<void>;
}

/** Starts the page and the worker in it; `browser` is launched if not given. `scriptHeaders`
 * go with the server's script (a content security policy for the worker, say). */
export async function openWorkerPage(
  given?: Browser,
  { scriptHeaders = {} }: { scriptHeaders?: Record<string, string> } = {},
): Promise<WorkerPage> {
  if (!fs.existsSync(BROWSER_SERVER)) throw new Error(`${BROWSER_SERVER} is missing: run 'npm run build' first`);
  const server = http.createServer((req, res) => {
    if (req.url === '/browser-server.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', ...scriptHeaders });
      res.end(fs.readFileSync(BROWSER_SERVER));
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = given ?? (await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
  const page = await browser.newPage();
  const reader = new PageReader();
  const errors: string[] = [];
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {}); // a rejection nobody raced is in `errors`
  await page.exposeFunction('fromServer', (m: Message) => reader.push(m));
  await page.exposeFunction('workerError', (m: string) => {
    errors.push(m);
    fail(new Error(`the browser server failed in its worker: ${m}`));
  });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const connection = createProtocolConnection(reader, new PageWriter(page));
  return {
    connection,
    page,
    errors,
    failed,
    async close() {
      connection.dispose();
      await page.close().catch(() => {});
      if (!given) await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
