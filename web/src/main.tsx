import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, data, getToken, setToken, whenUnauthenticated } from './api';
import { Spinner } from './components/status';
import { onLangChange, getLang, setLang } from './i18n';
import { Routes } from './routes';
import { Login } from './screens/login';
import { SessionContext } from './session';
import type { User } from './api';
import './styles.css';

function App() {
  const [user, setUser] = useState<User | null | undefined>(getToken() ? undefined : null);
  const [, setLangTick] = useState(0);
  useEffect(() => onLangChange(() => setLangTick((n) => n + 1)), []);
  useEffect(() => {
    whenUnauthenticated(() => (setToken(null), setUser(null)));
    if (getToken())
      data(api.GET('/api/auth/me')).then(setUser, (e: unknown) =>
        e instanceof ApiError && e.status === 401 ? (setToken(null), setUser(null)) : setUser(null),
      );
  }, []);
  if (user === undefined) return <Spinner />;
  if (user === null) return <Login onLogin={(token, u) => (setToken(token), setUser(u))} />;
  const logout = () => {
    api.POST('/api/auth/logout').catch(() => undefined);
    setToken(null);
    setUser(null);
    location.hash = '';
  };
  return (
    <SessionContext.Provider value={{ user, logout }}>
      <Routes key={getLang()} />
    </SessionContext.Provider>
  );
}

setLang(getLang());
const root = document.getElementById('app')!;
root.textContent = ''; // the boot message
render(<App />, root);
