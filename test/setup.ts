// Runs in every test file: temporary folders made through test/helpers/tmp.ts go at the end.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/tmp';

afterAll(removeTempDirs);
