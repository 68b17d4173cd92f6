import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { exposeGc, IdleCollector, type HeapFigures } from '../../server/src/lsp/idle-gc';

const MB = 2 ** 20;
const OPTIONS = { idleMs: 500, slackBytes: 48 * MB, passes: 3, minIntervalMs: 30_000 };

/** A heap whose figures the test sets; each gc() brings the total down to what is used. */
function fakeHeap(used: number, total: number) {
  const heap = { used, total };
  const figures: HeapFigures = { used: () => heap.used, total: () => heap.total };
  const gc = vi.fn(() => {
    heap.total = heap.used;
  });
  return { heap, figures, gc };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('collects once the server has been idle after work that grew the heap', () => {
  const { heap, figures, gc } = fakeHeap(30 * MB, 30 * MB);
  const collector = new IdleCollector(gc, OPTIONS, figures);
  collector.touch();
  heap.total = 160 * MB;
  vi.advanceTimersByTime(499);
  expect(gc).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  vi.runAllTimers();
  expect(gc).toHaveBeenCalledTimes(3);
  expect(collector.collections).toBe(1);
});

it('waits while work goes on: each piece of work restarts the idle spell', () => {
  const { heap, figures, gc } = fakeHeap(30 * MB, 200 * MB);
  const collector = new IdleCollector(gc, OPTIONS, figures);
  heap.total = 200 * MB;
  for (let i = 0; i < 10; i++) {
    collector.touch();
    vi.advanceTimersByTime(300);
  }
  expect(gc).not.toHaveBeenCalled();
  vi.advanceTimersByTime(200);
  vi.runAllTimers();
  expect(gc).toHaveBeenCalledTimes(3);
});

it('leaves a heap alone that has not grown past the slack since the last collection', () => {
  const { heap, figures, gc } = fakeHeap(30 * MB, 30 * MB);
  const collector = new IdleCollector(gc, OPTIONS, figures);
  heap.total = 70 * MB;
  collector.touch();
  vi.runAllTimers();
  expect(gc).not.toHaveBeenCalled();
  // After a collection the baseline is what was live then.
  heap.total = 200 * MB;
  collector.touch();
  vi.runAllTimers();
  expect(gc).toHaveBeenCalledTimes(3);
  vi.advanceTimersByTime(30_000);
  heap.total = 75 * MB; // 45 MB over the 30 MB live after the collection
  collector.touch();
  vi.runAllTimers();
  expect(gc).toHaveBeenCalledTimes(3);
});

it('collects at most once in minIntervalMs, however often the heap grows again, and then once more if it sits idle', () => {
  const { heap, figures, gc } = fakeHeap(30 * MB, 200 * MB);
  const collector = new IdleCollector(gc, OPTIONS, figures);
  collector.touch();
  vi.runAllTimers();
  expect(gc).toHaveBeenCalledTimes(3);
  // A second burst 10 s later: its idle spell comes too soon after the collection.
  heap.total = 200 * MB;
  vi.advanceTimersByTime(10_000);
  collector.touch();
  vi.advanceTimersByTime(500);
  expect(gc).toHaveBeenCalledTimes(3);
  // Work before the interval is over puts it off again.
  vi.advanceTimersByTime(10_000);
  collector.touch();
  vi.advanceTimersByTime(9_499);
  expect(gc).toHaveBeenCalledTimes(3);
  // Idle since: collected once the 30 s are up, without any new work.
  vi.advanceTimersByTime(1);
  vi.runAllTimers();
  expect(gc).toHaveBeenCalledTimes(6);
});

it('stops between passes when new work arrives, and tries again at the next idle spell', () => {
  const { heap, figures, gc } = fakeHeap(30 * MB, 200 * MB);
  const collector = new IdleCollector(gc, OPTIONS, figures);
  gc.mockImplementation(() => {
    collector.touch(); // a message arrived during the first pass
  });
  collector.touch();
  vi.advanceTimersByTime(500);
  expect(gc).toHaveBeenCalledTimes(1);
  gc.mockImplementation(() => {
    heap.total = heap.used;
  });
  vi.runAllTimers();
  expect(gc).toHaveBeenCalledTimes(4);
});

it('does nothing without a gc function, and keeps no timer after dispose', () => {
  const { figures } = fakeHeap(30 * MB, 500 * MB);
  const none = new IdleCollector(undefined, OPTIONS, figures);
  none.touch();
  expect(vi.getTimerCount()).toBe(0);
  const gc = vi.fn();
  const collector = new IdleCollector(gc, OPTIONS, figures);
  collector.touch();
  collector.dispose();
  vi.runAllTimers();
  expect(gc).not.toHaveBeenCalled();
});

it('gets V8 gc() in a process started without --expose-gc', () => {
  vi.useRealTimers();
  const gc = exposeGc();
  expect(typeof gc).toBe('function');
  expect(() => gc!()).not.toThrow();
});
