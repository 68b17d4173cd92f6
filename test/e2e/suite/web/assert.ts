// node:assert/strict for the web worker extension host, which has no Node: the four
// assertions the e2e suite uses, with Node's strict meaning (Object.is; deep equality of the
// plain data the suite compares: primitives, arrays, plain objects). Bundled in place of
// node:assert/strict by test/e2e/lib.mjs compileWebSuite.

const show = (v: unknown) => {
  try {
    return JSON.stringify(v, null, 1) ?? String(v);
  } catch {
    return String(v);
  }
};

function fail(message: string | undefined, what: string): never {
  const e = new Error(message ? `${message}\n${what}` : what);
  e.name = 'AssertionError';
  throw e;
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${show(actual)} to equal ${show(expected)}`);
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same((a as never)[k], (b as never)[k]));
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!same(actual, expected)) fail(message, `expected\n${show(actual)}\nto deeply equal\n${show(expected)}`);
}

export async function rejects(promise: Promise<unknown> | (() => Promise<unknown>), message?: string): Promise<void> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch {
    return;
  }
  fail(message, 'expected the promise to reject');
}
