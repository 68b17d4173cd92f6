import { silentSectionRule } from './silent-section';

export const dataVersioning = silentSectionRule({
  meta: { id: 'data-versioning', summary: 'The data section says nothing about versioning or lineage.' },
  sectionId: 'data-stack',
  terms: ['version', 'lineage', 'snapshot', 'provenance', 'DVC', 'lakeFS', 'Delta Lake', 'time travel', 'immutable', 'reproducib'],
  advice: 'says nothing about how datasets are versioned or traced to their sources: without it, no model can be reproduced or audited.',
});
