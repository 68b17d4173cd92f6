// The analysis worker's scheduling, in process: a fake thread records what is posted and the
// test answers, a scheduler fires the deadline by hand. And the worker side itself, which
// must answer as the main thread would.
import { describe, expect, it } from 'vitest';
import { builtinConfig, editSpan } from '../../../server/src/core';
import { AnalysisWorker, type FromWorker, type LintAnswer, type ToWorker } from '../../../server/src/lsp/analysis-worker';
import type { Snapshot } from '../../../server/src/lsp/documents';
import { LiveDocument } from '../../../server/src/lsp/live-document';
import { WorkerQueue, type Failure, type Outcome, type StartWorker } from '../../../server/src/lsp/worker-queue';
import { ManualScheduler, MemoryWorkspace } from '../../helpers/memory-workspace';

class FakeThreads {
  readonly threads: { posted: ToWorker[]; terminated: boolean; reply(m: FromWorker): void; die(reason: string): void }[] = [];
  readonly start: StartWorker = (events) => {
    const t = { posted: [] as ToWorker[], terminated: false, reply: events.message, die: events.exit };
    this.threads.push(t);
    return { post: (m) => t.posted.push(m), terminate: () => void (t.terminated = true) };
  };
  get last() {
    return this.threads.at(-1)!;
  }
  /** The jobs posted to the last thread, each with the text the worker makes of it (sent
   * whole, or as a delta from the one before). */
  get jobs() {
    const held = new Map<string, { version: number; text: string }>();
    return this.last.posted
      .filter((m): m is Extract<ToWorker, { type: 'job' }> => m.type === 'job')
      .map((j) => {
        const base = held.get(j.doc.uri);
        const d = j.doc.delta;
        const text =
          j.doc.text ??
          (d && base?.version === d.base
            ? base.text.slice(0, d.prefix) + d.insert + base.text.slice(base.text.length - d.suffix)
            : '(no base)');
        held.set(j.doc.uri, { version: j.doc.version, text });
        return { ...j, text };
      });
  }
}

const config = builtinConfig();
/** The editor's open documents: a new text of an open one comes as the one change an edit
 * makes (as a client sends it). */
const docs = {
  open: new Map<string, LiveDocument>(),
  get(uri: string): LiveDocument | undefined {
    return this.open.get(uri);
  },
  set(uri: string, { version, text }: { version: number; text: string }): void {
    const d = this.open.get(uri);
    if (!d) {
      this.open.set(uri, new LiveDocument(uri, 'markdown', version, text));
      return;
    }
    const old = d.getText();
    const { prefix, suffix } = editSpan(old, text);
    const range = { start: d.positionAt(prefix), end: d.positionAt(old.length - suffix) };
    d.update([{ range, text: text.slice(prefix, text.length - suffix) }], version);
  },
};
const snap = (uri: string) => (): Snapshot | undefined => {
  const d = docs.get(uri);
  return (
    d && {
      uri,
      version: d.version,
      text: () => d.getText(),
      source: d,
      config,
      coverageConfig: { problems: 0 },
      path: undefined,
      detection: 'all',
      maxSize: 4_000_000,
    }
  );
};

function setup() {
  const threads = new FakeThreads();
  const scheduler = new ManualScheduler();
  const failures: [string, Failure][] = [];
  const queue = new WorkerQueue(threads.start, scheduler, 5_000, (uri, f) => failures.push([uri, f]));
  return { threads, scheduler, queue, failures };
}

