// Which Markdown files are design docs (DESIGN.md §2). Without a config: files that opt in
// through front matter, files whose name or folder says "design", and files that already
// carry several of the required sections. An ordinary README or CHANGELOG never qualifies
// unless it opts in explicitly.

import type { Root } from 'mdast';
import type { DesignDocDetection } from './settings';

export interface DesignDocDecision {
  isDesignDoc: boolean;
  /** Why, in words a user can act on ("front matter sets mldesign: false"). */
  reason: string;
}

const NEVER =
  /^(readme|changelog|changes|history|news|contributing|code[-_]of[-_]conduct|security|licen[cs]e|authors|notice|support|governance|maintainers|codeowners|releases?|release[-_]notes|todo)(\.[\w-]+)*$/i;
const DESIGN_NAME = /design/i;
const DESIGN_FOLDER = /^(design|designs|design[-_]docs?|ml[-_]design)$/i;
/** Distinct required sections a document must already have to be recognised by content. */
export const MIN_RECOGNISED_SECTIONS = 3;

export function decideDesignDoc(input: {
  path: string | undefined;
  frontMatter: Record<string, unknown> | undefined;
  recognisedRequired: number;
  detection: DesignDocDetection;
  /** The config's include/exclude verdict, when it gives one. */
  selected?: boolean | undefined;
}): DesignDocDecision {
  const opt = input.frontMatter?.['mldesign'];
  if (opt === false) return { isDesignDoc: false, reason: 'front matter sets mldesign: false' };
  if (opt !== undefined && opt !== null) return { isDesignDoc: true, reason: 'front matter has an mldesign key' };
  if (input.selected === true) return { isDesignDoc: true, reason: "the config's include globs select it" };
  if (input.selected === false) return { isDesignDoc: false, reason: "the config's include/exclude globs leave it out" };
  if (input.detection === 'all') return { isDesignDoc: true, reason: 'every Markdown file is linted (designDocs: all)' };
  if (input.detection === 'optIn')
    return { isDesignDoc: false, reason: 'only files with mldesign front matter are linted (designDocs: optIn)' };

  const parts = (input.path ?? '').split(/[\\/]/).filter(Boolean);
  const base = (parts[parts.length - 1] ?? '').replace(/\.(md|markdown|mdown|mkd|mdx)$/i, '');
  if (base && NEVER.test(base)) return { isDesignDoc: false, reason: `'${parts[parts.length - 1]}' is not a design doc by name` };
  if (base && DESIGN_NAME.test(base)) return { isDesignDoc: true, reason: 'its file name says design' };
  if (parts.slice(0, -1).some((p) => DESIGN_FOLDER.test(p))) return { isDesignDoc: true, reason: 'it is in a design folder' };
  if (input.recognisedRequired >= MIN_RECOGNISED_SECTIONS) {
    return { isDesignDoc: true, reason: `it has ${input.recognisedRequired} of the required sections` };
  }
  return {
    isDesignDoc: false,
    reason: `it has ${input.recognisedRequired} of the required sections (needs ${MIN_RECOGNISED_SECTIONS}), no design name and no mldesign front matter`,
  };
}

/** The `mldesign: true|false` line of front matter that cannot be parsed, read on its own:
 * a YAML error elsewhere must not silently opt a file in or out. undefined when there is
 * no such line (or no front matter). */
export function rawMldesignKey(root: Root): boolean | undefined {
  const node = root.children[0];
  if (node?.type !== 'yaml') return undefined;
  for (const line of node.value.split(/\r\n|\n|\r/)) {
    const m = /^mldesign:[ \t]*(true|false)[ \t]*(?:#.*)?$/.exec(line);
    if (m) return m[1] === 'true';
  }
  return undefined;
}
