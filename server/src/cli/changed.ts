// Which files changed, as git sees them: `--changed-since REF` (since the merge base with
// REF, in the working tree: committed, uncommitted and untracked changes alike) and
// `--staged` (the index against HEAD, what the next commit holds). Renames are followed (a
// renamed doc is linted under its new name), deleted files skipped. The run lints the files
// its paths would give anyway, kept only when they are among these, or when their config
// is (a changed .mldesign.yaml, or a file it extends, can change every doc it governs):
// ignore files, globs and the design-doc detection apply as without the option.
import path from 'node:path';
import { UsageError } from './files';
import { git, type GitOutput } from './git';
import type { GivenContent } from './run';

/** A changed file: how (git's status letter) and, for a rename, its path in the base. */
export interface Change {
  status: string;
  from?: string;
}

export interface ChangedFiles {
  /** Keyed by the path from the repository's top, with `/`, as git writes it. */
  changes: Map<string, Change>;
  /** The commit compared with: the merge base (--changed-since) or HEAD (--staged; none
   * before the first commit). */
  base?: string;
  /** The repository path of a file on disk, or undefined when it is outside the repository. */
  keyOf: (abs: string) => string | undefined;
  accepts: (abs: string) => boolean;
  /** Whether one of a config's files (ResolvedConfig.sources: absolute paths, presets) changed. */
  configChanged: (sources: readonly string[]) => boolean;
}

export function changedSince(ref: string, cwd: string, option = '--changed-since'): ChangedFiles {
  const where = repository(cwd, option);
  // A ref is an argument, but one starting with '-' would still be read as an option.
  if (!ref || ref.startsWith('-')) throw new UsageError(`${option} takes a branch, tag or commit, not '${ref}'`);
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (!commit.ok)
    throw new UsageError(
      `unknown git revision '${ref}' (a branch, tag or commit; in a shallow CI clone, fetch it first, e.g. git fetch origin ${ref})`,
    );
  const sha = commit.stdout.toString('utf8').trim();
  const base = git(['merge-base', sha, 'HEAD'], cwd);
  if (!base.ok)
    throw new UsageError(
      `'${ref}' and HEAD have no common history here (${base.message || 'no merge base'}); in a shallow CI clone, fetch more of it (fetch-depth: 0)`,
    );
  const baseSha = base.stdout.toString('utf8').trim();
  const changes = parseNameStatus(
    must(git(['diff', '--name-status', '-z', '-M', '--diff-filter=d', '--no-relative', '--no-ext-diff', baseSha, '--'], cwd), 'git diff'),
  );
  // Not yet added, not ignored: new in the working tree as much as an added file is.
  const untracked = must(git(['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', ':/'], cwd), 'git ls-files');
  for (const p of splitZ(untracked)) if (!changes.has(p)) changes.set(p, { status: 'A' });
  return changedFiles(changes, where.prefix, cwd, baseSha);
}

export function stagedChanges(cwd: string): ChangedFiles {
  const where = repository(cwd, '--staged');
  const head = git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd);
  const changes = parseNameStatus(
    must(
      git(['diff', '--cached', '--name-status', '-z', '-M', '--diff-filter=d', '--no-relative', '--no-ext-diff', '--'], cwd),
      'git diff',
    ),
  );
  return changedFiles(changes, where.prefix, cwd, head.ok ? head.stdout.toString('utf8').trim() : undefined);
}

/** The staged content of a file (stage 0 of the index), read up to `maxBytes`. */
export function stagedBlob(key: string, cwd: string, maxBytes: number): GivenContent {
  // `:0:path` is stage 0 of the index, the path taken whole from the repository's top.
  return blob(`:0:${key}`, cwd, maxBytes, 'Its staged content');
}

/** A file's content in a commit (`key` from the repository's top), read up to `maxBytes`. */
export function committedBlob(commit: string, key: string, cwd: string, maxBytes: number): GivenContent {
  return blob(`${commit}:${key}`, cwd, maxBytes, `Its version in ${commit.slice(0, 12)}`);
}

function blob(spec: string, cwd: string, maxBytes: number, what: string): GivenContent {
  // cat-file, not show: the bytes as stored, with no textconv filter a repository configured.
  const r = git(['cat-file', 'blob', spec], cwd, maxBytes);
  if (r.ok) return { bytes: r.stdout, complete: true };
  if (r.tooLarge) return { bytes: (r.stdout ?? Buffer.alloc(0)).subarray(0, maxBytes), complete: false };
  return { unreadable: `${what} could not be read (git: ${r.message}), so it was not checked.` };
}

function repository(cwd: string, option: string): { prefix: string } {
  const r = git(['rev-parse', '--show-prefix'], cwd);
  if (!r.ok) throw new UsageError(`${option} needs a git repository, and ${cwd} is not in one (git: ${r.message})`);
  // The working folder from the top of the repository, with a trailing '/', or ''.
  return { prefix: r.stdout.toString('utf8').replace(/\n$/, '') };
}

function must(r: GitOutput, what: string): Buffer {
  if (!r.ok) throw new UsageError(`${what} failed: ${r.message}`);
  return r.stdout;
}

function splitZ(out: Buffer): string[] {
  const parts = out.toString('utf8').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** `--name-status -z`: a status, then its path, or for a rename or copy (R100, C75) the
 * path before and the path after. Names may hold any byte but NUL: spaces, newlines. */
export function parseNameStatus(out: Buffer): Map<string, Change> {
  const parts = splitZ(out);
  const changes = new Map<string, Change>();
  for (let i = 0; i < parts.length;) {
    const status = parts[i++]!;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = parts[i++];
      const to = parts[i++];
      if (from !== undefined && to !== undefined) changes.set(to, { status: status[0]!, from });
    } else {
      const file = parts[i++];
      if (file !== undefined) changes.set(file, { status: status[0] ?? '?' });
    }
  }
  return changes;
}

function changedFiles(changes: Map<string, Change>, prefix: string, cwd: string, base: string | undefined): ChangedFiles {
  const keyOf = (abs: string): string | undefined => {
    const key = path.posix.normalize(prefix + path.relative(cwd, abs).split(path.sep).join('/'));
    return key.startsWith('../') || path.posix.isAbsolute(key) ? undefined : key;
  };
  const accepts = (abs: string): boolean => {
    const key = keyOf(abs);
    return key !== undefined && changes.has(key);
  };
  return {
    changes,
    ...(base ? { base } : {}),
    keyOf,
    accepts,
    configChanged: (sources) => sources.some((s) => !s.startsWith('builtin:') && accepts(s)),
  };
}
