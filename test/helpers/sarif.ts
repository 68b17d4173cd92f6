// SARIF output checked against the official SARIF 2.1.0 schema (shipped with the multitool).
import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { ROOT } from './cli';

let validate: ReturnType<Ajv2020['compile']> | undefined;

/** Parses SARIF text, expects it valid against the schema, and returns it. */
export function parseValidSarif(text: string) {
  if (!validate) {
    const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json', { paths: [ROOT] });
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads arbitrary SARIF fields
  const sarif: any = JSON.parse(text);
  expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return sarif;
}
