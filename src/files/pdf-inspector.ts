/**
 * Is an uploaded PDF a plain document? The whole file is parsed with pdf-lib's parser (the file
 * must be PDF from the header to the last `%%EOF`), then every object of the document is walked for
 * active content. Pure: bytes in, findings out; no I/O.
 *
 * Why pdf-lib and not qpdf: the check runs on every upload, so it has to work wherever the app
 * runs — `npm ci && npm start` needs nothing but Node.js — and in-process (no process per upload).
 * pdf-lib's parser is lenient (it silently skips bytes it does not understand, ignores the xref
 * offsets that broken-but-benign PDFs often get wrong), so it is wrapped: every byte it skips as
 * "jibberish" and every comment is recorded and judged here, and the compressed structures it has
 * to inflate (object streams, xref streams) are measured first with a bounded read, so that a
 * deflate bomb is refused instead of filling the memory.
 *
 * What is refused, and why nothing is rewritten: a PDF is the citizen's own document and often
 * carries a digital signature that the clerk checks; removing an action would change the document
 * and break the signature, and a remover that misses one path gives false safety. So active
 * content is REFUSED with its reason, and the citizen exports a plain PDF again ("In ra PDF").
 * - JavaScript anywhere (`/JS`, `/JavaScript`, the document's JavaScript name tree)
 * - `/OpenAction` other than "open at page N" (a destination or a plain GoTo)
 * - `/AA` additional actions (run on page open/close, field keystrokes, document save/print…)
 * - Launch actions; GoToR/GoToE (open another, possibly remote, file: leaks credentials over SMB)
 * - embedded files: `/EmbeddedFiles`, `/EF`, `/Type /EmbeddedFile`, FileAttachment annotations,
 *   portfolios (`/Collection`)
 * - XFA forms; RichMedia, Screen/Movie/Sound/3D annotations and Rendition/Movie/Sound actions
 * - SubmitForm (sends the form to a server) and ImportData
 * - URI actions with a scheme other than http, https or mailto (`javascript:`, `file:`, `smb:`…).
 *   Ordinary web links (http/https/mailto) are KEPT: they are not active (readers ask before
 *   opening them) and many legitimate documents carry them.
 * - encrypted PDFs (passwords, DRM): their objects cannot be inspected.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { foreignFormatAtStart, markupIn } from './file-type';

export type PdfFindingCode =
  | 'pdf.unparseable'
  | 'pdf.truncated'
  | 'pdf.foreign-content'
  | 'pdf.trailing-data'
  | 'pdf.no-pages'
  | 'pdf.encrypted'
  | 'pdf.compression-bomb'
  | 'pdf.javascript'
  | 'pdf.open-action'
  | 'pdf.additional-actions'
  | 'pdf.launch'
  | 'pdf.remote-goto'
  | 'pdf.embedded-file'
  | 'pdf.xfa'
  | 'pdf.multimedia'
  | 'pdf.submit-form'
  | 'pdf.import-data'
  | 'pdf.unsafe-uri';

export interface PdfFinding {
  code: PdfFindingCode;
  /** What was found, for the message (e.g. "tệp chương trình (ELF)", a URI scheme). */
  detail?: string;
}

/** Vietnamese wording of each finding, completing "Tệp PDF …". */
export const PDF_FINDING_TEXT: Record<PdfFindingCode, string> = {
  'pdf.unparseable': 'bị hỏng hoặc không đúng cấu trúc PDF',
  'pdf.truncated': 'không đầy đủ (bị cắt cụt, thiếu phần kết thúc %%EOF)',
  'pdf.foreign-content': 'chứa dữ liệu không phải PDF',
  'pdf.trailing-data': 'có dữ liệu lạ nối sau phần kết thúc của tệp',
  'pdf.no-pages': 'không có trang nội dung nào',
  'pdf.encrypted': 'được đặt mật khẩu hoặc mã hoá nên không kiểm tra được nội dung',
  'pdf.compression-bomb': 'chứa dữ liệu nén bất thường (bom giải nén)',
  'pdf.javascript': 'chứa mã JavaScript',
  'pdf.open-action': 'có hành động tự chạy khi mở tệp (OpenAction)',
  'pdf.additional-actions': 'có hành động tự chạy theo sự kiện (AA)',
  'pdf.launch': 'có lệnh mở chương trình hoặc tệp khác (Launch)',
  'pdf.remote-goto': 'có liên kết mở tệp khác (GoToR/GoToE)',
  'pdf.embedded-file': 'có tệp khác nhúng bên trong (tệp đính kèm, portfolio)',
  'pdf.xfa': 'là biểu mẫu động XFA',
  'pdf.multimedia': 'có nội dung đa phương tiện chạy được (RichMedia, video, âm thanh, 3D)',
  'pdf.submit-form': 'có lệnh gửi dữ liệu biểu mẫu ra ngoài (SubmitForm)',
  'pdf.import-data': 'có lệnh nhập dữ liệu từ tệp khác (ImportData)',
  'pdf.unsafe-uri': 'có liên kết tới địa chỉ không an toàn',
};

