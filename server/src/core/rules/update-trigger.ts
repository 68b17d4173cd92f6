import { silentSectionRule } from './silent-section';

export const updateTrigger = silentSectionRule({
  meta: { id: 'update-trigger', summary: 'The model updates section does not say when: no cadence, trigger or criterion.' },
  sectionId: 'model-updates',
  terms: [
    'hourly', 'daily', 'nightly', 'weekly', 'biweekly', 'monthly', 'quarterly', 'yearly', 'every', 'cadence', 'schedule', 'trigger', 'threshold',
    'criterion', 'criteria', 'on demand', 'continual', 'continuous', 'online learning', 'drift', 'degrad',
  ],
  advice: 'does not say when the model is updated: give a cadence, a trigger (drift, a metric breach) or a criterion.',
});
