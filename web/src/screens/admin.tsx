import { useState } from 'preact/hooks';
import { ErrorNote, Loaded, Notice } from '../components/status';
import { Api } from '../endpoints';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import type { Role } from '../types';

const KINDS = ['delegation', 'department'] as const;
const groupKind = (k: string) => ((KINDS as readonly string[]).includes(k) ? t(`group.${k as (typeof KINDS)[number]}`) : k);

/** Users, groups (delegations and departments) and CSV import. */
export function Admin() {
  const users = useLoad(() => Api.users(), []);
  const groups = useLoad(() => Api.groups(), []);
  const [error, setError] = useState<Error>();
  const [msg, setMsg] = useState<string>();
  const run = (fn: () => Promise<unknown>, form: HTMLFormElement, done?: (r: any) => string) =>
    fn().then((r) => (form.reset(), setError(undefined), setMsg(done?.(r)), users.reload(), groups.reload()), setError);
  const addUser = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    run(() => Api.createUser({ username: f.get('username'), displayName: f.get('displayName'), role: f.get('role'), groupId: f.get('groupId') || null, password: f.get('password') }), e.currentTarget as HTMLFormElement);
  };
  const addGroup = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    run(() => Api.createGroup(String(f.get('name')), String(f.get('kind'))), e.currentTarget as HTMLFormElement);
  };
  const importCsv = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    run(() => Api.importUsers(String(f.get('csv'))), e.currentTarget as HTMLFormElement, (r) => t('admin.imported', { n: Array.isArray(r) ? r.length : (r?.created ?? r?.count ?? '') }));
  };
  const groupName = (id: string | null) => groups.data?.find((g) => g.id === id)?.name ?? '';
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
                  <thead><tr><th scope="col">{t('login.username')}</th><th scope="col">{t('admin.displayName')}</th><th scope="col">{t('admin.role')}</th><th scope="col">{t('admin.group')}</th></tr></thead>
                  <tbody>{us.map((u) => <tr key={u.id}><td>{u.username}</td><td>{u.displayName}</td><td>{t(`role.${u.role}`)}</td><td>{u.group?.name ?? u.groupName ?? groupName(u.groupId)}</td></tr>)}</tbody>
                </table>
              </div>
            )}
          </Loaded>
          <form class="card stack" onSubmit={addUser}>
            <h2>{t('admin.addUser')}</h2>
            <label>{t('login.username')}<input name="username" required /></label>
            <label>{t('admin.displayName')}<input name="displayName" /></label>
            <label>{t('admin.role')}<select name="role">{(['delegate', 'drafter', 'admin'] as Role[]).map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select></label>
            <label>{t('admin.group')}<select name="groupId"><option value="">{t('none')}</option>{groups.data?.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}</select></label>
            <label>{t('login.password')}<input name="password" type="password" required minLength={8} autocomplete="new-password" /></label>
            <button type="submit" class="primary">{t('admin.addUser')}</button>
          </form>
        </div>
        <div>
          <h2>{t('admin.groups')}</h2>
          <Loaded load={groups}>{(gs) => <ul>{gs.map((g) => <li key={g.id}>{g.name}{g.kind ? ` · ${groupKind(g.kind)}` : ''}</li>)}</ul>}</Loaded>
          <form class="inline-form" onSubmit={addGroup}>
            <label>{t('admin.groupName')}<input name="name" required /></label>
            <label>{t('group.kind')}<select name="kind">{KINDS.map((k) => <option key={k} value={k}>{t(`group.${k}`)}</option>)}</select></label>
            <button type="submit">{t('admin.addGroup')}</button>
          </form>
          <form class="card stack" onSubmit={importCsv}>
            <h2>{t('admin.import')}</h2>
            <label>{t('admin.csvHelp')}<textarea name="csv" rows={6} required placeholder={'username,displayName,role,group,password'} /></label>
            <button type="submit" class="primary">{t('admin.import')}</button>
          </form>
        </div>
      </div>
    </section>
  );
}
