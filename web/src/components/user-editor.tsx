import { useEffect, useRef } from 'preact/hooks';
import { api, data } from '../api';
import { t } from '../i18n';
import type { Group, Role, User } from '../api';
import { formText } from '../form';

const ROLES: Role[] = ['delegate', 'drafter', 'admin'];

/**
 * An admin's edit of one user: name, role and group in one form, a new password in another. The service ends the
 * user's sessions when the role, group or password changes; `done` gets the message to show.
 */
export function UserEditor({
  user,
  groups,
  self,
  run,
  onClose,
}: {
  user: User;
  groups: Group[];
  /** The admin editing their own account: the service refuses to demote it, so the choice is not offered. */
  self: boolean;
  run: (fn: () => Promise<unknown>, form?: HTMLFormElement, done?: () => string) => void;
  onClose: () => void;
}) {
  const headingId = `edit-${user.id}`;
  const first = useRef<HTMLInputElement>(null);
  // Opened from a row of a possibly long list: bring the form into view and put the keyboard in it.
  useEffect(() => {
    first.current?.scrollIntoView({ block: 'nearest' });
    first.current?.focus();
  }, [user.id]);
  const save = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const body = {
      displayName: formText(f, 'displayName').trim(),
      role: self ? undefined : (formText(f, 'role') as Role),
      groupId: (f.get('groupId') as string | null) || null,
    };
    // Not reset afterwards: the form keeps showing what was saved.
    run(
      () => data(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body })),
      undefined,
      () => t('admin.saved', { name: user.username }),
    );
  };
  const reset = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const password = formText(new FormData(form), 'password');
    run(
      () => data(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: { password } })),
      form,
      () => t('admin.passwordReset', { name: user.username }),
    );
  };
  return (
    <section class="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('admin.editUser', { name: user.username })}</h2>
      <form class="stack" onSubmit={save}>
        <label>
          {t('admin.displayName')}
          <input ref={first} name="displayName" required maxLength={100} defaultValue={user.displayName} />
        </label>
        {!self && (
          <label>
            {t('admin.role')}
            <select name="role">
              {ROLES.map((r) => (
                <option key={r} value={r} selected={r === user.role}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('admin.group')}
          <select name="groupId">
            <option value="" selected={!user.groupId}>
              {t('none')}
            </option>
            {groups.map((g) => (
              <option key={g.id} value={g.id} selected={g.id === user.groupId}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <p class="meta">{t('admin.rightsHint')}</p>
        <div class="row">
          <button type="submit" class="primary">
            {t('own.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </form>
      <form class="stack" onSubmit={reset}>
        <label>
          {t('admin.newPassword')}
          <input
            name="password"
            type="password"
            required
            minLength={10}
            maxLength={200}
            autocomplete="new-password"
            aria-describedby={`${headingId}-pw`}
          />
        </label>
        <p class="meta" id={`${headingId}-pw`}>
          {t('admin.passwordRules')}
        </p>
        <button type="submit">{t('admin.resetPassword')}</button>
      </form>
    </section>
  );
}
