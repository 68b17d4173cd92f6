import { expect, it } from 'vitest';
import { RestartPolicy } from '../../client/src/restart-policy';

it('restarts a crashed server up to five times in three minutes, then stops and says why', () => {
  const policy = new RestartPolicy();
  const t0 = 1_000_000;
  const decisions = [0, 10, 20, 30, 40, 50].map((s) => policy.onCrash(t0 + s * 1000));
  expect(decisions.map((d) => d.restart)).toEqual([true, true, true, true, true, false]);
  expect(decisions[0]!.message).toMatch(/restarting it \(1 of 5/);
  expect(decisions[5]!.message).toMatch(/stopped 6 times in 3 minutes and will not be restarted/);
  // Crashes older than the window no longer count.
  expect(policy.onCrash(t0 + 60_000 + 3 * 60_000).restart).toBe(true);
  policy.reset();
  expect(policy.onCrash(t0 + 500_000).message).toMatch(/\(1 of 5/);
});