export interface PdfInspectionOptions {
  /** Bytes that object and xref streams may inflate to, in total. */
  maxStructureBytes?: number;
}

const PDF_WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const EOF_MARKER = Buffer.from('%%EOF', 'latin1');
const SAFE_URI_SCHEMES = new Set(['http', 'https', 'mailto']);
const DEFAULT_MAX_STRUCTURE_BYTES = 64 * 1024 * 1024;

/** The parser's internals that are hooked (pdf-lib 1.17.1 is pinned; these names are stable there). */
interface ParserInternals {
  bytes: { offset(): number; slice(start: number, end: number): Uint8Array };
  skipJibberish(): void;
  skipWhitespaceAndComments(): void;
  skipComment(): boolean;
  parseObject(): PDFObject;
  parseDocument(): Promise<PDFContext>;
}

/** What the hooked parser saw besides the objects. */
interface ParseObservations {
  /** Bytes that are not PDF syntax (skipped "jibberish", comments holding markup or executables). */
  foreign: Buffer[];
  /** An object or xref stream inflated past the budget. */
  bomb: boolean;
}

/** All findings for one PDF; an empty list means the file is a plain, complete PDF. */
export async function inspectPdf(bytes: Buffer, opts: PdfInspectionOptions = {}): Promise<PdfFinding[]> {
  const tail = trailingAfterLastEof(bytes);
  if (tail?.length) return [{ code: 'pdf.trailing-data', detail: describeForeign(tail) }];

  const seen: ParseObservations = { foreign: [], bomb: false };
  const { foreign } = seen;
  let context: PDFContext | null = null;
  try {
    context = await parseStrictly(bytes, seen, opts.maxStructureBytes ?? DEFAULT_MAX_STRUCTURE_BYTES);
  } catch {
    context = null;
  }
  if (foreign.length) {
    // A whole foreign body under a %PDF- header is best named by what follows the header line.
    const body = bytes.subarray(bytes.indexOf(0x0a) + 1);
    return [{ code: 'pdf.foreign-content', detail: foreignFormatAtStart(body) ?? describeForeign(Buffer.concat(foreign)) }];
  }
  if (tail === null) return [{ code: 'pdf.truncated' }];
  // pdf-lib catches errors inside an object and rethrows its own: the observation survives.
  if (seen.bomb) return [{ code: 'pdf.compression-bomb' }];
  if (!context) return [{ code: 'pdf.unparseable' }];
  if (context.trailerInfo.Encrypt) return [{ code: 'pdf.encrypted' }];
  const findings: PdfFinding[] = [];
  if (!hasPages(context)) findings.push({ code: 'pdf.no-pages' });
  findings.push(...activeContent(context));
  return dedupe(findings);
}

/**
 * Bytes after the last `%%EOF` (null when there is none): a complete PDF ends there, give or take
 * line ends and padding. Incremental updates (signatures) keep adding sections, each with its own
 * `%%EOF`; only the last one ends the file.
 */
export function trailingAfterLastEof(bytes: Buffer): Buffer | null {
  const at = bytes.lastIndexOf(EOF_MARKER);
  if (at < 0) return null;
  let end = bytes.length;
  while (end > at + EOF_MARKER.length && PDF_WHITESPACE.has(bytes[end - 1]!)) end--;
  return bytes.subarray(at + EOF_MARKER.length, end);
}

function describeForeign(chunk: Buffer): string {
  return foreignFormatAtStart(chunk) ?? markupIn(chunk) ?? `${chunk.length} byte không thuộc cấu trúc PDF`;
}

