import { silentSectionRule } from './silent-section';

export const stakeholders = silentSectionRule({
  meta: { id: 'stakeholders', summary: 'The business requirements name no stakeholder.' },
  sectionId: 'business-requirements',
  terms: [
    'stakeholder', 'customer', 'user', 'team', 'owner', 'product manager', 'PM', 'sponsor', 'operations', 'ops', 'support', 'finance', 'legal',
    'compliance', 'operator', 'analyst', 'business unit', 'marketing', 'sales', 'leadership', 'executive', 'client', 'partner', 'reviewer',
  ],
  advice: 'names no stakeholder: say who asked for the system, who operates it and who is affected, and where their requirements conflict.',
});
