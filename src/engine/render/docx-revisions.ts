/**
 * Version B as a Word document whose differences from version A are real tracked changes (修订), as Word, WPS and
 * LibreOffice show them in their review pane: w:ins / w:del for words, w:moveFrom / w:moveTo (with their
 * moveFromRangeStart/End and moveToRangeStart/End) for clauses the comparison found moved. Accepting every change
 * gives B's text exactly, rejecting every change gives A's: one line of text is one Word paragraph (as a .docx is
 * read on import), and a line break that comes or goes is a paragraph mark inserted or deleted.
 *
 * Clauses are paired by key, as the comparison pairs them: a renumbered clause shows a small change on its number
 * ("第[-五-][+六+]条"), a reference that followed the renumbering a small change on the reference, never a paragraph
 * deleted and typed again.
 *
 * The XML is written here rather than with the `docx` package: that package writes w:ins and w:del runs
 * (InsertedTextRun, DeletedTextRun) but neither moves nor tracked paragraph marks, which a faithful redline needs.
 */
import JSZip from 'jszip';
import { longestIncreasing } from '../compare';
import { type InlineOp, inlineDiff } from '../inline-diff';

/** A clause as stored: lead + label + gap + text + tail over all clauses is the version's text. */
export interface RevisionClause {
  key: string;
  label: string;
  gap: string;
  text: string;
  lead: string;
  tail: string;
}

export interface RevisionsMeta {
  /** Who the changes are attributed to (the version's author, or the drafting group). */
  author: string;
  /** When (the version's date). */
  date: Date;
  title?: string;
}

export interface RevisionsInput {
  from: readonly RevisionClause[];
  to: readonly RevisionClause[];
  /** Keys of the clauses the comparison found moved. */
  moved: ReadonlySet<string>;
  /** The comparison's word diff of a clause kept under its key, when it has one (else it is computed here). */
  inline?: (key: string) => InlineOp[] | undefined;
}

export type SegmentKind = 'equal' | 'insert' | 'delete' | 'moveFrom' | 'moveTo';

/** A run of the merged text: `equal + insert + moveTo` segments make B, `equal + delete + moveFrom` make A. */
export interface Segment {
  kind: SegmentKind;
  text: string;
  /** The move a moveFrom / moveTo segment belongs to (1, 2, …). */
  move?: number;
}

const block = (c: RevisionClause) => c.lead + c.label + c.gap + c.text + c.tail;

/** The merged text of A and B, in B's order with A's deleted and moved-away clauses where they stood. */
export function revisionSegments(input: RevisionsInput): Segment[] {
  const { from, to } = input;
  const fromIndex = new Map(from.map((c, i) => [c.key, i]));
  const paired = to.filter((c) => fromIndex.has(c.key));
  const candidates = paired.filter((c) => !input.moved.has(c.key));
  const kept = longestIncreasing(candidates.map((c) => fromIndex.get(c.key)!));
  const inOrder = new Set(candidates.filter((_, i) => kept.has(i)).map((c) => c.key));
  // The comparison's moves are moves; a pair it did not call moved that still falls out of order (a split or merge
  // that continued a clause elsewhere) is written as deleted where it stood and inserted where it went.
  const moveOf = new Map<string, number>();
  for (const c of paired) if (input.moved.has(c.key)) moveOf.set(c.key, moveOf.size + 1);

  const out: Segment[] = [];
  const push = (kind: SegmentKind, text: string, move?: number) => {
    if (!text) return;
    const last = out.at(-1);
    if (last && last.kind === kind && last.move === move) last.text += text;
    else out.push(move === undefined ? { kind, text } : { kind, text, move });
  };
  let i = 0;
  const passOver = (upTo: number) => {
    for (; i < upTo; i++) {
      const c = from[i];
      if (inOrder.has(c.key)) continue;
      const move = moveOf.get(c.key);
      push(move === undefined ? 'delete' : 'moveFrom', block(c), move);
    }
  };
  for (const c of to) {
    const at = fromIndex.get(c.key);
    if (at !== undefined && inOrder.has(c.key)) {
      passOver(at);
      for (const s of pairSegments(from[at], c, input.inline)) push(s.kind, s.text);
      i = at + 1;
    } else if (at !== undefined && moveOf.has(c.key)) {
      const move = moveOf.get(c.key)!;
      // Where it went: its words as moved, what was added to them as inserted (what it lost went with the moveFrom).
      for (const s of pairSegments(from[at], c, input.inline)) {
        if (s.kind === 'equal') push('moveTo', s.text, move);
        else if (s.kind === 'insert') push('insert', s.text);
      }
    } else {
      push('insert', block(c));
    }
  }
  passOver(from.length);
  return endOnEqualBreak(out);
}