describe('the worker queue', () => {
  it('waits for the worker to load, sends one job at a time, requests before lints, the newest lint of a doc only', async () => {
    const { threads, queue } = setup();
    docs.set('a', { version: 1, text: 'A1' });
    docs.set('b', { version: 1, text: 'B1' });
    const outcomes: Outcome[] = [];
    void queue.lint('a', snap('a')).then((o) => outcomes.push(o));
    expect(threads.jobs).toEqual([]); // not ready yet
    threads.last.reply({ type: 'ready' });
    expect(threads.jobs.map((j) => [j.doc.uri, j.text])).toEqual([['a', 'A1']]);
    // While a's lint runs: b's lint, a newer a, and a hover on b.
    const firstB = queue.lint('b', snap('b'));
    docs.set('a', { version: 2, text: 'A2' });
    void queue.lint('a', snap('a')).then((o) => outcomes.push(o));
    docs.set('b', { version: 2, text: 'B2' });
    const secondB = queue.lint('b', snap('b'));
    const hover = queue.request('b', snap('b'), {
      kind: 'hover',
      params: { textDocument: { uri: 'b' }, position: { line: 0, character: 0 } },
      opts: { markdown: true },
    });
    expect(await firstB).toEqual({ ok: false, reason: 'superseded' });
    expect(threads.jobs).toHaveLength(1);
    threads.last.reply({ type: 'answer', id: threads.jobs[0]!.id, value: 'a1' });
    await Promise.resolve();
    expect(outcomes).toEqual([{ ok: true, version: 1, value: 'a1' }]);
    // The hover first, then the lints oldest first, each of the text current when sent.
    expect(threads.jobs.slice(1).map((j) => [j.work.kind, j.text])).toEqual([['hover', 'B2']]);
    threads.last.reply({ type: 'answer', id: threads.jobs[1]!.id, value: null });
    expect(await hover).toEqual({ ok: true, version: 2, value: null });
    // a's newer lint was queued before b's.
    expect(threads.jobs.slice(2).map((j) => [j.work.kind, j.text])).toEqual([['lint', 'A2']]);
    threads.last.reply({ type: 'answer', id: threads.jobs[2]!.id, value: 'a2' });
    expect(threads.jobs.slice(3).map((j) => [j.work.kind, j.text])).toEqual([['lint', 'B2']]);
    threads.last.reply({ type: 'answer', id: threads.jobs[3]!.id, value: 'b2' });
    expect(await secondB).toEqual({ ok: true, version: 2, value: 'b2' });
    expect(outcomes.at(-1)).toEqual({ ok: true, version: 2, value: 'a2' });
    expect(threads.threads).toHaveLength(1);
  });

  it('sends a configuration once per worker, by id afterwards', () => {
    const { threads, queue } = setup();
    docs.set('c', { version: 1, text: 'C' });
    void queue.lint('c', snap('c'));
    threads.last.reply({ type: 'ready' });
    threads.last.reply({ type: 'answer', id: threads.jobs[0]!.id, value: null });
    void queue.lint('c', snap('c'));
    const [first, second] = threads.jobs;
    expect(first!.doc.config).toBe(config);
    expect(second!.doc.config).toBeUndefined();
    expect(second!.doc.configId).toBe(first!.doc.configId);
  });

  it('sends a new version as a delta from the text it sent last; the whole text to a new worker, after forget, and when the worker asks again', async () => {
    const { threads, scheduler, queue } = setup();
    const body = 'Some design prose.\n'.repeat(50);
    const lint = async (version: number, text: string, answer: (id: number) => void) => {
      docs.set('d', { version, text });
      const o = queue.lint('d', snap('d'));
      answer(threads.jobs.at(-1)!.id);
      return o;
    };
    const reply = (id: number) => threads.last.reply({ type: 'answer', id, value: null });
    docs.set('d', { version: 1, text: body });
    void queue.lint('d', snap('d'));
    threads.last.reply({ type: 'ready' });
    reply(threads.jobs[0]!.id);
    expect(threads.jobs[0]!.doc.text).toBe(body);
    // One character typed in the middle: only it goes over, and the worker rebuilds the text.
    const v2 = body.slice(0, 500) + 'x' + body.slice(500);
    expect(await lint(2, v2, reply)).toMatchObject({ ok: true, version: 2 });
    expect(threads.jobs[1]!.doc.text).toBeUndefined();
    expect(threads.jobs[1]!.doc.delta).toEqual({ base: 1, prefix: 500, suffix: body.length - 500, insert: 'x' });
    expect(threads.jobs[1]!.text).toBe(v2);
    // The worker no longer holds the document (it dropped it): it asks again, and the same job
    // goes again with the whole text.
    const v3 = v2 + 'More.\n';
    const third = lint(3, v3, (id) => threads.last.reply({ type: 'resync', id }));
    expect(threads.jobs.slice(2).map((j) => [j.doc.version, j.doc.text === undefined ? 'delta' : 'whole'])).toEqual([
      [3, 'delta'],
      [3, 'whole'],
    ]);
    reply(threads.jobs[3]!.id);
    expect(await third).toMatchObject({ ok: true, version: 3 });
    // Closed and opened again: whole.
    queue.forget('d');
    await lint(4, v3 + 'x', reply);
    expect(threads.jobs.at(-1)!.doc.text).toBe(v3 + 'x');
    // A new worker after the deadline holds nothing: whole.
    void lint(5, v3 + 'xy', () => scheduler.fireTimers());
    docs.set('d', { version: 6, text: v3 + 'xyz' });
    void queue.lint('d', snap('d'));
    threads.last.reply({ type: 'ready' });
    expect(threads.threads).toHaveLength(2);
    expect(threads.jobs.map((j) => [j.doc.version, j.doc.text])).toEqual([[6, v3 + 'xyz']]);
    // Most of the text new: whole, not a delta.
    reply(threads.jobs[0]!.id);
    await lint(7, 'Rewritten.', reply);
    expect(threads.jobs.at(-1)!.doc.text).toBe('Rewritten.');
  });

  it('at the deadline: terminates the worker, reports the failure before the next job is taken, starts a fresh worker for it', async () => {
    const { threads, scheduler, queue, failures } = setup();
    docs.set('slow', { version: 3, text: 'S' });
    docs.set('other', { version: 1, text: 'O' });
    const slow = queue.lint('slow', snap('slow'));
    threads.last.reply({ type: 'ready' });
    let taken = 0;
    const other = queue.lint('other', () => {
      // The failure is known by the time the next job's snapshot is taken.
      taken = failures.length;
      return snap('other')();
    });
    scheduler.fireTimers();
    expect(threads.threads[0]!.terminated).toBe(true);
    expect(await slow).toEqual({ ok: false, reason: 'deadline', version: 3, detail: 'over 5000 ms', ms: 5000 });
    expect(failures.map(([u, f]) => [u, f.reason])).toEqual([['slow', 'deadline']]);
    // A second worker, which is sent the configuration again.
    expect(threads.threads).toHaveLength(2);
    threads.last.reply({ type: 'ready' });
    expect(taken).toBe(1);
    expect(threads.jobs.map((j) => [j.doc.uri, j.doc.config === config])).toEqual([['other', true]]);
    threads.last.reply({ type: 'answer', id: threads.jobs[0]!.id, value: 'ok' });
    expect(await other).toEqual({ ok: true, version: 1, value: 'ok' });
    // A late answer of the ended worker is ignored.
    threads.threads[0]!.reply({ type: 'answer', id: 1, value: 'late' });
    expect(queue.pending).toBe(0);
  });

  it('gives a document that passed the deadline twice the time next, then four times, and the base again once it is answered', async () => {
    const threads = new FakeThreads();
    const asked: number[] = [];
    const timers: (() => void)[] = [];
    // The timer set right after a worker starts is its start timeout, not a job's deadline.
    let starting = false;
    const start: StartWorker = (events) => {
      starting = true;
      return threads.start(events);
    };
    const scheduler = {
      after: (ms: number, fn: () => void) => {
        if (starting) {
          starting = false;
          return () => {};
        }
        asked.push(ms);
        timers.push(fn);
        return () => {};
      },
    };
    const failures: Failure[] = [];
    const queue = new WorkerQueue(start, scheduler, 5_000, (_u, f) => failures.push(f));
    docs.set('slow', { version: 1, text: 'S' });
    docs.set('other', { version: 1, text: 'O' });
    for (let i = 0; i < 4; i++) {
      const o = queue.lint('slow', snap('slow'));
      threads.last.reply({ type: 'ready' });
      timers.at(-1)!();
      expect(await o).toMatchObject({ reason: 'deadline' });
    }
    expect(asked).toEqual([5_000, 10_000, 20_000, 20_000]);
    expect(failures.map((f) => [f.ms, f.detail])).toEqual([
      [5_000, 'over 5000 ms'],
      [10_000, 'over 10000 ms'],
      [20_000, 'over 20000 ms'],
      [20_000, 'over 20000 ms'],
    ]);
    // Another document keeps the base deadline.
    void queue.lint('other', snap('other'));
    threads.last.reply({ type: 'ready' });
    expect(asked.at(-1)).toBe(5_000);
    threads.last.reply({ type: 'answer', id: threads.jobs[0]!.id, value: 'ok' });
    // Answered once, the slow document is back to the base.
    const done = queue.lint('slow', snap('slow'));
    expect(asked.at(-1)).toBe(20_000);
    threads.last.reply({ type: 'answer', id: threads.jobs[1]!.id, value: 'ok' });
    expect(await done).toMatchObject({ ok: true });
    void queue.lint('slow', snap('slow'));
    expect(asked.at(-1)).toBe(5_000);
  });

  it('a worker that dies (out of memory) fails its job as crashed; the next job starts another', async () => {
    const { threads, queue, failures } = setup();
    docs.set('big', { version: 1, text: 'B' });
    const big = queue.lint('big', snap('big'));
    threads.last.reply({ type: 'ready' });
    threads.last.die('ran out of memory');
    expect(await big).toEqual({ ok: false, reason: 'crashed', version: 1, detail: 'ran out of memory' });
    expect(failures).toHaveLength(1);
    void queue.lint('big', snap('big'));
    expect(threads.threads).toHaveLength(2);
  });

  it('gives up on a worker that ends before it is ready: every job, waiting or later, is answered unavailable', async () => {
    const threads = new FakeThreads();
    const gaveUp: string[] = [];
    const queue = new WorkerQueue(
      threads.start,
      new ManualScheduler(),
      5_000,
      () => {},
      (r) => gaveUp.push(r),
    );
    docs.set('big', { version: 1, text: 'B' });
    const lint = queue.lint('big', snap('big'));
    const hover = queue.request('big', snap('big'), {
      kind: 'hover',
      params: { textDocument: { uri: 'big' }, position: { line: 0, character: 0 } },
      opts: { markdown: true },
    });
    threads.last.die('it failed to load');
    expect(await lint).toEqual({ ok: false, reason: 'unavailable' });
    expect(await hover).toEqual({ ok: false, reason: 'unavailable' });
    expect(await queue.lint('big', snap('big'))).toEqual({ ok: false, reason: 'unavailable' });
    // Not started again: it would only fail again.
    expect(threads.threads).toHaveLength(1);
    expect(gaveUp).toEqual(['it ended before it was ready (it failed to load)']);
    expect(queue.unavailable).toBe(gaveUp[0]);
  });

  it('gives up on a worker that cannot be made or stays silent', async () => {
    const refused = new WorkerQueue(
      () => {
        throw new Error('SecurityError: no workers here');
      },
      new ManualScheduler(),
      5_000,
    );
    docs.set('big', { version: 1, text: 'B' });
    expect(await refused.lint('big', snap('big'))).toEqual({ ok: false, reason: 'unavailable' });
    expect(refused.unavailable).toBe('it could not be started (SecurityError: no workers here)');

    const { threads, scheduler, queue } = setup();
    const lint = queue.lint('big', snap('big'));
    scheduler.fireTimers(); // the start timeout: no 'ready' came
    expect(await lint).toEqual({ ok: false, reason: 'unavailable' });
    expect(threads.last.terminated).toBe(true);
    expect(queue.unavailable).toBe('it did not say it was ready within 10 s');
    // A worker that did get ready and then dies is restarted as before (the test above).
  });

  it('a job whose document is gone is not sent (nor a worker started for it)', async () => {
    const { threads, queue } = setup();
    expect(await queue.lint('gone', snap('gone'))).toEqual({ ok: false, reason: 'superseded' });
    expect(threads.threads).toEqual([]);
  });
});

