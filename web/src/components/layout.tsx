import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { PHONE_QUERY, useMedia } from '../hooks';
import { getLang, setLang, t } from '../i18n';
import { useUnseen } from '../live';
import { href } from '../router';
import { isDrafter, useSession } from '../session';

/**
 * The page frame. On phones the header keeps one row: the brand and a menu button that shows the navigation, the
 * user's name, the language switch and logout (a disclosure, not a modal: nothing traps focus, Escape closes it).
 */
export function Layout({ children, section }: { children: ComponentChildren; section: string }) {
  const { user, logout } = useSession();
  const phone = useMedia(PHONE_QUERY);
  const [menuOpen, setMenuOpen] = useState(false);
  const unseen = useUnseen();
  const menuBtn = useRef<HTMLButtonElement>(null);
  const headerRef = useRef<HTMLElement>(null);
  useEffect(() => setMenuOpen(false), [section, phone]);
  // The open menu closes on a tap elsewhere and when the focus leaves the header.
  useEffect(() => {
    if (!menuOpen) return;
    const away = (e: Event) => !headerRef.current?.contains(e.target as Node) && setMenuOpen(false);
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => (document.removeEventListener('pointerdown', away), document.removeEventListener('focusin', away));
  }, [menuOpen]);
  const closeMenu = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuBtn.current?.focus();
  };
  const link = (to: string, key: Parameters<typeof t>[0], name: string, badge = 0) => (
    <a href={to} aria-current={section === name ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
      {t(key)}
      {badge > 0 && (
        <span class="badge news" aria-label={t('mine.news', { n: badge })}>
          {badge}
        </span>
      )}
    </a>
  );
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <header class="top" ref={headerRef} onKeyDown={closeMenu}>
        <a class="brand" href="#/">
          {t('app.title')}
        </a>
        {phone && (
          <button
            type="button"
            class="menu-btn"
            ref={menuBtn}
            aria-expanded={menuOpen}
            aria-controls="top-menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span aria-hidden="true">☰</span> {t('nav.menu')}
          </button>
        )}
        <div
          id="top-menu"
          class={`top-menu${phone ? ' compact' : ''}${menuOpen ? ' open' : ''}`}
          hidden={phone && !menuOpen}
        >
          <nav aria-label={t('nav.main')}>
            {isDrafter(user) && link(href('documents'), 'nav.documents', 'documents')}
            {user.role === 'delegate' && link(href('drafts'), 'nav.drafts', 'drafts')}
            {user.role === 'delegate' && link(href('mine'), 'nav.mine', 'mine', unseen)}
            {user.role === 'admin' && link(href('admin'), 'nav.admin', 'admin')}
          </nav>
          <span class="who">{user.displayName}</span>
          <button type="button" class="link" onClick={() => setLang(getLang() === 'zh' ? 'en' : 'zh')}>
            {t('lang.switch')}
          </button>
          <button type="button" class="link" onClick={logout}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