/** A clause kept under its key: its number, spacing, words and line breaks compared part by part. */
function pairSegments(
  a: RevisionClause,
  b: RevisionClause,
  inline?: (key: string) => InlineOp[] | undefined,
): Segment[] {
  const out: Segment[] = [];
  const part = (x: string, y: string) => out.push(...trimmedChange(x, y));
  part(a.lead, b.lead);
  part(a.label, b.label);
  part(a.gap, b.gap);
  if (a.text === b.text) out.push({ kind: 'equal', text: a.text });
  else {
    let ops = inline?.(b.key);
    if (!ops || !consistent(ops, a.text, b.text)) ops = inlineDiff(a.text, b.text).ops;
    // A reference or number replaced shows only what changed: 依照第[-三-][+四+]条, not [-第三条-][+第四条+]; other
    // words stay whole (便民[-利民-][+惠民+]), as the comparison cut them.
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      const next = ops[k + 1];
      if (
        op.op === 'delete' &&
        next?.op === 'insert' &&
        (op.ref || next.ref || (NUMBERISH.test(op.text) && NUMBERISH.test(next.text)))
      ) {
        out.push(...trimmedChange(op.text, next.text));
        k++;
      } else out.push({ kind: op.op, text: op.text });
    }
  }
  part(a.tail, b.tail);
  return out.filter((s) => s.text !== '');
}

/** A clause number or a reference to one: 第三条, 三, 第二十条之一, 第5款, § 5a, Art. 3(2). */
const NUMBERISH =
  /^(?:第?[〇零一二三四五六七八九十百千万两\d]+(?:[编章节条款项目](?:之[一二三四五六七八九十]+)?)?|(?:§+|Art\.?|Article|Section)?\s*[\d.]+[a-z]?(?:\(\d+\))?)$/u;

function consistent(ops: InlineOp[], a: string, b: string): boolean {
  return (
    ops
      .filter((o) => o.op !== 'insert')
      .map((o) => o.text)
      .join('') === a &&
    ops
      .filter((o) => o.op !== 'delete')
      .map((o) => o.text)
      .join('') === b
  );
}