async function parseStrictly(bytes: Buffer, seen: ParseObservations, maxStructureBytes: number): Promise<PDFContext> {
  const { foreign } = seen;
  const parser = PDFParser.forBytesWithOptions(bytes, 2000, true, false) as unknown as ParserInternals;
  const { skipJibberish, skipComment, parseObject } = parser;

  // Bytes pdf-lib would silently step over are not PDF: an HTML page, an ELF or ZIP body under a
  // %PDF- header, or junk between objects.
  parser.skipJibberish = function (this: ParserInternals) {
    this.skipWhitespaceAndComments();
    const start = this.bytes.offset();
    skipJibberish.call(this);
    const end = this.bytes.offset();
    if (end > start) {
      const junk = Buffer.from(this.bytes.slice(start, end));
      if (!harmlessJunk(junk, start)) foreign.push(junk);
    }
  };
  // Comments are legal anywhere, so a polyglot hides its HTML or script in them.
  parser.skipComment = function (this: ParserInternals) {
    const start = this.bytes.offset();
    const skipped = skipComment.call(this);
    if (skipped) {
      const text = Buffer.from(this.bytes.slice(start, this.bytes.offset()));
      if (markupIn(text) || (text.length > 8 && foreignFormatAtStart(text.subarray(1)))) foreign.push(text);
    }
    return skipped;
  };
  // Object and xref streams are the only streams pdf-lib inflates while parsing: measure first.
  let budget = maxStructureBytes;
  parser.parseObject = function (this: ParserInternals) {
    const object = parseObject.call(this);
    if (object instanceof PDFRawStream) {
      // `lookup`, as pdf-lib itself decides: a /Type given by reference counts too.
      const typeObj = object.dict.lookup(PDFName.of('Type'));
      const type = name(typeObj);
      if (type === 'ObjStm' || type === 'XRef') {
        // pdf-lib decodes only upper-case #xx escapes: an object stream whose type is spelt with
        // lower-case ones would stay unexpanded here while readers open it.
        if (typeObj !== PDFName.of(type)) throw new Error('obfuscated structure stream');
        const used = boundedDecodedLength(object, budget);
        if (used === null) {
          seen.bomb = true;
          throw new Error('structure stream over budget');
        }
        budget -= used;
      }
    }
    return object;
  };
  return parser.parseDocument();
}

/**
 * Two slips of real producers that pdf-lib steps over and that carry nothing: the binary marker
 * line written without its leading `%` right after the header, and a doubled `endobj`/`endstream`.
 */
function harmlessJunk(junk: Buffer, at: number): boolean {
  if (at < 64 && junk.length <= 64 && junk.every((b) => b >= 0x80 || PDF_WHITESPACE.has(b))) return true;
  return /^(?:\s*(?:endobj|endstream))+\s*$/.test(junk.toString('latin1'));
}

/** The decoded length of a stream, reading a chunk at a time; null as soon as it passes `limit`. */
function boundedDecodedLength(stream: PDFRawStream, limit: number): number | null {
  const decoder = decodePDFRawStream(stream);
  let total = 0;
  for (;;) {
    const chunk = decoder.getBytes(256 * 1024);
    if (!chunk.length) return total;
    total += chunk.length;
    if (total > limit) return null;
  }
}

/** The catalog must lead to a page tree with at least one page. */
function hasPages(context: PDFContext): boolean {
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) return false;
  const root = catalog.lookup(PDFName.of('Pages'));
  const seen = new Set<PDFDict>();
  const stack: PDFObject[] = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop();
    if (!(node instanceof PDFDict) || seen.has(node) || seen.size > 100000) continue;
    seen.add(node);
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (let i = 0; i < kids.size(); i++) stack.push(kids.lookup(i) as PDFObject);
    } else if (name(node.get(PDFName.of('Type'))) === 'Page' || node.has(PDFName.of('MediaBox')) || node.has(PDFName.of('Contents'))) {
      return true;
    }
  }
  return false;
}

/** A name as a reader sees it: pdf-lib decodes only upper-case `#xx` escapes, readers decode both. */
function name(obj: PDFObject | undefined): string | undefined {
  if (!(obj instanceof PDFName)) return undefined;
  return obj.decodeText().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function text(obj: PDFObject | undefined): string | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return undefined;
}