describe('the worker side', () => {
  it('lints as the main thread does, and keeps the parse between versions', async () => {
    const text = '# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n\n## Monitoring\n\nTODO\n';
    const ws = new MemoryWorkspace();
    const uri = ws.open('file:///ws/docs/churn-design.md', text);
    await ws.scheduler.settle();
    const posted: FromWorker[] = [];
    let worked = 0;
    const worker = new AnalysisWorker(
      (m) => posted.push(structuredClone(m)),
      () => worked++,
    );
    const snapshot = ws.service.snapshot(uri);
    expect(snapshot).toBeUndefined(); // analysed here already
    ws.service.forgetAnalyses();
    const { config, text: textOf, source: _source, ...meta } = ws.service.snapshot(uri)!;
    const rest = { ...meta, text: textOf() };
    await worker.receive(structuredClone({ type: 'job', id: 1, doc: { ...rest, configId: 7, config }, work: { kind: 'lint' } }));
    await worker.receive({
      type: 'job',
      id: 2,
      doc: { ...rest, version: 2, text: text + '\nMore.\n', configId: 7 },
      work: { kind: 'lint' },
    });
    expect(posted[0]).toEqual({ type: 'ready' });
    const [first, second] = posted.slice(1) as Extract<FromWorker, { type: 'answer' }>[];
    expect((first!.value as LintAnswer).diagnostics).toEqual(ws.latest(uri)!.diagnostics);
    expect((first!.value as LintAnswer).coverage).toEqual(ws.coverage.at(-1));
    expect((second!.value as LintAnswer).diagnostics.every((d) => (d.data as { version: number }).version === 2)).toBe(true);
    // A delta from the version it holds gives what the whole text gives; one from a version
    // it does not hold is answered `resync`.
    const { text: _whole, ...noText } = rest;
    const delta = { base: 2, prefix: text.length + '\nMore.\n'.length, suffix: 0, insert: 'And more.\n' };
    await worker.receive({ type: 'job', id: 4, doc: { ...noText, version: 3, delta, configId: 7 }, work: { kind: 'lint' } });
    await worker.receive({
      type: 'job',
      id: 5,
      doc: { ...rest, version: 3, text: text + '\nMore.\nAnd more.\n', configId: 7 },
      work: { kind: 'lint' },
    });
    const [fromDelta, fromText] = posted.slice(-2) as Extract<FromWorker, { type: 'answer' }>[];
    expect(fromDelta).toMatchObject({ type: 'answer', id: 4 });
    expect(fromDelta!.value).toEqual(fromText!.value);
    await worker.receive({
      type: 'job',
      id: 6,
      doc: { ...noText, version: 9, delta: { ...delta, base: 7 }, configId: 7 },
      work: { kind: 'lint' },
    });
    expect(posted.at(-1)).toEqual({ type: 'resync', id: 6 });
    // A configuration it was never sent: that job fails, the worker goes on.
    await worker.receive({ type: 'job', id: 7, doc: { ...rest, configId: 99 }, work: { kind: 'lint' } });
    expect(posted.at(-1)).toMatchObject({ type: 'failed', id: 7 });
    // Each job that ran, answered or failed, is told (the idle collector waits after it).
    expect(worked).toBe(5);
  });
});
