import type { ComponentChildren } from 'preact';
import { getLang, setLang, t } from '../i18n';
import { href } from '../router';
import { isDrafter, useSession } from '../session';

export function Layout({ children, section }: { children: ComponentChildren; section: string }) {
  const { user, logout } = useSession();
  const link = (to: string, key: Parameters<typeof t>[0], name: string) => (
    <a href={to} aria-current={section === name ? 'page' : undefined}>
      {t(key)}
    </a>
  );
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <header class="top">
        <a class="brand" href="#/">
          {t('app.title')}
        </a>
        <nav aria-label={t('nav.main')}>
          {isDrafter(user) && link(href('documents'), 'nav.documents', 'documents')}
          {user.role === 'delegate' && link(href('drafts'), 'nav.drafts', 'drafts')}
          {user.role === 'delegate' && link(href('mine'), 'nav.mine', 'mine')}
          {user.role === 'admin' && link(href('admin'), 'nav.admin', 'admin')}
        </nav>
        <span class="who">{user.displayName}</span>
        <button type="button" class="link" onClick={() => setLang(getLang() === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </button>
        <button type="button" class="link" onClick={logout}>
          {t('nav.logout')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
