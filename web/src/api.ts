/** The one place that talks to the service: bearer token, JSON, errors turned into messages that say what to do. */
import { fmtDate, getLang, t } from './i18n';

const TOKEN_KEY = 'draftline.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const getToken = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token: string | null) => (token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY));

let onUnauthenticated: () => void = () => undefined;
export const whenUnauthenticated = (fn: () => void) => (onUnauthenticated = fn);

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const h: Record<string, string> = { Accept: 'application/json', ...headers };
  const token = getToken();
  if (token) h.Authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers: h, body: payload });
  } catch {
    throw new ApiError(0, 'network', t('err.network'));
  }
  if (res.ok) return res;
  let code = 'http_' + res.status;
  let message = '';
  try {
    const j = await res.json();
    code = j.error ?? code;
    message = Array.isArray(j.message) ? j.message.join('; ') : (j.message ?? '');
    // The server speaks English; a delegate reading Chinese gets the known problems in Chinese.
    const zh = getLang() === 'zh' ? ZH_MESSAGES[code]?.(j) : undefined;
    if (zh) message = zh;
    // The password rules answer in both languages ("中文 / English"): show the reader's half.
    else if (code === 'weak_password' && message.includes(' / ')) message = message.split(' / ')[getLang() === 'zh' ? 0 : 1];
    if (code === 'too_many_attempts' && typeof j.retryAfter === 'number') message = t('err.tooMany', { n: j.retryAfter });
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && path !== '/api/auth/login') onUnauthenticated();
  throw new ApiError(res.status, code, explain(res.status, code, message));
}

type ErrorBody = { opensAt?: string; closesAt?: string; limit?: number };

/** Chinese wording of the error codes a delegate or drafter meets in normal use. */
const ZH_MESSAGES: Record<string, (b: ErrorBody) => string> = {
  consultation_closed: (b) =>
    b.opensAt && b.closesAt ? `本轮征求意见的时间为 ${fmtDate(b.opensAt)} 至 ${fmtDate(b.closesAt)}，现在不能提交或修改意见。` : '本轮征求意见现在不接收意见。',
  invalid_credentials: () => '用户名或密码不正确。',
  comment_too_long: (b) => (b.limit ? `意见最多 ${b.limit} 个字，请删减后再提交。` : '意见太长，请删减后再提交。'),
  text_too_large: (b) => (b.limit ? `稿件超过 ${Math.round(b.limit / 1024)} KB 的上限，请拆分后再上传。` : '稿件太大，请拆分后再上传。'),
  empty_text: () => '稿件内容为空。',
  not_utf8: () => '文件不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8 后再上传。',
  binary_upload: () => '无法读取该文件，请上传 .docx、.md 或 .txt 文件。',
  unknown_format: () => '不支持的文件类型，请上传 .docx、.md 或 .txt 文件。',
  clause_not_found: () => '该条款不在这一稿中，请刷新后重试。',
  quote_not_in_clause: () => '所选文字不在该条款中，请重新选择。',
  idempotency_conflict: () => '这条意见已经提交过，请刷新页面查看。',
  username_taken: () => '用户名已被使用。',
  comment_decided: () => '起草组已处理这条意见，不能再修改或撤回；如有补充，可以回复。',
  comment_not_decided: () => '这条意见还没有处理结果，无需重新处理。',
  own_account: () => '不能停用自己的账号，也不能取消自己的管理员角色；请另一位管理员操作。',
};

/** A message for a person: what happened (the server's words when it has them) and what to do next. */
function explain(status: number, code: string, message: string): string {
  const hint =
    status === 401 ? t('err.401') : status === 403 ? t('err.403') : status === 404 ? t('err.404')
    : status === 413 ? t('err.413') : status >= 500 ? t('err.500') : code === 'validation_failed' || status === 400 || status === 422 ? t('err.422') : '';
  return [message, hint].filter(Boolean).join(' — ');
}

export async function api<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  const res = await send(method, path, body, headers);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? res.json() : res.text()) as Promise<T>;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => api<T>('POST', path, body, headers);
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body);

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await send('GET', path, undefined, { Accept: '*/*' });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="?([^";]+)"?/i.exec(disposition);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m ? decodeURIComponent(m[1]) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export const qs = (params: Record<string, string | number | undefined | null>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
};
