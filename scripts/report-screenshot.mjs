// Builds a sample workspace of ML design docs with varied coverage, runs
// `mldesign report --format html` on it and saves a screenshot of the page, taken in
// headless Chromium, as docs/images/report.png (the picture in README.md).
//
//   npm run build && npm run screenshot:report
//
// Environment: CHROMIUM_PATH=/path/to/chromium (default /usr/bin/chromium), REPORT_PNG=out.png.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/helpers/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli.js');
const OUT = path.resolve(ROOT, process.env.REPORT_PNG ?? 'docs/images/report.png');
/** Temp folders: removed by the finally blocks, and by fail(), whose exit skips them. */
const temps = [];

if (!fs.existsSync(CLI)) fail(`${path.relative(ROOT, CLI)} not found: run npm run build first`);
if (!fs.existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM}: install it or set CHROMIUM_PATH=/path/to/chromium`);

// Headings per section, varied the way real docs name them; the linter maps each to its
// section. Sections of the catalogue not named here get their own title as heading.
const HEADINGS = {
  'business-requirements': ['Goals', 'Objectives and success metrics', 'Problem statement', 'Business requirements'],
  'data-stack': ['Training data', 'Data pipeline', 'Features', 'Data sources and labelling'],
  deployment: ['Serving', 'Deployment', 'Online inference', 'Rollout plan'],
  monitoring: ['Monitoring', '4. Observability', 'Alerting and dashboards', 'Drift detection'],
  'model-updates': ['Retraining cadence', 'Model updates', 'Continual learning', 'Maintenance'],
};

const BODY = {
  'business-requirements':
    'Lift the target metric by 3% in an A/B test over four weeks, with p99 latency under 80 ms. Owner: the product team; reviewed by finance.',
  'data-stack':
    'Events from the clickstream topic, joined daily with the orders table; labels from outcomes 14 days later. Features live in the feature store, versioned with the training set.',
  deployment:
    'A gRPC service behind the gateway, three replicas per region, shadow traffic for a week, then a 10% canary with automatic rollback on error budget burn.',
  monitoring:
    'Dashboards for QPS, p50/p99 latency and score distribution; PSI drift alerts on the top 20 features; weekly review of delayed labels against predictions.',
  'model-updates':
    'Retrain weekly on a rolling 90-day window; promote only when offline AUC and a one-day shadow comparison both beat the live model; keep the last three versions for rollback.',
};
const GENERIC_BODY =
  'Discussed with the owning team and the reviewers; decisions, owners and open questions are listed below, with links to the experiment tracker.';

const NA_REASON = 'a nightly batch job writes scores to the warehouse, nothing is served online';

// The required sections per doc, in this order: C covered, E empty (heading, TODO),
// M missing, N not applicable. Recommended sections follow from how complete the doc is.
const REQUIRED = ['business-requirements', 'data-stack', 'deployment', 'monitoring', 'model-updates'];
const DOCS = [
  ['ads/ctr-prediction-design.md', 'CTR prediction for sponsored listings', 'CCCCC'],
  ['ads/bid-shading-design.md', 'Bid shading', 'CCCEM'],
  ['search/query-autocomplete-design.md', 'Query autocomplete', 'CCCCE'],
  ['search/semantic-reranker-design.md', 'Semantic reranker', 'CCCCC'],
  ['fraud/card-fraud-scoring-design.md', 'Card fraud scoring', 'CCCCC'],
  ['fraud/account-takeover-design.md', 'Account takeover detection', 'CECMM'],
  ['growth/churn-prediction-design.md', 'Churn prediction', 'CCCEM'],
  ['growth/ltv-forecast-design.md', 'Customer lifetime value forecast', 'CCNCC'],
  ['recsys/home-feed-ranking-design.md', 'Home feed ranking', 'CCCCC'],
  ['recsys/cold-start-design.md', 'Cold-start recommendations', 'ECMMM'],
  ['risk/credit-limit-design.md', 'Credit limit model', 'CCCCC'],
  ['support/ticket-routing-design.md', 'Support ticket routing', 'CCCMC'],
  ['platform/embedding-service-design.md', 'Shared embedding service', 'CCCEE'],
  ['vision/shelf-detection-design.md', 'Shelf gap detection', 'CCNCM'],
  ['nlp/toxicity-filter-design.md', 'Toxicity filter for comments', 'CCCCE'],
  ['pricing/dynamic-pricing-design.md', 'Dynamic pricing', 'CMMMM'],
];

/** The catalogue as the built CLI sees it (ids, titles, levels), from a one-doc report. */
function catalogue() {
  const probe = tempDir('mldesign-report-probe-');
  try {
    fs.writeFileSync(path.join(probe, 'probe-design.md'), '# Probe\n');
    const r = spawnSync(process.execPath, [CLI, 'report', '--format', 'json'], { cwd: probe, encoding: 'utf8' });
    if (r.status !== 0) fail(`mldesign report exited ${r.status}:\n${r.stderr}`);
    return JSON.parse(r.stdout).sections;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

function stateOf(section, j, states, index) {
  const known = REQUIRED.indexOf(section.id);
  if (known >= 0) return states[known];
  // Other sections: the more complete the doc, the more of them it covers.
  const complete = [...states].filter((s) => s === 'C').length;
  const v = (index * 3 + j * 5) % 7;
  return v < complete ? 'C' : v === complete ? 'E' : 'M';
}

function doc([, title, states], index, sections) {
  const out = [`# ${title}`, '', `Status: in review. This document describes the ${title.toLowerCase()} system.`, ''];
  sections.forEach((section, j) => {
    const state = stateOf(section, j, states, index);
    const variants = HEADINGS[section.id] ?? [section.title];
    const heading = variants[(index + j) % variants.length];
    if (state === 'C') out.push(`## ${heading}`, '', BODY[section.id] ?? GENERIC_BODY, '');
    else if (state === 'E') out.push(`## ${heading}`, '', 'TODO', '');
    else if (state === 'N') out.push(`<!-- mldesign-not-applicable ${section.id}: ${NA_REASON} -->`, '');
  });
  return out.join('\n');
}

const dir = tempDir('mldesign-report-sample-');
try {
  const sections = catalogue();
  DOCS.forEach((d, i) => {
    const file = path.join(dir, 'docs', d[0]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, doc(d, i, sections));
  });
  const html = path.join(dir, 'report.html');
  const r = spawnSync(process.execPath, [CLI, 'report', '--format', 'html', '--title', 'ML design docs: Q1 review', '--output', html], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MLDESIGN_REPORT_DATE: '2026-01-15' },
  });
  if (r.status !== 0) fail(`mldesign report exited ${r.status}:\n${r.stderr}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1.5, colorScheme: 'light' });
    await page.goto(pathToFileURL(html).href);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT, fullPage: true });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${path.relative(process.cwd(), OUT) || OUT} (${DOCS.length} sample design docs)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function fail(message) {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  console.error(`report-screenshot: ${message}`);
  process.exit(1);
}
