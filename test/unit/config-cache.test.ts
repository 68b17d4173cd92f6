// The config cache shared by the servers (Node and browser) and the CLI: a config file the loader cannot get
// through is reported on that file, and the last good configuration stays in force.
import { describe, expect, it } from 'vitest';
import { builtinConfig, ConfigCache, type CachingConfigHost, type HostRead } from '../../server/src/core';

function host(files: Map<string, string>): CachingConfigHost {
  return {
    trusted: true,
    read: (p): HostRead => (files.has(p) ? { text: files.get(p)! } : { missing: true }),
    forget: () => {},
  };
}

describe('ConfigCache', () => {
  it('turns a config that overflows the parser (JSON nested 6,000 deep) into a problem of that file', () => {
    const files = new Map([['/ws/.mldesign.json', '{ "extends": "strict" }']]);
    const cache = new ConfigCache(host(files));
    const good = cache.forDocument('/ws/docs/a-design.md', '/ws');
    expect(good.loaded.problems).toEqual([]);
    files.set('/ws/.mldesign.json', '['.repeat(6000));
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
