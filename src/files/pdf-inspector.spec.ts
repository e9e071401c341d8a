import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { appendUpdate, buildPdf, buildPdfWithObjectStream, stream } from '../../test/files/pdf-builder';
import { inspectPdf, trailingAfterLastEof, uriScheme } from './pdf-inspector';

const codes = async (pdf: Buffer, opts?: Parameters<typeof inspectPdf>[1]) => (await inspectPdf(pdf, opts)).map((f) => f.code);
const link = (action: string) => buildPdf({ page: '/Annots [6 0 R]', objects: [`<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A ${action} >>`] });

describe('inspectPdf: plain documents pass', () => {
  it.each([
    ['a one-page document', buildPdf()],
    ['PDF 1.4 and 2.0 headers', buildPdf({ version: '1.4' })],
    ['PDF 2.0', buildPdf({ version: '2.0' })],
    ['object and xref streams', buildPdfWithObjectStream({ objects: [] })],
    ['an incremental update (as signing writes)', appendUpdate(buildPdf(), [{ number: 6, body: '<< /Producer (x) >>' }], 7, '/Info 6 0 R')],
    ['"open at page 1" as a destination', buildPdf({ catalog: '/OpenAction [3 0 R /Fit]' })],
    ['"open at page 1" as a GoTo action', buildPdf({ catalog: '/OpenAction << /S /GoTo /D [3 0 R /XYZ null null 0] >>' })],
    ['a named destination', buildPdf({ catalog: '/OpenAction (chuong1)' })],
    ['an https link', link('<< /S /URI /URI (https://dichvucong.gov.vn/p/home) >>')],
    ['a mailto link', link('<< /S /URI /URI (mailto:motcua@hagiang.gov.vn) >>')],
    ['an internal GoTo link', link('<< /S /GoTo /D [3 0 R /Fit] >>')],
    ['a Named action (next page)', link('<< /S /Named /N /NextPage >>')],
    ['a plain AcroForm text field', buildPdf({ catalog: '/AcroForm << /Fields [6 0 R] >>', page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Widget /FT /Tx /T (ho_ten) /Rect [72 700 300 720] >>'] })],
    ['a signature field', buildPdf({ catalog: '/AcroForm << /Fields [6 0 R] /SigFlags 3 >>', page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] /V 7 0 R >>', '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] /Contents <00> >>'] })],
    ['a trailing blank line and NUL padding', Buffer.concat([buildPdf(), Buffer.from('\r\n\0\0\n')])],
    ['comments with generator notes', buildPdf({ catalog: "\n% 'R1': class PDFDictionary\n" })],
    ['a binary marker line without its %', Buffer.from(buildPdf().toString('latin1').replace('%\xe2\xe3\xcf\xd3\n', '\xe2\xe3\xcf\xd3\n'), 'latin1')],
    ['a doubled endobj', Buffer.from(buildPdf().toString('latin1').replace('endobj\n2 0 obj', 'endobj\nendobj\n2 0 obj'), 'latin1')],
    ['structure names that look like actions elsewhere', buildPdf({ objects: ['<< /Type /StructElem /S /Link /P 1 0 R >>', '<< /Type /Group /S /Transparency >>'] })],
  ])('%s', async (_what, pdf) => {
    expect(await codes(pdf)).toEqual([]);
  });

  it('a document written by pdf-lib', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Xin chao');
    expect(await codes(Buffer.from(await doc.save()))).toEqual([]);
    expect(await codes(Buffer.from(await doc.save({ useObjectStreams: false })))).toEqual([]);
  });
});

describe('inspectPdf: active content is found wherever it hangs', () => {
  it.each([
    ['OpenAction JavaScript', buildPdf({ catalog: '/OpenAction << /S /JavaScript /JS (x) >>' }), ['pdf.javascript', 'pdf.open-action']],
    ['OpenAction through a reference', buildPdf({ catalog: '/OpenAction 6 0 R', objects: ['<< /S /Launch /F (calc.exe) >>'] }), ['pdf.open-action', 'pdf.launch']],
    ['OpenAction GoTo with a chained script', buildPdf({ catalog: '/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /JavaScript /JS (x) >> >>' }), ['pdf.javascript', 'pdf.open-action']],
    ['document JavaScript name tree', buildPdf({ catalog: '/Names << /JavaScript << /Names [(a) 6 0 R] >> >>', objects: ['<< /S /JavaScript /JS (x) >>'] }), ['pdf.javascript']],
    ['/JS key alone', buildPdf({ objects: ['<< /JS (x) >>'] }), ['pdf.javascript']],
    ['page AA', buildPdf({ page: '/AA << /C << /S /GoTo /D [3 0 R /Fit] >> >>' }), ['pdf.additional-actions']],
    ['catalog AA', buildPdf({ catalog: '/AA << /WP << /S /Named /N /Print >> >>' }), ['pdf.additional-actions']],
    ['Launch link', link('<< /S /Launch /Win << /F (cmd.exe) >> >>'), ['pdf.launch']],
    ['GoToR link', link('<< /S /GoToR /F (\\\\\\\\host\\\\s\\\\a.pdf) /D [0 /Fit] >>'), ['pdf.remote-goto']],
    ['GoToE link', link('<< /S /GoToE /T << /R /C /N (a) >> >>'), ['pdf.remote-goto']],
    ['SubmitForm link', link('<< /S /SubmitForm /F (https://x.example) >>'), ['pdf.submit-form']],
    ['ImportData link', link('<< /S /ImportData /F (a.fdf) >>'), ['pdf.import-data']],
    ['Rendition link', link('<< /S /Rendition /OP 0 >>'), ['pdf.multimedia']],
    ['Sound action', link('<< /S /Sound /Sound 7 0 R >>'), ['pdf.multimedia']],
    ['RichMedia annotation', buildPdf({ objects: ['<< /Type /Annot /Subtype /RichMedia /Rect [0 0 1 1] >>'] }), ['pdf.multimedia']],
    ['3D annotation', buildPdf({ objects: ['<< /Type /Annot /Subtype /3D /Rect [0 0 1 1] >>'] }), ['pdf.multimedia']],
    ['Screen annotation', buildPdf({ objects: ['<< /Type /Annot /Subtype /Screen /Rect [0 0 1 1] >>'] }), ['pdf.multimedia']],
    ['EmbeddedFiles name tree', buildPdf({ catalog: '/Names << /EmbeddedFiles << /Names [] >> >>' }), ['pdf.embedded-file']],
    ['a filespec with EF', buildPdf({ objects: ['<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>'] }), ['pdf.embedded-file']],
    ['an EmbeddedFile stream alone', buildPdf({ objects: [stream('/Type /EmbeddedFile', 'MZ')] }), ['pdf.embedded-file']],
    ['FileAttachment annotation', buildPdf({ objects: ['<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 1 1] >>'] }), ['pdf.embedded-file']],
    ['portfolio', buildPdf({ catalog: '/Collection << /View /T >>' }), ['pdf.embedded-file']],
    ['XFA', buildPdf({ catalog: '/AcroForm << /Fields [] /XFA 6 0 R >>', objects: [stream('', '<xdp:xdp/>')] }), ['pdf.xfa']],
    ['javascript: URI', link('<< /S /URI /URI (javascript:alert\\(1\\)) >>'), ['pdf.unsafe-uri']],
    ['JavaScript: URI with blanks', link('<< /S /URI /URI ( Java\\tScript:x) >>'), ['pdf.unsafe-uri']],
    ['file: URI', link('<< /S /URI /URI (file:///etc/passwd) >>'), ['pdf.unsafe-uri']],
    ['smb: URI', link('<< /S /URI /URI (smb://host/share) >>'), ['pdf.unsafe-uri']],
    ['relative URI (resolves to a local file)', link('<< /S /URI /URI (run.bat) >>'), ['pdf.unsafe-uri']],
    ['hex URI string', link('<< /S /URI /URI <66696c653a2f2f2f78> >>'), ['pdf.unsafe-uri']],
    ['upper-case #xx escapes', buildPdf({ catalog: '/OpenAction << /S /J#61va#53cript /J#53 (x) >>' }), ['pdf.javascript', 'pdf.open-action']],
    ['lower-case #xx escapes (pdf-lib leaves them, readers do not)', buildPdf({ objects: ['<< /S /L#61un#63h /F (x) >>'] }), ['pdf.launch']],
    ['an unreferenced object', buildPdf({ objects: ['<< /S /JavaScript /JS (dead code) >>'] }), ['pdf.javascript']],
    ['inside an object stream', buildPdfWithObjectStream({ catalog: '/OpenAction 6 0 R', objects: ['<< /S /JavaScript /JS (x) >>'] }), ['pdf.javascript', 'pdf.open-action']],
    ['in an incremental update', appendUpdate(buildPdf(), [{ number: 6, body: '<< /S /Launch /F (x) >>' }], 7), ['pdf.launch']],
  ])('%s', async (_what, pdf, expected) => {
    expect(await codes(pdf)).toEqual(expected);
  });

  it('reports several kinds at once, each once, most telling first', async () => {
    const pdf = buildPdf({ catalog: '/OpenAction 6 0 R /Names << /EmbeddedFiles 7 0 R >>', objects: ['<< /S /JavaScript /JS (a) /Next << /S /JavaScript /JS (b) >> >>', '<< /Names [] >>'] });
    expect(await codes(pdf)).toEqual(['pdf.javascript', 'pdf.open-action', 'pdf.embedded-file']);
  });
});

describe('inspectPdf: the whole file must be PDF', () => {
  const plain = buildPdf();
  it.each([
    ['no %%EOF (truncated)', plain.subarray(0, plain.length - 20), 'pdf.truncated'],
    ['cut in the middle', plain.subarray(0, 300), 'pdf.truncated'],
    ['bytes after %%EOF', Buffer.concat([plain, Buffer.from('garbage')]), 'pdf.trailing-data'],
    ['HTML after %%EOF', Buffer.concat([plain, Buffer.from('<html><script>x</script></html>')]), 'pdf.trailing-data'],
    ['an ELF body under the header', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64, 1), Buffer.from('\n%%EOF\n')]), 'pdf.foreign-content'],
    ['an HTML body under the header', Buffer.from('%PDF-1.5\n<html><body>hi</body></html>\n%%EOF\n'), 'pdf.foreign-content'],
    ['junk between objects', Buffer.from(plain.toString('latin1').replace('3 0 obj', 'JUNK JUNK\n3 0 obj'), 'latin1'), 'pdf.foreign-content'],
    ['high bytes between objects, far from the header', Buffer.from(plain.toString('latin1').replace('4 0 obj', '\xe2\xe3\xcf\xd3\n4 0 obj'), 'latin1'), 'pdf.foreign-content'],
    ['markup in a comment', buildPdf({ page: '\n%<iframe src=x>\n' }), 'pdf.foreign-content'],
    ['an executable in a comment', buildPdf({ page: '\n%MZ\x90\x00\x03\x00\x00\x00\x04\n' }), 'pdf.foreign-content'],
    ['a catalog without pages', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), 'pdf.no-pages'],
    ['an empty page tree', Buffer.from(plain.toString('latin1').replace('/Kids [3 0 R]', '/Kids []    '), 'latin1'), 'pdf.no-pages'],
    ['an unterminated dictionary', Buffer.from(plain.toString('latin1').replace('/Type /Pages', '/Type << [[ ('), 'latin1'), 'pdf.unparseable'],
    ['an encrypted document', buildPdf({ trailer: '/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>' }), 'pdf.encrypted'],
    ['an object stream with an unknown filter', buildPdf({ objects: [stream('/Type /ObjStm /N 1 /First 4 /Filter /JBIG2Decode', 'xxxx')] }), 'pdf.unparseable'],
    ['an object stream typed with lower-case escapes', buildPdf({ objects: [stream('/Type /#4fbjStm /N 1 /First 4', '6 0 << /JS (x) >>')] }), 'pdf.unparseable'],
  ])('%s', async (_what, pdf, code) => {
    expect((await codes(pdf))[0]).toBe(code);
  });

  it('refuses an object stream that inflates past the budget, without inflating all of it', async () => {
    const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const pdf = buildPdf({ objects: [Buffer.concat([Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`), bomb, Buffer.from('\nendstream')])] });
    expect(await codes(pdf, { maxStructureBytes: 1024 * 1024 })).toEqual(['pdf.compression-bomb']);
  });

  it('measures an object stream whose /Type is given by reference', async () => {
    const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const pdf = buildPdf({ objects: ['/ObjStm', Buffer.concat([Buffer.from(`<< /Type 6 0 R /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`), bomb, Buffer.from('\nendstream')])] });
    expect(await codes(pdf, { maxStructureBytes: 1024 * 1024 })).toEqual(['pdf.compression-bomb']);
  });

  it('names what follows the end', async () => {
    const [f] = await inspectPdf(Buffer.concat([plain, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1])]));
    expect(f).toEqual({ code: 'pdf.trailing-data', detail: 'tệp chương trình (ELF)' });
  });
});

describe('trailingAfterLastEof', () => {
  it.each([
    ['%PDF-1.4\n%%EOF', ''],
    ['%PDF-1.4\n%%EOF\r\n', ''],
    ['%PDF-1.4\n%%EOF\n\0\0 \t', ''],
    ['%PDF-1.4\n%%EOF\nabc\n', '\nabc'],
    ['%PDF-1.4\n%%EOF\n1 0 obj\n%%EOF\n', ''],
  ])('%j', (pdf, rest) => {
    expect(trailingAfterLastEof(Buffer.from(pdf))?.toString()).toBe(rest);
  });
  it('is null without %%EOF', () => {
    expect(trailingAfterLastEof(Buffer.from('%PDF-1.4\n'))).toBeNull();
  });
});

describe('uriScheme', () => {
  it.each([
    ['https://a.vn', 'https'],
    ['HTTP://A.VN', 'http'],
    ['mailto:a@b.vn', 'mailto'],
    ['java\nscript:alert(1)', 'javascript'],
    ['  file:///c:/x', 'file'],
    ['run.bat', null],
    ['', null],
    [undefined, null],
  ])('%j → %j', (uri, scheme) => {
    expect(uriScheme(uri)).toBe(scheme);
  });
});
