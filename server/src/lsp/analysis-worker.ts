// The analysis worker (Node server only): large documents are parsed and analysed here, in a
// worker thread, so the server's main loop keeps answering while micromark grinds through a
// pathological text. The worker keeps each document's incremental parser and last analysis
// (the parse happens here, so its state lives here) and answers with LSP shapes made by the
// same features as the main thread's. No Node here: node-worker.ts connects it to a thread.
import type { CodeActionParams, CompletionParams, Diagnostic, HoverParams } from 'vscode-languageserver';
import { analyze, IncrementalParser, type Analysis, type ResolvedConfig } from '../core';
import { toCoverageParams, toDiagnostic } from './convert';
import { LiveDocument, type ChangedSpan } from './live-document';
import { KEEP_DOCUMENTS, type AnalysisSource, type DocumentAnalysis, type Snapshot } from './documents';
import { codeActions } from './features/code-actions';
import { completion } from './features/completion';
import { hover } from './features/hover';
import { teachOfferAt } from './features/teach';
import { Lru } from './lru';
import type { CoverageParams } from './protocol';

/** Configurations the worker keeps. Main and worker touch their LRUs in the same order (jobs
 * are handled one at a time, in the order posted), so the main thread knows which ids the
 * worker still holds and sends a configuration again only when it was dropped. */
export const KEEP_CONFIGS = 8;

/** A document as one job sees it: its configuration by id, sent along only when the worker
 * does not hold that id yet (configurations are large and rarely change), and its text, or
 * how it differs from the version the worker last had (copying a big doc's whole text to the
 * worker on every keystroke cost more than analysing the edit). */
export type DocSnapshot = Omit<Snapshot, 'config' | 'text' | 'source'> & { configId: number; config?: ResolvedConfig } & (
    { text: string; delta?: undefined } | { text?: undefined; delta: TextDelta }
  );

/** A new version's text as the one the worker has (`base`) with its middle replaced: the
 * first `prefix` characters kept, then `insert`, then the last `suffix` characters. */
export interface TextDelta extends ChangedSpan {
  base: number;
}

export type Work =
  | { kind: 'lint' }
  | { kind: 'hover'; params: HoverParams; opts: { markdown: boolean } }
  | { kind: 'completion'; params: CompletionParams; opts: { snippets: boolean } }
  | { kind: 'codeAction'; params: CodeActionParams; opts: { snippets: boolean } }
  /** What the heading there may be taught as (the main thread makes the config edit). */
  | { kind: 'teachOffer'; params: CodeActionParams };

export interface LintAnswer {
  diagnostics: Diagnostic[];
  coverage: CoverageParams;
}

export type ToWorker = { type: 'job'; id: number; doc: DocSnapshot; work: Work } | { type: 'forget'; uri: string };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: string }
  /** A delta came for a version the worker does not hold (it dropped the document): send the
   * whole text. */
  | { type: 'resync'; id: number };

interface Held {
  parser: IncrementalParser;
  /** The text of the last version sent, which the next delta applies to. */
  text?: { version: number; value: string };
  last?: { key: string; analysis: Analysis };
}

export class AnalysisWorker {
  private readonly docs = new Lru<string, Held>(KEEP_DOCUMENTS);
  private readonly configs = new Lru<number, ResolvedConfig>(KEEP_CONFIGS);

  constructor(
    private readonly post: (m: FromWorker) => void,
    /** Told after each job (the Node worker's idle collector: see main.ts). */
    private readonly worked: () => void = () => {},
  ) {
    post({ type: 'ready' });
  }

  async receive(m: ToWorker): Promise<void> {
    if (m.type === 'forget') {
      this.docs.delete(m.uri);
      return;
    }
    const text = this.textOf(m.doc);
    if (text === undefined) {
      this.post({ type: 'resync', id: m.id });
      return;
    }
    try {
      this.post({ type: 'answer', id: m.id, value: await this.run({ ...m.doc, text, delta: undefined }, m.work) });
    } catch (e) {
      this.post({ type: 'failed', id: m.id, error: (e as Error).stack ?? String(e) });
    } finally {
      this.worked();
    }
  }

  /** The job's text, kept as the base of the next delta; undefined when a delta's base is
   * not what the worker holds. */
  private textOf(doc: DocSnapshot): string | undefined {
    let held = this.docs.get(doc.uri);
    const base = held?.text;
    let text: string;
    if (doc.text !== undefined) text = doc.text;
    else if (base?.version === doc.delta.base) {
      const { prefix, suffix, insert } = doc.delta;
      text = base.value.slice(0, prefix) + insert + base.value.slice(base.value.length - suffix);
    } else return undefined;
    if (!held) this.docs.set(doc.uri, (held = { parser: new IncrementalParser() }));
    held.text = { version: doc.version, value: text };
    return text;
  }

  private async run(doc: DocSnapshot & { text: string }, work: Work): Promise<unknown> {
    const result = this.analysis(doc);
    const source: AnalysisSource = {
      analysis: (uri) => Promise.resolve(uri === doc.uri ? result : undefined),
      get: (uri) => (uri === doc.uri ? new LiveDocument(uri, 'markdown', doc.version, doc.text) : undefined),
    };
    switch (work.kind) {
      case 'lint':
        return {
          diagnostics: result.analysis.findings.map((f, i) => toDiagnostic(f, doc.uri, doc.version, i)),
          coverage: { ...toCoverageParams(doc.uri, doc.version, result.analysis, undefined), config: doc.coverageConfig },
        } satisfies LintAnswer;
      case 'hover':
        return hover(source, work.params, work.opts);
      case 'completion':
        return completion(source, work.params, work.opts);
      case 'codeAction':
        return codeActions(source, work.params, work.opts);
      case 'teachOffer':
        return teachOfferAt(source, work.params);
    }
  }

  /** The analysis of this version, kept until the next one (hover and code actions on the
   * version just linted cost no second analysis). */
  private analysis(doc: DocSnapshot & { text: string }): DocumentAnalysis {
    if (doc.config) this.configs.set(doc.configId, doc.config);
    const config = this.configs.get(doc.configId);
    if (!config) throw new Error(`configuration ${doc.configId} was not sent`);
    let held = this.docs.get(doc.uri);
    if (!held) this.docs.set(doc.uri, (held = { parser: new IncrementalParser() }));
    const key = JSON.stringify([doc.version, doc.configId, doc.path, doc.detection, doc.maxSize]);
    if (held.last?.key !== key) {
      const { parser } = held;
      const analysis = analyze(doc.text, {
        config,
        path: doc.path,
        detection: doc.detection,
        maxSize: doc.maxSize,
        parse: (text) => parser.parse(text),
        prepare: (text) => parser.prepare(text),
      });
      held.last = { key, analysis };
    }
    return { uri: doc.uri, version: doc.version, analysis: held.last.analysis, config: undefined };
  }
}
