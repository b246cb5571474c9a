import { useState } from 'preact/hooks';
import { ErrorNote, Loaded, Notice } from '../components/status';
import { UserEditor } from '../components/user-editor';
import { api, data } from '../api';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { useSession } from '../session';
import type { Role } from '../api';
import { formText } from '../form';

const KINDS = ['delegation', 'department'] as const;
const groupKind = (k: string) =>
  (KINDS as readonly string[]).includes(k) ? t(`group.${k as (typeof KINDS)[number]}`) : k;

/** Users (edit, disable or enable, reset a password), groups (delegations and departments) and CSV import. */
export function Admin() {
  const users = useLoad(() => data(api.GET('/api/users')), []);
  const groups = useLoad(() => data(api.GET('/api/groups')), []);
  const [error, setError] = useState<Error>();
  const [msg, setMsg] = useState<string>();
  const { user: me } = useSession();
  const [editing, setEditing] = useState<string>();
  const editingUser = users.data?.find((u) => u.id === editing);
  // Failures are shown (setError), so the promise is not awaited.
  const run = <R,>(fn: () => Promise<R>, form?: HTMLFormElement, done?: (r: R) => string) =>
    void fn().then(
      (r) => (form?.reset(), setError(undefined), setMsg(done?.(r)), users.reload(), groups.reload()),
      (e: Error) => (setMsg(undefined), setError(e)),
    );
  const addUser = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string) => formText(f, name);
    const body = {
      username: text('username'),
      displayName: text('displayName'),
      role: text('role') as Role,
      ...(text('groupId') ? { groupId: text('groupId') } : {}),
      password: text('password'),
    };
    run(() => data(api.POST('/api/users', { body })), e.currentTarget as HTMLFormElement);
  };
  const addGroup = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    run(
      () =>
        data(
          api.POST('/api/groups', {
            body: { name: formText(f, 'name'), kind: formText(f, 'kind') as (typeof KINDS)[number] },
          }),
        ),
      e.currentTarget as HTMLFormElement,
    );
  };
  const importCsv = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    run(
      () =>
        data(api.POST('/api/users/import', { body: { csv: formText(f, 'csv') } })).then((r) =>
          t('admin.imported', { n: r.created }),
        ),
      e.currentTarget as HTMLFormElement,
      (message) => message,
    );
  };
  return (
    <section class="admin">
      {error && <ErrorNote error={error} />}
      {msg && <Notice tone="ok">{msg}</Notice>}
      <div class="columns">
        <div>
          <h1>{t('admin.users')}</h1>
          <Loaded load={users}>
            {(us) => (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('login.username')}</th>
                      <th scope="col">{t('admin.displayName')}</th>
                      <th scope="col">{t('admin.role')}</th>
                      <th scope="col">{t('admin.group')}</th>
                      <th scope="col">{t('admin.status')}</th>
                      <th scope="col">{t('admin.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {us.map((u) => (
                      <tr key={u.id} class={u.disabled ? 'is-disabled' : undefined}>
                        <td>{u.username}</td>
                        <td>{u.displayName}</td>
                        <td>{t(`role.${u.role}`)}</td>
                        <td>{u.groupName ?? ''}</td>
                        <td>{u.disabled ? t('admin.disabled') : t('admin.active')}</td>
                        <td>
                          <div class="row">
                            <button
                              type="button"
                              class="link"
                              aria-label={t('admin.editNamed', { name: u.username })}
                              onClick={() => setEditing(u.id)}
                            >
                              {t('own.edit')}
                            </button>
                            {u.id !== me.id && (
                              <button
                                type="button"
                                class="link"
                                aria-label={t(u.disabled ? 'admin.enableNamed' : 'admin.disableNamed', {
                                  name: u.username,
                                })}
                                onClick={() =>
                                  run(
                                    () =>
                                      data(
                                        api.PATCH('/api/users/{id}', {
                                          params: { path: { id: u.id } },
                                          body: { disabled: !u.disabled },
                                        }),
                                      ),
                                    undefined,
                                    () => t(u.disabled ? 'admin.enabled' : 'admin.disabledDone', { name: u.username }),
                                  )
                                }
                              >
                                {t(u.disabled ? 'admin.enable' : 'admin.disable')}
                              </button>
                            )}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Loaded>
          {editingUser && (
            <UserEditor
              key={editingUser.id}
              user={editingUser}
              groups={groups.data ?? []}
              self={editingUser.id === me.id}
              run={run}
              onClose={() => setEditing(undefined)}
            />
          )}
          <form class="card stack" onSubmit={addUser}>
            <h2>{t('admin.addUser')}</h2>
            <label>
              {t('login.username')}
              <input name="username" required />
            </label>
            <label>
              {t('admin.displayName')}
              <input name="displayName" />
            </label>
            <label>
              {t('admin.role')}
              <select name="role">
                {(['delegate', 'drafter', 'admin'] as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('admin.group')}
              <select name="groupId">
                <option value="">{t('none')}</option>
                {groups.data?.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('login.password')}
              <input
                name="password"
                type="password"
                required
                minLength={10}
                maxLength={200}
                autocomplete="new-password"
              />
            </label>
            <p class="meta">{t('admin.passwordRules')}</p>
            <button type="submit" class="primary">
              {t('admin.addUser')}
            </button>
          </form>
        </div>
        <div>
          <h2>{t('admin.groups')}</h2>
          <Loaded load={groups}>
            {(gs) => (
              <ul>
                {gs.map((g) => (
                  <li key={g.id}>
                    {g.name} · {groupKind(g.kind)}
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
          <form class="inline-form" onSubmit={addGroup}>
            <label>
              {t('admin.groupName')}
              <input name="name" required />
            </label>
            <label>
              {t('group.kind')}
              <select name="kind">
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`group.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('admin.addGroup')}</button>
          </form>
          <form class="card stack" onSubmit={importCsv}>
            <h2>{t('admin.import')}</h2>
            <label>
              {t('admin.csvHelp')}
              <textarea name="csv" rows={6} required placeholder={'username,displayName,role,group,password'} />
            </label>
            <button type="submit" class="primary">
              {t('admin.import')}
            </button>
          </form>
        </div>
      </div>
    </section>
  );
}
