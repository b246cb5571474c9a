/**
 * What a .docx carries besides its text: tracked changes (修订) and Word comments (批注). Pure string work over the
 * XML, self-contained on purpose: `inspectDocxReview` runs inside the extraction worker (docx-reader.ts passes its
 * source to the worker), so it may use nothing outside its own body.
 *
 * mammoth already reads a document as if every change were accepted (it skips w:del and w:moveFrom and joins a
 * paragraph whose mark was deleted to the next); a paragraph whose mark moved away (w:moveFrom in the mark's
 * properties) is marked deleted here so that it joins the same way.
 */

export interface DocxReview {
  trackedChanges: { insertions: number; deletions: number; moves: number };
  comments: { author: string; date: string | null; text: string; quote: string }[];
}

export function inspectDocxReview(
  documentXml: Buffer,
  commentsXml: Buffer | null,
): { documentXml: Buffer } & DocxReview {
  // Works on the bytes: a large part decoded into one string could exceed the worker's heap at once, which ends the
  // process instead of the worker. Only small slices (a comment, the words it is on) are ever decoded.
  const SLICE = 64 * 1024;
  const decode = (s: string) =>
    s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
      if (e === 'lt') return '<';
      if (e === 'gt') return '>';
      if (e === 'amp') return '&';
      if (e === 'quot') return '"';
      if (e === 'apos') return "'";
      return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    });
  const attr = (tag: string, name: string) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return m ? decode(m[1]) : null;
  };
  /** The visible text of some XML: w:t runs (never w:delText, nor what w:del or w:moveFrom hold), a tab for w:tab, a line per w:p. */
  const textOf = (xml: string) => {
    let out = '';
    const re = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<\/w:p>/g;
    const kept = xml.replace(/<w:(del|moveFrom)\s[^>]*[^/]>[\s\S]*?<\/w:\1>/g, '');
    for (let m = re.exec(kept); m; m = re.exec(kept))
      out += m[1] !== undefined ? decode(m[1]) : m[0] === '<w:tab/>' ? '\t' : '\n';
    return out.replace(/\n+$/, '');
  };
  /** Offsets of every element `<name` (followed by a space, "/" or ">", so <w:del> but not <w:delText>). */
  const starts = (buf: Buffer, name: string) => {
    const out: number[] = [];
    const needle = Buffer.from(`<${name}`);
    for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) {
      const next = buf[i + needle.length];
      if (next === 0x20 || next === 0x2f || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d)
        out.push(i);
    }
    return out;
  };
  const tagAt = (buf: Buffer, at: number) => {
    const end = buf.indexOf(0x3e, at);
    return buf.subarray(at, end < 0 ? buf.length : end + 1).toString('utf8');
  };
  const moveRanges = starts(documentXml, 'w:moveFromRangeStart').length;
  const trackedChanges = {
    insertions: starts(documentXml, 'w:ins').length,
    deletions: starts(documentXml, 'w:del').length,
    moves: moveRanges || starts(documentXml, 'w:moveFrom').filter((i) => !tagAt(documentXml, i).endsWith('/>')).length,
  };
  const comments: DocxReview['comments'] = [];
  if (commentsXml) {
    const close = Buffer.from('</w:comment>');
    for (const at of starts(commentsXml, 'w:comment')) {
      const tag = tagAt(commentsXml, at);
      const endAt = tag.endsWith('/>') ? at + tag.length : commentsXml.indexOf(close, at);
      const body =
        tag.endsWith('/>') || endAt < 0
          ? ''
          : commentsXml.subarray(at + tag.length, Math.min(endAt, at + tag.length + SLICE)).toString('utf8');
      const id = attr(tag, 'w:id');
      let quote = '';
      if (id !== null) {
        const from = documentXml.indexOf(`<w:commentRangeStart w:id="${id}"`);
        const to = from < 0 ? -1 : documentXml.indexOf(`<w:commentRangeEnd w:id="${id}"`, from);
        if (from >= 0 && to > from)
          quote = textOf(documentXml.subarray(from, Math.min(to, from + SLICE)).toString('utf8'));
      }
      comments.push({ author: attr(tag, 'w:author') ?? '', date: attr(tag, 'w:date'), text: textOf(body), quote });
    }
  }
  // <w:moveFrom …/> with no content is a paragraph mark that moved away (a run container always has content): it is
  // rewritten as <w:del …/>, byte slices put together again without decoding the part.
  const pieces: Buffer[] = [];
  let last = 0;
  for (const at of starts(documentXml, 'w:moveFrom')) {
    const tag = tagAt(documentXml, at);
    if (!tag.endsWith('/>')) continue;
    pieces.push(documentXml.subarray(last, at), Buffer.from(`<w:del${tag.slice('<w:moveFrom'.length)}`));
    last = at + Buffer.byteLength(tag);
  }
  const accepted = pieces.length ? Buffer.concat([...pieces, documentXml.subarray(last)]) : documentXml;
  return { documentXml: accepted, trackedChanges, comments };
}

/** The sentence a version's note gets when its .docx carried tracked changes or comments; '' when it carried neither. */
export function reviewNote(review: DocxReview): string {
  const { insertions, deletions, moves } = review.trackedChanges;
  const parts: string[] = [];
  if (insertions + deletions + moves > 0) {
    parts.push(
      `导入时已接受文件中的全部修订（插入 ${insertions} 处、删除 ${deletions} 处${moves ? `、移动 ${moves} 处` : ''}）。`,
    );
  }
  if (review.comments.length) parts.push(`文件中有 ${review.comments.length} 条批注，未并入正文。`);
  return parts.join('');
}
