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

export function inspectDocxReview(documentXml: string, commentsXml: string | null): { documentXml: string } & DocxReview {
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
  /** The visible text of some XML: w:t runs (never w:delText), a tab for w:tab, a line per w:p. */
  const textOf = (xml: string) => {
    let out = '';
    const re = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<\/w:p>/g;
    for (let m = re.exec(xml); m; m = re.exec(xml)) out += m[1] !== undefined ? decode(m[1]) : m[0] === '<w:tab/>' ? '\t' : '\n';
    return out.replace(/\n+$/, '');
  };
  const count = (re: RegExp) => (documentXml.match(re) ?? []).length;
  const moveRanges = count(/<w:moveFromRangeStart[\s/>]/g);
  const trackedChanges = {
    insertions: count(/<w:ins[\s/>]/g),
    deletions: count(/<w:del[\s/>]/g),
    moves: moveRanges || count(/<w:moveFrom[\s>]/g),
  };
  const comments: DocxReview['comments'] = [];
  if (commentsXml) {
    const re = /<w:comment\s[^>]*?(?:\/>|>([\s\S]*?)<\/w:comment>)/g;
    for (let m = re.exec(commentsXml); m; m = re.exec(commentsXml)) {
      const tag = m[0].slice(0, m[0].indexOf('>') + 1);
      const id = attr(tag, 'w:id');
      let quote = '';
      if (id !== null) {
        const start = documentXml.search(new RegExp(`<w:commentRangeStart\\s[^>]*w:id="${id}"`));
        const end = documentXml.search(new RegExp(`<w:commentRangeEnd\\s[^>]*w:id="${id}"`));
        if (start >= 0 && end > start) quote = textOf(documentXml.slice(start, end).replace(/<w:(?:del|moveFrom)\s[^>]*>[\s\S]*?<\/w:(?:del|moveFrom)>/g, ''));
      }
      comments.push({ author: attr(tag, 'w:author') ?? '', date: attr(tag, 'w:date'), text: textOf(m[1] ?? ''), quote });
    }
  }
  // <w:moveFrom …/> with no content is a paragraph mark that moved away (a run container always has content).
  const accepted = documentXml.replace(/<w:moveFrom(\s[^>]*)?\/>/g, (_m, attrs: string | undefined) => `<w:del${attrs ?? ''}/>`);
  return { documentXml: accepted, trackedChanges, comments };
}

/** The sentence a version's note gets when its .docx carried tracked changes or comments; '' when it carried neither. */
export function reviewNote(review: DocxReview): string {
  const { insertions, deletions, moves } = review.trackedChanges;
  const parts: string[] = [];
  if (insertions + deletions + moves > 0) {
    parts.push(`导入时已接受文件中的全部修订（插入 ${insertions} 处、删除 ${deletions} 处${moves ? `、移动 ${moves} 处` : ''}）。`);
  }
  if (review.comments.length) parts.push(`文件中有 ${review.comments.length} 条批注，未并入正文。`);
  return parts.join('');
}
