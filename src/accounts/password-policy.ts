/**
 * The password rules, in the spirit of NIST SP 800-63B: long enough, not a known common password, not the user name,
 * not invisible — and no composition rules. Pure: the service, the CSV import and the start-up configuration
 * (BOOTSTRAP_ADMIN_PASSWORD) all ask this one function.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_CHARS = 10;
export const PASSWORD_MAX_CHARS = 200;
/** A user name shorter than this is only refused as the whole password, not inside one ("li" in "reliable"). */
const USERNAME_INSIDE_MIN_CHARS = 4;

export type PasswordProblem = 'too_short' | 'too_long' | 'blank' | 'common' | 'contains_username';

// Characters that show nothing: white space, format characters (zero-width space and joiners, BOM, bidi marks),
// controls, other default-ignorables (e.g. the Hangul filler) and the blank Braille pattern.
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\u2800]/gu;
const INVISIBLE_BUT_SPACE = /[\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;

let common: Set<string> | null = null;
/** The common-password list of zxcvbn-ts (about 50,000, from leaked password corpora), loaded on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** For comparing: compatibility forms folded (full-width digits are digits) and case ignored. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();
const codePoints = (s: string) => [...s].length;

/** What is wrong with `password` for user `username`, or null when it may be used. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (codePoints(password) > PASSWORD_MAX_CHARS) return 'too_long';
  if (password.replace(INVISIBLE, '') === '') return 'blank';
  // Spaces count (a passphrase has them); characters that show nothing do not.
  if (codePoints(password.replace(INVISIBLE_BUT_SPACE, '')) < PASSWORD_MIN_CHARS) return 'too_short';
  const folded = fold(password);
  const name = fold(username);
  if (name && (folded === name || (codePoints(name) >= USERNAME_INSIDE_MIN_CHARS && folded.includes(name))))
    return 'contains_username';
  const set = commonPasswords();
  if (set.has(folded) || set.has(folded.replace(INVISIBLE, ''))) return 'common';
  return null;
}

const MESSAGES: Record<PasswordProblem, string> = {
  too_short: `密码至少 ${PASSWORD_MIN_CHARS} 个字符 / The password needs at least ${PASSWORD_MIN_CHARS} characters.`,
  too_long: `密码最多 ${PASSWORD_MAX_CHARS} 个字符 / The password can have at most ${PASSWORD_MAX_CHARS} characters.`,
  blank: '密码不能只由空格或不可见字符组成 / The password cannot be only spaces or invisible characters.',
  common: '这个密码太常见，容易被猜中，请换一个 / This password is too common and easy to guess; choose another.',
  contains_username: '密码不能是用户名，也不能包含用户名 / The password must not be or contain the user name.',
};

/** The message for a problem, in Chinese then English. */
export const passwordMessage = (problem: PasswordProblem): string => MESSAGES[problem];
