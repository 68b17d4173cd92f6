// `lint` and `report` with document metadata and review stages (issue 18): the same rules
// as the editor, run by the built CLI on a workspace whose config extends `strict`.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempWorkspace } from '../helpers/tmp';

const DRAFT = `---
owner: Ana Lima
reviewers: [Bo, Carla]
status: draft
last-updated: 2024-03-01
---

# Churn model design

## Business requirements

Cut monthly churn of paying customers from 4.1 % to 3.5 % within two quarters; the CRM team acts on the scores.

## Why ML

Churn depends on dozens of usage signals that interact; rules written by hand missed most churners last year.

## Data stack

Usage events from the warehouse, joined nightly into features; labels are cancellations within 30 days.
`;
const BAD = `---
owner: TBD
status: wip
last-updated: March
---

# Fraud scoring design

## Business requirements

Block fraudulent card payments.
`;
const NONE = `# Search ranking design

## Business requirements

Raise click-through on the first page of results.
`;

function workspace(): string {
  return tempWorkspace(
    { '.mldesign.yaml': 'extends: strict\n', 'churn-design.md': DRAFT, 'fraud-design.md': BAD, 'search-design.md': NONE },
    'mldesign-metadata-',
  );
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  sectionId?: string;
  fixable: boolean;
}

describe('lint and report with metadata and stages', () => {
  it('lint reports front matter fields at their place, and requires what the stage requires', () => {
    const r = runCli(['lint', '--format', 'json', '.'], workspace());
    expect(r.code).toBe(1);
    const files = (JSON.parse(r.stdout) as { files: { path: string; findings: JsonFinding[] }[] }).files;
    const of = (path: string) => files.find((f) => f.path === path)!.findings;
    const metadata = (path: string) =>
      of(path)
        .filter((f) => f.ruleId === 'metadata')
        .map((f) => `${f.line}:${f.column} ${f.message}`);
    const missingErrors = (path: string) =>
      of(path)
        .filter((f) => f.ruleId === 'missing-section' && f.severity === 'error')
        .map((f) => f.sectionId);

    // A draft of the strict preset: its three sections are there, the rest are hints.
    expect(metadata('churn-design.md')).toEqual([]);
    expect(missingErrors('churn-design.md')).toEqual([]);
    expect(
      of('churn-design.md')
        .filter((f) => f.ruleId === 'missing-section')
        .every((f) => f.severity === 'hint'),
    ).toBe(true);

    expect(metadata('fraud-design.md')).toEqual([
      "1:1 Front matter has no 'reviewers'",
      "2:8 'owner' is a placeholder ('TBD')",
      "3:9 Status 'wip' is no review stage: draft, review, approved",
      "4:15 'last-updated' is 'March', not a date as YYYY-MM-DD",
    ]);
    // No stage: the catalogue as written, every section required.
    expect(missingErrors('fraud-design.md')).toHaveLength(9);

    expect(metadata('search-design.md')).toEqual([
      "1:1 No front matter: 'owner' is required",
      "1:1 No front matter: 'reviewers' is required",
      "1:1 No front matter: 'status' is required",
      "1:1 No front matter: 'last-updated' is required",
    ]);
  });

  it('--fix inserts a front matter, starting the doc at the first stage', () => {
    const dir = workspace();
    const r = runCli(['lint', '--fix-dry-run', 'search-design.md'], dir);
    expect(r.stdout).toContain(
      '+---\n+owner: <name>\n+reviewers: <name>\n+status: draft\n+last-updated: YYYY-MM-DD\n+---\n+\n # Search ranking design\n',
    );
  });

  it("report counts a doc's required sections by its stage", () => {
    const r = runCli(['report', '--format', 'json'], workspace(), { MLDESIGN_REPORT_DATE: '2026-01-01' });
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { path: string; covered: number; required: number }[] }).rows;
    expect(rows.map((x) => `${x.path} ${x.covered}/${x.required}`)).toEqual([
      'churn-design.md 3/3',
      'fraud-design.md 1/10',
      'search-design.md 1/10',
    ]);
  });
});
