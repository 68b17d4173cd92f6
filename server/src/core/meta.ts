import pkg from '../../../package.json';

/** Where rule doc pages live; package.json's repository is the one home of the address. */
export const REPOSITORY_URL: string = pkg.repository.url.replace(/\.git$/, '');
export const TOOL_NAME = 'mldesign';
export const TOOL_VERSION: string = pkg.version;

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
