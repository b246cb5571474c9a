import { useState } from 'preact/hooks';
import { ErrorNote } from '../components/status';
import { api, data } from '../api';
import { getLang, setLang, t } from '../i18n';
import type { User } from '../api';
import { formText } from '../form';

export function Login({ onLogin }: { onLogin: (token: string, user: User) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      const r = await data(
        api.POST('/api/auth/login', {
          body: { username: formText(f, 'username').trim(), password: formText(f, 'password') },
        }),
      );
      onLogin(r.token, r.user);
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };
  return (
    <main class="login" id="main">
      <form class="card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('app.title')}</h1>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input name="username" autocomplete="username" required autofocus />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && <ErrorNote error={error} />}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <button type="button" class="link" onClick={() => setLang(getLang() === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </button>
      </form>
    </main>
  );
}
