// Teaching a config from the editor (issue 18, item 4): a heading added to a section's
// aliases or notAliases by insertions alone. Each result is applied, every original line is
// still there in order, the file parses again, and the configuration it resolves to counts
// (or no longer counts) the heading as the section.
import { describe, expect, it } from 'vitest';
import { applyInsertions } from '../../server/src/core';
import { newConfigText, planConfigAddition, yamlFlowScalar, type ConfigAddition } from '../../server/src/core/config/edit';
import { loadConfig } from '../../server/src/core/config/load';
import { SectionMatcher } from '../../server/src/core/match';

const TEACH: ConfigAddition = { sectionId: 'monitoring', key: 'aliases', value: 'Operational readiness' };

/** The file after the planned insertions, checked to keep every original line. */
function taught(text: string, add: ConfigAddition = TEACH, file = '/ws/.mldesign.yaml'): string {
  const ins = planConfigAddition(text, file, add);
  expect(ins, 'a plan').toBeDefined();
  return applyInsertions(
    text,
    ins!.map((i) => ({ ...i, snippet: i.text })),
  );
}

/** Which sections the heading matches under the config in `text` (loaded from /ws). */
function matches(text: string, heading: string, file = '/ws/.mldesign.yaml'): string[] {
  const loaded = loadConfig({ read: (p) => (p === file ? { text } : { missing: true }), trusted: true }, file, '/ws');
  expect(loaded.problems).toEqual([]);
  return new SectionMatcher(loaded.config.sections).match(heading).map((m) => m.sectionId);
}

