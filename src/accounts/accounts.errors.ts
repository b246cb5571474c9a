/**
 * Error codes of accounts: logins, users and groups.
 * Mapped to HTTP statuses in one place: common/http-error.filter.ts.
 */
export enum AccountsErrorCode {
  InvalidCredentials = 'invalid_credentials',
  UsernameTaken = 'username_taken',
  WeakPassword = 'weak_password',
  TooManyAttempts = 'too_many_attempts',
  OwnAccount = 'own_account',
}
