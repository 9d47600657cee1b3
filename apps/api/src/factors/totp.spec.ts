import { generate } from 'otplib';
import { base32Of, totpAt } from '../../test/totp-vectors';
import { checkTotp, groupSecret, newTotpSecret, totpUri } from './totp';

/** RFC 6238 Appendix B, SHA-1 (the 20-byte ASCII seed "12345678901234567890"), last 6 digits. */
const SEED = base32Of(Buffer.from('12345678901234567890'));
const VECTORS: Array<[number, string]> = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it.each(VECTORS)('at %i s the code is %s, and we accept it', async (time, code) => {
    expect(totpAt(SEED, time)).toBe(code);
    expect(await generate({ secret: SEED, epoch: time })).toBe(code);
    expect(await checkTotp(SEED, code, time * 1000)).toEqual({
      status: 'valid',
      step: Math.floor(time / 30),
    });
  });

  it('accepts one step either side, and no further', async () => {
    const now = 1_700_000_000_000;
    const at = (offset: number) => generate({ secret: SEED, epoch: now / 1000 + offset });
    expect((await checkTotp(SEED, await at(-30), now)).status).toBe('valid');
    expect((await checkTotp(SEED, await at(30), now)).status).toBe('valid');
    expect((await checkTotp(SEED, await at(-90), now)).status).toBe('drift');
  });

  it('reports a phone clock about five minutes ahead as drift, with the offset', async () => {
    const now = 1_700_000_000_000;
    const ahead = await generate({ secret: SEED, epoch: now / 1000 + 300 });
    expect(await checkTotp(SEED, ahead, now)).toEqual({ status: 'drift', driftSeconds: 300 });
  });

  it('refuses a code that matches nothing near', async () => {
    const now = 1_700_000_000_000;
    const far = await generate({ secret: SEED, epoch: now / 1000 + 3600 });
    expect(await checkTotp(SEED, far, now)).toEqual({ status: 'invalid' });
  });

  it('makes 160-bit secrets, grouped for reading, in an otpauth URI naming issuer and label', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(groupSecret(secret).split(' ')).toHaveLength(8);
    const uri = new URL(totpUri('Latchkey (Acme)', 'sam@acme.test (Manager)', secret));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Latchkey (Acme)');
    expect(decodeURIComponent(uri.pathname)).toContain('sam@acme.test (Manager)');
  });
});
