// The API's argon2id parameters, read from apps/api/src/factors/password-hasher.ts so that the
// benchmarks hash exactly as the API does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const argon2 = createRequire(import.meta.url)('argon2');
const source = readFileSync('apps/api/src/factors/password-hasher.ts', 'utf8');
const block = source.match(/ARGON2_OPTIONS\s*=\s*\{([\s\S]*?)\}/)?.[1];
if (!block) throw new Error('ARGON2_OPTIONS not found in password-hasher.ts');
const number = (name) => {
  const expr = block.match(new RegExp(`${name}:\\s*([0-9*+ _]+)`))?.[1];
  if (!expr) throw new Error(`${name} not found in ARGON2_OPTIONS`);
  return expr.replace(/_/g, '').split('*').reduce((a, x) => a * Number(x.trim()), 1);
};
export const ARGON2 = {
  type: argon2.argon2id,
  memoryCost: number('memoryCost'),
  timeCost: number('timeCost'),
  parallelism: number('parallelism'),
};
