import { FormControl } from '@angular/forms';
import { codeFormat, normaliseCode } from './code-format';

describe('code format', () => {
  it.each([
    ['3-k7qp-2m4x-hc', '3-k7qp-2m4x-hc'],
    [' 3-K7QP-2M4X-HC ', '3-k7qp-2m4x-hc'],
    ['3k7qp2m4xhc', '3-k7qp-2m4x-hc'],
    ['3 k7qp 2m4x hc', '3-k7qp-2m4x-hc'],
    ['10 ABCD EFGH JK', '10-abcd-efgh-jk'],
  ])('reads the backup code %j as %j, and accepts it', (typed, code) => {
    expect(normaliseCode('backup', typed)).toBe(code);
    expect(new FormControl(typed, codeFormat('backup')).errors).toBeNull();
  });

  it.each(['3-k7qp-2m4x', '123456', 'abc'])('refuses %j as a backup code', (typed) => {
    expect(new FormControl(typed, codeFormat('backup')).errors).toEqual({ format: true });
  });

  it('reads the app code without its spaces', () => {
    expect(normaliseCode('app', ' 123 456 ')).toBe('123456');
    expect(new FormControl('123 456', codeFormat('app')).errors).toBeNull();
    expect(new FormControl('3k7qp2m4xhc', codeFormat('app')).errors).toEqual({ format: true });
  });
});