const ACTION_FINDINGS: Record<string, PdfFindingCode> = {
  JavaScript: 'pdf.javascript',
  Launch: 'pdf.launch',
  GoToR: 'pdf.remote-goto',
  GoToE: 'pdf.remote-goto',
  SubmitForm: 'pdf.submit-form',
  ImportData: 'pdf.import-data',
  Rendition: 'pdf.multimedia',
  Movie: 'pdf.multimedia',
  Sound: 'pdf.multimedia',
  RichMediaExecute: 'pdf.multimedia',
};
const KEY_FINDINGS: Record<string, PdfFindingCode> = {
  JS: 'pdf.javascript',
  JavaScript: 'pdf.javascript',
  AA: 'pdf.additional-actions',
  EmbeddedFiles: 'pdf.embedded-file',
  EmbeddedFile: 'pdf.embedded-file',
  EF: 'pdf.embedded-file',
  Collection: 'pdf.embedded-file',
  XFA: 'pdf.xfa',
  RichMediaContent: 'pdf.multimedia',
  RichMediaSettings: 'pdf.multimedia',
};
const SUBTYPE_FINDINGS: Record<string, PdfFindingCode> = {
  FileAttachment: 'pdf.embedded-file',
  RichMedia: 'pdf.multimedia',
  Screen: 'pdf.multimedia',
  Movie: 'pdf.multimedia',
  Sound: 'pdf.multimedia',
  '3D': 'pdf.multimedia',
};

/**
 * Every object of the document (and every dictionary nested in one), wherever it hangs: actions
 * reached through /Next chains, name trees, annotations or unreferenced objects are all found.
 */
function activeContent(context: PDFContext): PdfFinding[] {
  const findings: PdfFinding[] = [];
  const stack: PDFObject[] = context.enumerateIndirectObjects().map(([, obj]) => obj);
  while (stack.length) {
    const obj = stack.pop()!;
    if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) stack.push(obj.get(i));
      continue;
    }
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFRawStream ? obj.dict : null;
    if (!dict) continue;
    for (const [keyObj, value] of dict.entries()) {
      const key = name(keyObj)!;
      const byKey = KEY_FINDINGS[key];
      if (byKey) findings.push({ code: byKey });
      if (key === 'S') {
        const action = name(value);
        const byAction = action ? ACTION_FINDINGS[action] : undefined;
        if (byAction) findings.push({ code: byAction });
        if (action === 'URI') {
          const scheme = uriScheme(text(resolve(context, dict.get(PDFName.of('URI')))));
          if (!scheme || !SAFE_URI_SCHEMES.has(scheme)) findings.push({ code: 'pdf.unsafe-uri', detail: scheme ? `${scheme}:` : undefined });
        }
      }
      if (key === 'Subtype' || key === 'Type') {
        const sub = name(value);
        if (sub && SUBTYPE_FINDINGS[sub] && key === 'Subtype') findings.push({ code: SUBTYPE_FINDINGS[sub]! });
        if (sub === 'EmbeddedFile') findings.push({ code: 'pdf.embedded-file' });
      }
      if (key === 'OpenAction' && !opensAtAPage(resolve(context, value))) findings.push({ code: 'pdf.open-action' });
      if (key === 'Encrypt') findings.push({ code: 'pdf.encrypted' });
      if (value instanceof PDFDict || value instanceof PDFArray) stack.push(value);
    }
  }
  return findings;
}

function resolve(context: PDFContext, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? context.lookup(obj) : obj;
}

/** "Open at page N" in any of its spellings: an explicit destination, a named one, or a GoTo action. */
function opensAtAPage(target: PDFObject | undefined): boolean {
  if (target instanceof PDFArray || target instanceof PDFName || target instanceof PDFString || target instanceof PDFHexString) return true;
  if (target instanceof PDFDict) return name(target.get(PDFName.of('S'))) === 'GoTo' && !target.has(PDFName.of('Next'));
  return false;
}

/** The scheme of a URI, lower case, or null when it has none (a relative link resolves to a file). */
export function uriScheme(uri: string | undefined): string | null {
  // Readers strip control characters and blanks before parsing, as browsers do.
  const m = /^([a-z][a-z0-9+.-]*):/i.exec((uri ?? '').replace(/[\u0000-\u0020\u007f]/g, ''));
  return m ? m[1]!.toLowerCase() : null;
}

/** One finding per code, in the order of PDF_FINDING_TEXT (the most telling first). */
function dedupe(findings: PdfFinding[]): PdfFinding[] {
  const order = Object.keys(PDF_FINDING_TEXT);
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      if (seen.has(f.code)) return false;
      seen.add(f.code);
      return true;
    })
    .sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}