describe('teaching a YAML config', () => {
  it('adds an item to a block list, comments and blank lines kept', () => {
    const text = [
      '# Our team standard',
      'extends: recommended',
      '',
      'sections:',
      '  # Ops owns this one',
      '  - id: monitoring # the on-call section',
      '    aliases:',
      '      - Watchtower   # the old name',
      '      - Alerting',
      '',
      'rules:',
      '  missing-section: error # strict on gaps',
      '',
    ].join('\n');
    const out = taught(text);
    expect(out).toBe(text.replace('      - Alerting\n', '      - Alerting\n      - Operational readiness\n'));
    expect(matches(text, 'Operational readiness')).toEqual([]);
    expect(matches(out, '3.2 Operational readiness')).toEqual(['monitoring']);
    // Combined with the preset's aliases, not in place of them.
    expect(matches(out, 'Observability')).toEqual(['monitoring']);
  });

  it('adds to a flow list, and into an empty one', () => {
    const text = 'extends: recommended\nsections:\n  - id: monitoring\n    aliases: [Watchtower, Alerting]  # ours\n';
    const out = taught(text);
    expect(out).toBe(text.replace('Alerting]', 'Alerting, Operational readiness]'));
    expect(matches(out, 'Operational readiness')).toEqual(['monitoring']);
    const empty = 'sections:\n  - id: monitoring\n    aliases: []\n';
    expect(taught(empty)).toBe('sections:\n  - id: monitoring\n    aliases: [Operational readiness]\n');
  });

  it('adds the key under the id of an entry that has none', () => {
    const text = 'extends: recommended\nsections:\n  - id: monitoring   # ops\n    title: Observability\n    level: required\n';
    const out = taught(text);
    expect(out).toBe(
      'extends: recommended\nsections:\n  - id: monitoring   # ops\n    aliases: [Operational readiness]\n    title: Observability\n    level: required\n',
    );
    expect(matches(out, 'Operational readiness')).toEqual(['monitoring']);
  });

  it('adds an entry to sections that lack the section, at their indentation', () => {
    const text = 'extends: recommended\nsections:\n- id: privacy-review\n  title: Privacy review\nrules:\n  empty-section: off\n';
    const out = taught(text);
    expect(out).toBe(
      'extends: recommended\nsections:\n- id: privacy-review\n  title: Privacy review\n- id: monitoring\n  aliases: [Operational readiness]\nrules:\n  empty-section: off\n',
    );
    expect(matches(out, 'Operational readiness')).toEqual(['monitoring']);
  });

  it('adds a sections key at the end when there is none (as `mldesign init` writes the file)', () => {
    const text = 'extends: recommended\n\n# sections:\n#   - id: privacy-review\n';
    const out = taught(text);
    expect(out).toBe(`${text}sections:\n  - id: monitoring\n    aliases: [Operational readiness]\n`);
    expect(matches(out, 'Operational readiness')).toEqual(['monitoring']);
    // `sections:` with its entries commented out.
    const bare = 'extends: recommended\nsections:\n#  - id: x\n';
    expect(taught(bare)).toBe('extends: recommended\nsections:\n  - id: monitoring\n    aliases: [Operational readiness]\n#  - id: x\n');
  });

  it('keeps a file without a trailing newline without one', () => {
    const out = taught('extends: recommended');
    expect(out).toBe('extends: recommended\nsections:\n  - id: monitoring\n    aliases: [Operational readiness]');
    expect(matches(out, 'Operational readiness')).toEqual(['monitoring']);
    const list = taught('sections:\n  - id: monitoring\n    aliases:\n      - Watchtower');
    expect(list).toBe('sections:\n  - id: monitoring\n    aliases:\n      - Watchtower\n      - Operational readiness');
  });

  it('writes CRLF into a CRLF file', () => {
    const text = 'extends: recommended\r\nsections:\r\n  - id: monitoring\r\n    aliases:\r\n      - Watchtower\r\n';
    const out = taught(text);
    expect(out).toBe(text + '      - Operational readiness\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(matches(out, 'Operational readiness')).toEqual(['monitoring']);
    const none = taught('extends: recommended\r\n');
    expect(none).toBe('extends: recommended\r\nsections:\r\n  - id: monitoring\r\n    aliases: [Operational readiness]\r\n');
  });

  it('adds to a flow entry, and a flow entry to a flow sections list', () => {
    const text = 'sections: [{ id: monitoring, title: Observability }]\n';
    const out = taught(text);
    expect(out).toBe('sections: [{ id: monitoring, title: Observability, aliases: [Operational readiness] }]\n');
    expect(taught('sections: [{ id: data-stack }]\n')).toBe(
      'sections: [{ id: data-stack }, { id: monitoring, aliases: [Operational readiness] }]\n',
    );
  });

  it('quotes a heading that would not read back as itself', () => {
    for (const heading of ['Ops: readiness', 'Alerts, pages & on-call', 'true', '#1 priority', '2024', '"Quoted"', 'x\u0007y']) {
      const out = taught('extends: recommended\n', { ...TEACH, value: heading });
      expect(out, heading).toContain(`aliases: [${JSON.stringify(heading)}]`);
    }
    expect(yamlFlowScalar("Model's health (ops)")).toBe("Model's health (ops)");
  });

  it('rules a heading out with notAliases', () => {
    const text = 'extends: recommended\nsections:\n  - id: monitoring\n    aliases: [Watchtower]\n';
    expect(matches(text, 'Data quality monitoring')).toEqual(['monitoring']);
    const out = taught(text, { sectionId: 'monitoring', key: 'notAliases', value: 'Data quality monitoring' });
    expect(out).toBe(text.replace('monitoring\n', 'monitoring\n    notAliases: [Data quality monitoring]\n'));
    expect(matches(out, 'Data quality monitoring')).toEqual([]);
    expect(matches(out, '4. Data Quality Monitoring')).toEqual([]);
    expect(matches(out, 'Monitoring')).toEqual(['monitoring']);
  });

  it('teaches a heading with separators as a whole', () => {
    const out = taught('extends: recommended\n', { ...TEACH, value: 'Ops & readiness' });
    expect(matches('extends: recommended\n', 'Ops & readiness')).toEqual([]);
    expect(matches(out, 'Ops & readiness')).toEqual(['monitoring']);
    expect(matches(out, 'Ops')).toEqual([]);
  });

  it('offers nothing it cannot do by inserting', () => {
    const refuse = (text: string) => expect(planConfigAddition(text, '/ws/.mldesign.yaml', TEACH), text).toBeUndefined();
    refuse('extends: [recommended\n'); // syntax error
    refuse('sections: monitoring\n'); // not a list
    refuse('sections:\n  - id: monitoring\n    aliases: Watchtower\n'); // not a list
    refuse('sections:\n  - id: monitoring\n    remove: true\n'); // removed here
    refuse('- a\n- b\n'); // not a map
    refuse('a: 1\n---\nb: 2\n'); // two documents
  });
});

describe('teaching a JSON config', () => {
  it('adds to an existing list, comments and layout kept', () => {
    const text = [
      '{',
      '  // Our team standard',
      '  "extends": "recommended",',
      '  "sections": [',
      '    { "id": "monitoring", "aliases": ["Watchtower"] } // ops',
      '  ]',
      '}',
      '',
    ].join('\n');
    const out = taught(text, TEACH, '/ws/.mldesign.json');
    expect(out).toContain('"aliases": ["Watchtower", "Operational readiness"]');
    expect(out).toContain('// Our team standard');
    expect(matches(out, 'Operational readiness', '/ws/.mldesign.json')).toEqual(['monitoring']);
  });

  it('adds a key, an entry, or the sections key', () => {
    const file = '/ws/.mldesign.json';
    for (const text of [
      '{\n  "extends": "recommended",\n  "sections": [\n    { "id": "monitoring", "title": "Observability" }\n  ]\n}\n',
      '{\n  "extends": "recommended",\n  "sections": [\n    { "id": "data-stack", "title": "Data" }\n  ]\n}\n',
      '{\n\t"extends": "recommended" // the default\n}',
      '{\r\n  "extends": "recommended"\r\n}\r\n',
    ]) {
      const out = taught(text, TEACH, file);
      expect(matches(out, 'Operational readiness', file), out).toEqual(['monitoring']);
      if (text.includes('\r\n')) expect(out.replace(/\r\n/g, ''), out).not.toContain('\n');
      if (text.includes('\t')) expect(out, out).toContain('\t"sections"');
    }
  });
  it('puts a member on a line of its own where members stand one to a line, after a comment or a trailing comma', () => {
    const file = '/ws/.mldesign.json';
    expect(taught('{\n  "sections": [\n    { "id": "data-stack" } // data\n  ]\n}\n', TEACH, file)).toBe(
      '{\n  "sections": [\n    { "id": "data-stack" }, // data\n    { "id": "monitoring", "aliases": ["Operational readiness"] }\n  ]\n}\n',
    );
    expect(
      taught(
        '{\n  "sections": [\n    {\n      "id": "monitoring",\n      "aliases": [\n        "A",\n      ],\n    },\n  ],\n}\n',
        TEACH,
        file,
      ),
    ).toBe(
      '{\n  "sections": [\n    {\n      "id": "monitoring",\n      "aliases": [\n        "A",\n        "Operational readiness",\n      ],\n    },\n  ],\n}\n',
    );
    expect(planConfigAddition('{ "sections": null }', file, TEACH)).toBeUndefined();
    expect(planConfigAddition('[1]', file, TEACH)).toBeUndefined();
  });
});

describe('a new config file', () => {
  it('extends recommended and holds the addition', () => {
    const text = newConfigText(TEACH);
    expect(text).toContain('extends: recommended\n');
    expect(matches(text, 'Operational readiness')).toEqual(['monitoring']);
    expect(matches(text, 'Model updates')).toEqual(['model-updates']);
    expect(
      matches(newConfigText({ sectionId: 'monitoring', key: 'notAliases', value: 'Data quality monitoring' }), 'Data quality monitoring'),
    ).toEqual([]);
  });
});
