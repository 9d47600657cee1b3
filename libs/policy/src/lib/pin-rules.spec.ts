import { pinProblem } from './pin-rules';

describe('pinProblem', () => {
  it.each(['480263', '7294018', '902184736512'])('accepts %s', (pin) => {
    expect(pinProblem(pin)).toBeNull();
  });

  it.each([
    ['12a456', 'digits only'],
    ['12345', 'at least 6'],
    ['1234567890123', 'at most 12'],
    ['111111', 'too easy'],
    ['123456', 'too easy'],
    ['987654', 'too easy'],
    ['0123456789', 'too easy'],
    ['121212', 'too easy'],
    ['147258', 'too easy'],
  ])('refuses %s', (pin, problem) => {
    expect(pinProblem(pin)).toContain(problem);
  });
});
