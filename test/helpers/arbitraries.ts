// fast-check generators of Markdown design docs: real-looking lines, and the constructs that
// trip parsers and fixes (fences, HTML, front matter, definitions, setext, CRLF, tabs).
import fc from 'fast-check';

const word = fc.constantFrom(
  'data',
  'model',
  'latency',
  'p99',
  'TODO',
  'monitoring',
  'drift',
  '200 ms',
  '4 %',
  'users',
  'retrain',
  '`code`',
  '**bold**',
  '<!-- c -->',
  '$25',
  '[link](http://x)',
  'é',
  '😀',
);
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const headingName = fc.constantFrom(
  'Goals',
  'Business requirements',
  'Data',
  'Training data',
  'Deployment',
  'Serving',
  'Monitoring',
  'Observability',
  'Model updates',
  'Retraining',
  'Scaling, monitoring and updates',
  'Why ML',
  'Fairness',
  'Appendix',
  'Non-goals',
  'Summary',
  '3.2 Monitoring 📈',
  'Step 2: Data',
);

const line = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), headingName).map(([d, h]) => `${'#'.repeat(d)} ${h}`),
  words,
  words.map((w) => `- ${w}`),
  words.map((w) => `  - ${w}`),
  words.map((w) => `1. ${w}`),
  words.map((w) => `> ${w}`),
  // Indented text: a list item's next paragraph, or lazy continuation.
  fc.tuple(fc.constantFrom('  ', '   ', '\t', ' '), words).map(([i, w]) => i + w),
  fc.constant(''),
  fc.constant(''),
  fc.constantFrom(
    '```',
    '```yaml',
    '~~~',
    '    indented code',
    '<!-- mldesign-disable empty-section -->',
    '<!-- mldesign-not-applicable fairness: offline only -->',
  ),
  fc.constantFrom(
    '<div>',
    '</div>',
    '<!--',
    '-->',
    '---',
    '===',
    '| a | b |',
    '| --- | --- |',
    '| 1 ms | p99 |',
    '[ref]: https://example.com',
    'TBD',
    '${1:fill me}',
  ),
  headingName.map((h) => `**${h}.** ${h} text`),
);

/** A document of 0 to 40 lines, with LF, CRLF or mixed line endings, maybe front matter. */
export const markdownDoc: fc.Arbitrary<string> = fc
  .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\n', '\r\n', 'mixed'), fc.boolean(), fc.boolean())
  .map(([lines, eol, frontMatter, finalNewline]) => {
    const all = frontMatter ? ['---', 'title: x', 'status: draft', '---', ...lines] : lines;
    const text = all.map((l, i) => l + (eol === 'mixed' ? (i % 2 ? '\r\n' : '\n') : eol)).join('');
    return finalNewline ? text : text.replace(/\r?\n$/, '');
  });

/** The timeout of a property test: hundreds of whole analyses, which on a loaded 2-core
 * machine pass vitest's default 20 s. The run count is what matters; this only stops a run
 * that hangs. */
export const PROPERTY_TIMEOUT_MS = 120_000;
