/**
 * A cheap, linear pre-scan of a message's MIME skeleton: how deep multiparts and embedded messages nest,
 * how many parts there are and which content types occur. mailparser offers no nesting limit, so this runs
 * before it and stops at the first limit crossed. It reads header blocks and `--boundary` lines only; body
 * lines cost one byte comparison each.
 */
export interface MimeStructure {
  /** Deepest nesting seen (1 = a single-part message). */
  readonly depth: number;
  readonly parts: number;
  /** Distinct content types, lower-cased, in order of appearance. */
  readonly partTypes: readonly string[];
}

export class StructureLimitError extends Error {
  constructor(
    readonly limit: 'depth' | 'parts',
    message: string,
  ) {
    super(message);
    this.name = 'StructureLimitError';
  }
}

interface Level {
  /** The multipart's boundary, or undefined for an embedded message/rfc822. */
  readonly boundary?: string;
}

const MAX_PART_TYPES = 64;
/** Header lines looked at per part: enough to find Content-Type in any real header block. */
const MAX_HEAD_LINES = 2000;
const DASH = 0x2d;
const LF = 0x0a;

function headField(lines: readonly string[], name: string): string | undefined {
  const prefix = `${name}:`;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length < prefix.length || line.slice(0, prefix.length).toLowerCase() !== prefix) continue;
    let value = line.slice(prefix.length);
    // RFC 5322 §2.2.3: continuation lines start with white space.
    for (let j = i + 1; j < lines.length && /^[ \t]/.test(lines[j]!); j++) value += lines[j];
    return value;
  }
  return undefined;
}

/**
 * Scans `raw` and throws `StructureLimitError` as soon as nesting exceeds `maxDepth` or the part count
 * exceeds `maxParts`.
 */
export function scanMimeStructure(raw: Buffer, maxDepth: number, maxParts: number): MimeStructure {
  const stack: Level[] = [];
  const types: string[] = [];
  let depth = 1;
  let parts = 0;
  let inHead = true;
  let head: string[] = [];

  const endOfHead = (lines: readonly string[]): void => {
    parts++;
    if (parts > maxParts) throw new StructureLimitError('parts', `more than ${maxParts} MIME parts`);
    const contentType = headField(lines, 'content-type') ?? '';
    const type = (/^\s*([^;\s]+)/.exec(contentType)?.[1] ?? 'text/plain').toLowerCase();
    if (types.length < MAX_PART_TYPES && !types.includes(type)) types.push(type);
    const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
    const encoding = (headField(lines, 'content-transfer-encoding') ?? '').trim().toLowerCase();
    if (type.startsWith('multipart/') && boundary) {
      stack.push({ boundary: boundary[1] ?? boundary[2] });
      inHead = false;
    } else if (type === 'message/rfc822' && encoding !== 'base64' && encoding !== 'quoted-printable') {
      // The embedded message's own header block follows directly.
      stack.push({});
      inHead = true;
    } else {
      inHead = false;
    }
    if (stack.length + 1 > depth) depth = stack.length + 1;
    if (depth > maxDepth) throw new StructureLimitError('depth', `MIME parts nest deeper than ${maxDepth}`);
  };
  let pos = 0;
  while (pos < raw.length) {
    const nl = raw.indexOf(LF, pos);
    const end = nl < 0 ? raw.length : nl;
    if (inHead) {
      let line = raw.toString('latin1', pos, end);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        const lines = head;
        head = [];
        endOfHead(lines);
      } else if (head.length < MAX_HEAD_LINES) {
        head.push(line);
      }
    } else if (stack.length > 0 && end - pos > 2 && raw[pos] === DASH && raw[pos + 1] === DASH) {
      const line = raw.toString('latin1', pos + 2, end).trimEnd();
      for (let k = stack.length - 1; k >= 0; k--) {
        const b = stack[k]!.boundary;
        if (b === undefined) continue;
        if (line === b) {
          stack.length = k + 1;
          inHead = true;
          break;
        }
        if (line === `${b}--`) {
          stack.length = k;
          break;
        }
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (inHead && head.length > 0) endOfHead(head);
  return { depth, parts, partTypes: types };
}
