import { silentSectionRule } from './silent-section';

export const driftMonitoring = silentSectionRule({
  meta: { id: 'drift-monitoring', summary: 'The monitoring section says nothing about data or concept drift.' },
  sectionId: 'monitoring',
  terms: [
    'drift',
    'distribution shift',
    'data shift',
    'covariate shift',
    'concept shift',
    'PSI',
    'population stability',
    'KL divergence',
    'Kolmogorov',
    'KS test',
    'skew',
    'data quality',
  ],
  advice: 'says nothing about data or concept drift: service metrics stay green while a model silently decays.',
});
