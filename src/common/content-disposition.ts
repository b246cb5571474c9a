/** RFC 5987 value: percent-encode everything outside attr-char (encodeURIComponent leaves ' ( ) * unescaped). */
export const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A download's Content-Disposition: an ASCII name for old clients and the full UTF-8 name. */
export const attachment = (ascii: string, utf8: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(utf8)}`;
