// ANSI colours, honouring NO_COLOR (https://no-color.org) and FORCE_COLOR.
/** Painters, as plain functions: they are passed around detached from the object. */
export interface Colors {
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  blue: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  underline: (s: string) => string;
}

export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false') return true;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return false;
  return isTTY && env['TERM'] !== 'dumb';
}

export function colors(enabled: boolean): Colors {
  const c = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: c(31, 39), yellow: c(33, 39), green: c(32, 39), blue: c(34, 39), dim: c(2, 22), bold: c(1, 22), underline: c(4, 24) };
}