/** x → y as the common start, what changed, and the common end ("第五条" → "第六条": 第 [五→六] 条). */
function trimmedChange(x: string, y: string): Segment[] {
  if (x === y) return [{ kind: 'equal', text: x }];
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  if (p > 0 && isHighSurrogate(x.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < x.length - p && s < y.length - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
  if (s > 0 && isHighSurrogate(x.charCodeAt(x.length - s - 1))) s--;
  return [
    { kind: 'equal', text: x.slice(0, p) },
    { kind: 'delete', text: x.slice(p, x.length - s) },
    { kind: 'insert', text: y.slice(p, y.length - s) },
    { kind: 'equal', text: x.slice(x.length - s) },
  ];
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * A document's last paragraph mark cannot be tracked. When the text ends with changed paragraphs (a clause added or
 * deleted at the end), the same texts are written with the change starting one line break earlier, so that the final
 * line break is an equal one: "…末条\n" + [+新条\n+] becomes "…末条" + [+\n新条+] + "\n".
 */
function endOnEqualBreak(segments: Segment[]): Segment[] {
  let k = segments.length;
  while (k > 0 && segments[k - 1].kind !== 'equal') k--;
  const tail = segments.slice(k);
  const before = segments[k - 1];
  if (!tail.length || !before || !before.text.endsWith('\n') || !tail.every((s) => s.text.endsWith('\n')))
    return segments;
  return [
    ...segments.slice(0, k - 1),
    ...(before.text.length > 1 ? [{ ...before, text: before.text.slice(0, -1) }] : []),
    ...tail.map((s) => ({ ...s, text: `\n${s.text.slice(0, -1)}` })),
    { kind: 'equal', text: '\n' },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// WordprocessingML

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Characters XML 1.0 cannot hold (controls other than tab and line breaks) are left out of the document. */
const escapeXml = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

interface Piece {
  kind: SegmentKind;
  move?: number;
  text: string;
}

interface WordParagraph {
  pieces: Piece[];
  /** The paragraph mark's own change; null for the document's final paragraph when the text does not end with a break. */
  mark: { kind: SegmentKind; move?: number } | null;
}

function paragraphsOf(segments: Segment[]): WordParagraph[] {
  const paragraphs: WordParagraph[] = [];
  let current: Piece[] = [];
  for (const s of segments) {
    const lines = s.text.split('\n');
    lines.forEach((line, n) => {
      if (n > 0) {
        paragraphs.push({ pieces: current, mark: { kind: s.kind, move: s.move } });
        current = [];
      }
      if (line) current.push({ kind: s.kind, move: s.move, text: line.replace(/\r$/u, '') });
    });
  }
  if (current.length || !paragraphs.length) paragraphs.push({ pieces: current, mark: null });
  return paragraphs;
}

const RUN_TEXT: Record<SegmentKind, string> = {
  equal: 't',
  insert: 't',
  delete: 'delText',
  moveFrom: 't',
  moveTo: 't',
};
const CONTAINER: Partial<Record<SegmentKind, string>> = {
  insert: 'ins',
  delete: 'del',
  moveFrom: 'moveFrom',
  moveTo: 'moveTo',
};

function runXml(kind: SegmentKind, text: string): string {
  const tag = RUN_TEXT[kind];
  const parts = text.split('\t').map((t) => (t ? `<w:${tag} xml:space="preserve">${escapeXml(t)}</w:${tag}>` : ''));
  return `<w:r>${parts.join('<w:tab/>')}</w:r>`;
}

/** document.xml for the segments: B's text with A's differences as tracked changes. */
export function revisionsDocumentXml(segments: Segment[], meta: RevisionsMeta): string {
  let id = 0;
  const who = `w:author="${escapeXml(meta.author)}" w:date="${meta.date.toISOString().replace(/\.\d{3}Z$/u, 'Z')}"`;
  const paragraphs = paragraphsOf(segments);

  // Each move's two ranges (from and to) span its first to its last piece or mark; find where they start and end.
  type Side = 'moveFrom' | 'moveTo';
  const spans = new Map<string, { first: string; last: string; id: number }>();
  paragraphs.forEach((p, pi) => {
    const items = [
      ...p.pieces.map((x, k) => ({ ...x, at: `${pi}:${k}` })),
      ...(p.mark ? [{ ...p.mark, at: `${pi}:m` }] : []),
    ];
    for (const x of items) {
      if ((x.kind !== 'moveFrom' && x.kind !== 'moveTo') || x.move === undefined) continue;
      const key = `${x.kind}:${x.move}`;
      const span = spans.get(key);
      if (span) span.last = x.at;
      else spans.set(key, { first: x.at, last: x.at, id: 0 });
    }
  });
  for (const span of spans.values()) span.id = ++id;
  const starts = new Map<string, string[]>();
  const ends = new Map<string, string[]>();
  for (const [key, span] of spans) {
    const [side, move] = key.split(':') as [Side, string];
    const name = `move${move}`;
    starts.set(span.first, [
      ...(starts.get(span.first) ?? []),
      `<w:${side}RangeStart w:id="${span.id}" w:name="${name}" ${who}/>`,
    ]);
    ends.set(span.last, [...(ends.get(span.last) ?? []), `<w:${side}RangeEnd w:id="${span.id}"/>`]);
  }

  const body: string[] = [];
  paragraphs.forEach((p, pi) => {
    let xml = '<w:p>';
    if (p.mark && p.mark.kind !== 'equal')
      xml += `<w:pPr><w:rPr><w:${CONTAINER[p.mark.kind]} w:id="${++id}" ${who}/></w:rPr></w:pPr>`;
    let open: { kind: SegmentKind; move?: number } | null = null;
    const close = () => {
      if (open && CONTAINER[open.kind]) xml += `</w:${CONTAINER[open.kind]}>`;
      open = null;
    };
    p.pieces.forEach((x, k) => {
      const at = `${pi}:${k}`;
      if (starts.has(at)) {
        close();
        xml += starts.get(at)!.join('');
      }
      if (!open || open.kind !== x.kind || open.move !== x.move) {
        close();
        if (CONTAINER[x.kind]) xml += `<w:${CONTAINER[x.kind]} w:id="${++id}" ${who}>`;
        open = { kind: x.kind, move: x.move };
      }
      xml += runXml(x.kind, x.text);
      if (ends.has(at)) {
        close();
        xml += ends.get(at)!.join('');
      }
    });
    close();
    const mark = `${pi}:m`;
    xml += (starts.get(mark) ?? []).join('') + (ends.get(mark) ?? []).join('');
    body.push(`${xml}</w:p>`);
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}"><w:body>${body.join('')}` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>' +
    '</w:body></w:document>'
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const DOCUMENT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>' +
  '</Relationships>';

/** 仿宋 for Chinese, Times New Roman otherwise, 14 pt (四号): the usual face of a draft. */
const STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>` +
  '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="FangSong" w:cs="Times New Roman"/>' +
  '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>' +
  '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>';

/** Track changes stays on: what the reviewer edits next is tracked too. */
const SETTINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="${W_NS}"><w:trackRevisions/></w:settings>`;

function coreXml(meta: RevisionsMeta): string {
  const when = meta.date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(meta.title ?? '')}</dc:title><dc:creator>${escapeXml(meta.author)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** The .docx: version B with its differences from A as tracked changes. */
export async function renderRevisionsDocx(input: RevisionsInput, meta: RevisionsMeta): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', ROOT_RELS);
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS);
  zip.file('word/document.xml', revisionsDocumentXml(revisionSegments(input), meta));
  zip.file('word/styles.xml', STYLES);
  zip.file('word/settings.xml', SETTINGS);
  zip.file('docProps/core.xml', coreXml(meta));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
