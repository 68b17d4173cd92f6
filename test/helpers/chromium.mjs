// Debian's Chromium, as every browser test and script here launches it (the HTML report, the
// report screenshot, the browser server's Web Worker page, code-server's UI): one path and
// one set of flags. No sandbox (CI runs as root in a container), no GPU, and nothing that
// reaches out to the network on its own.
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
