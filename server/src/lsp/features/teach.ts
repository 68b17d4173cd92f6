// Teaching the team config from the editor (issue 18): on a heading that names no section,
// "Count 'Operational readiness' as Monitoring" for the sections the doc lacks that it
// could be (best guess first); on a heading that names one, "'Data quality monitoring' is
// not the Monitoring section". Each is a workspace edit of the document's team config
// (the nearest .mldesign.yaml/.yml/.json, or a new .mldesign.yaml at the root): the editor
// applies it, so one undo takes it back, and the config buffer's change (or the file
// watcher, once saved) re-checks the open documents at once. Not offered in an untrusted
// workspace (the service gives no target there).
import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { newConfigText, planConfigAddition, teachOffer, type ConfigAddition, type TeachOffer } from '../../core';
import { toConfigAction } from '../convert';
import type { AnalysisSource, DocumentService } from '../documents';

/** Longer headings are shortened in titles (the config gets the whole heading). */
const TITLE_CHARS = 60;

/** What may be taught about the heading a code action is asked on (a cursor or a selection
 * on one line). Plain data: the analysis worker answers it for the documents it analyses. */
export async function teachOfferAt(source: Pick<AnalysisSource, 'analysis'>, params: CodeActionParams): Promise<TeachOffer | null> {
  // A cursor or a selection on one line: the heading there.
  if (params.range.start.line !== params.range.end.line) return null;
  const result = await source.analysis(params.textDocument.uri);
  return (result && teachOffer(result.analysis, params.range.start.line)) ?? null;
}

/** The quick fixes that teach the document's team config what `offer` says. */
export async function teachActions(
  service: Pick<DocumentService, 'teachTarget'>,
  uri: string,
  offer: TeachOffer | null,
  opts: { createFiles: boolean },
): Promise<CodeAction[]> {
  if (!offer) return [];
  const target = await service.teachTarget(uri);
  if (!target || (target.kind === 'create' && !opts.createFiles)) return [];
  const actions: CodeAction[] = [];
  for (const section of offer.sections) {
    const add: ConfigAddition = { sectionId: section.id, key: offer.kind === 'alias' ? 'aliases' : 'notAliases', value: offer.heading };
    const title = titleOf(offer, section.title);
    if (target.kind === 'create') {
      actions.push(toConfigAction(title, { uri: target.uri, create: newConfigText(add) }));
      continue;
    }
    const insertions = planConfigAddition(target.text, target.path, add);
    if (insertions) actions.push(toConfigAction(title, { uri: target.uri, version: target.version, insertions }));
  }
  return actions;
}

function titleOf(offer: TeachOffer, section: string): string {
  const h = offer.heading.length > TITLE_CHARS ? `${offer.heading.slice(0, TITLE_CHARS - 1)}…` : offer.heading;
  return offer.kind === 'alias' ? `Count '${h}' as ${section}` : `'${h}' is not the ${section} section`;
}
