// The config cache shared by the servers (Node and browser) and the CLI: a config file the loader cannot get
// through is reported on that file, and the last good configuration stays in force.
import { describe, expect, it } from 'vitest';
import { builtinConfig, ConfigCache, type CachingConfigHost, type HostRead } from '../../server/src/core';

/** An in-memory host. A file whose text is `THROW` is found, then fails when the loader
 * reads it, as a parser that runs out of stack would (the loader refuses deep nesting
 * before that; this is the net under it). */
function host(files: Map<string, string>): CachingConfigHost {
  const seen = new Set<string>();
  return {
    trusted: true,
    read: (p): HostRead => {
      if (files.get(p) === 'THROW' && seen.has(p)) throw new RangeError('Maximum call stack size exceeded');
      seen.add(p);
      return files.has(p) ? { text: files.get(p)! } : { missing: true };
    },
    forget: () => seen.clear(),
  };
}

describe('ConfigCache', () => {
  it('turns a config the loader cannot get through into a problem of that file', () => {
    const files = new Map([['/ws/.mldesign.json', '{ "extends": "strict" }']]);
    const cache = new ConfigCache(host(files));
    const good = cache.forDocument('/ws/docs/a-design.md', '/ws');
    expect(good.loaded.problems).toEqual([]);
    files.set('/ws/.mldesign.json', 'THROW');
    cache.invalidate();
    const broken = cache.forDocument('/ws/docs/a-design.md', '/ws');
    expect(broken.loaded.problems.map((p) => [p.file, p.range.start.line, p.message])).toEqual([
      ['/ws/.mldesign.json', 0, expect.stringMatching(/^this config could not be loaded \(.*call stack/)],
    ]);
    // The last good configuration (strict) stays in force.
    expect(broken.fallback).toBe('last-good');
    expect(broken.config).toBe(good.config);
    expect(cache.problemsByFile().get('/ws/.mldesign.json')).toHaveLength(1);
    // Never loaded good: the defaults.
    const fresh = new ConfigCache(host(files)).forDocument('/ws/docs/a-design.md', '/ws');
    expect(fresh.fallback).toBe('default');
    expect(fresh.config.sections.map((s) => s.id)).toEqual(builtinConfig().sections.map((s) => s.id));
  });
});
