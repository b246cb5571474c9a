import {
  PASSWORD_MAX_CHARS,
  PASSWORD_MIN_CHARS,
  passwordMessage,
  passwordProblem,
} from '../../src/accounts/password-policy';

/** The password rules (NIST SP 800-63B in spirit) as a pure function: what is refused, and why. */
describe('password policy', () => {
  it.each([
    ['12345678', 'too_short'],
    ['password', 'too_short'],
    ['        ', 'blank'],
    ['          ', 'blank'],
    ['\u200b'.repeat(8), 'blank'],
    ['\u200b'.repeat(12), 'blank'],
    ['\u3000\u00a0\t\u2060\ufeff\u200d\u200c\u2028\u3164\u2800', 'blank'],
    ['abc' + '\u200b'.repeat(10), 'too_short'],
    ['qwertyuiop', 'common'],
    ['Password123', 'common'],
    ['１２３４５６７８９０', 'common'],
    ['zhangsan', 'too_short'],
    ['ZhangSan2024!', 'contains_username'],
    ['my-zhangsan-pass', 'contains_username'],
    ['x'.repeat(PASSWORD_MAX_CHARS + 1), 'too_long'],
  ])('refuses %j (%s)', (password, problem) => {
    expect(passwordProblem(password, 'zhangsan')).toBe(problem);
  });

  it('refuses the user name itself, whatever its case', () => {
    expect(passwordProblem('Delegate-Wang', 'delegate-wang')).toBe('contains_username');
    expect(passwordProblem('ADMINISTRATOR', 'administrator')).toBe('contains_username');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(passwordProblem('𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈', 'u1')).toBe('too_short'); // nine characters, eighteen units
    expect(passwordProblem('𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉', 'u1')).toBeNull();
    expect(passwordProblem('😀'.repeat(PASSWORD_MAX_CHARS), 'u1')).toBeNull();
  });

  it('accepts a long passphrase, spaces and Chinese included', () => {
    expect(passwordProblem('correct horse battery staple', 'zhangsan')).toBeNull();
    expect(passwordProblem('春眠不觉晓处处闻啼鸟', 'zhangsan')).toBeNull();
    expect(passwordProblem('a'.repeat(PASSWORD_MIN_CHARS - 1) + 'b', 'zhangsan')).toBeNull();
  });

  it('does not treat a two-letter user name inside a passphrase as the user name', () => {
    expect(passwordProblem('reliable-horse-staple', 'li')).toBeNull();
    expect(passwordProblem('li', 'li')).toBe('too_short');
  });

  it('says what is wrong in Chinese and in English', () => {
    expect(passwordMessage('too_short')).toBe(
      `密码至少 ${PASSWORD_MIN_CHARS} 个字符 / The password needs at least ${PASSWORD_MIN_CHARS} characters.`,
    );
    for (const p of ['too_short', 'too_long', 'blank', 'common', 'contains_username'] as const) {
      expect(passwordMessage(p)).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Z][^\u4e00-\u9fff]+$/);
    }
  });
});
