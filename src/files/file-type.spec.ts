import { describeRefusedContent, detectFileType, endsAsZip, foreignFormatAtStart, markupIn, sanitiseFileName } from './file-type';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe('detectFileType', () => {
  it('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(detectFileType(PDF)).toEqual({ mimeType: 'application/pdf', extension: 'pdf' });
    expect(detectFileType(JPEG)).toEqual({ mimeType: 'image/jpeg', extension: 'jpg' });
    expect(detectFileType(PNG)).toEqual({ mimeType: 'image/png', extension: 'png' });
  });
  it.each([
    ['an executable', EXE],
    ['an ELF binary', ELF],
    ['an SVG with script', SVG],
    ['HTML', Buffer.from('<html><script>alert(1)</script></html>')],
    ['an empty buffer', Buffer.alloc(0)],
    ['a truncated PDF signature', Buffer.from('%PDF')],
    ['a PDF signature not at the start', Buffer.from(' %PDF-1.7')],
    ['a truncated PNG signature', PNG.subarray(0, 4)],
    ['a zip / docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])],
    ['plain text', Buffer.from('xin chào')],
  ])('refuses %s', (_what, buf) => {
    expect(detectFileType(buf)).toBeNull();
  });
});

describe('describeRefusedContent', () => {
  it.each([
    [EXE, 'tệp chương trình (.exe)'],
    [ELF, 'tệp chương trình (ELF)'],
    [SVG, 'ảnh SVG'],
    [Buffer.from('  <SVG onload="x()">'), 'ảnh SVG'],
    [Buffer.from('#!/bin/sh\nrm -rf /'), 'tệp lệnh (script)'],
    [Buffer.from('<!DOCTYPE html><p>'), 'trang HTML'],
    [Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'tệp nén hoặc tài liệu Office'],
    [Buffer.from('abc'), 'tệp không rõ định dạng'],
  ])('%#', (buf, label) => {
    expect(describeRefusedContent(buf)).toBe(label);
  });
});

describe('sanitiseFileName', () => {
  const pdf = { mimeType: 'application/pdf', extension: 'pdf' } as const;
  const png = { mimeType: 'image/png', extension: 'png' } as const;
  it.each([
    ['giay-khai-sinh.pdf', 'giay-khai-sinh.pdf'],
    ['Giấy khai sinh.PDF', 'Giấy khai sinh.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\..\\windows\\system32\\cmd.exe', 'cmd.pdf'],
    ['/abs/path/scan.pdf', 'scan.pdf'],
    ['....pdf', 'pdf.pdf'],
    ['..', 'tep-dinh-kem.pdf'],
    ['', 'tep-dinh-kem.pdf'],
    ['....pdf', 'pdf.pdf'],
    ['a\u0000b\nc.pdf', 'abc.pdf'],
    ['<script>alert(1)</script>.pdf', 'script_.pdf'],
    ['<b>bold</b> scan.pdf', 'b_ scan.pdf'],
    ['evil\u202Efdp.exe', 'evilfdp.pdf'],
    ['report.pdf.exe', 'report.pdf.pdf'],
    ['noext', 'noext.pdf'],
    ['Giấy tờ'.normalize('NFD') + '.pdf', 'Giấy tờ.pdf'],
  ])('%j → %j', (input, out) => {
    expect(sanitiseFileName(input, pdf)).toBe(out);
  });
  it('makes the extension match the detected content', () => {
    expect(sanitiseFileName('anh-the.pdf', png)).toBe('anh-the.png');
  });
  it('caps the length', () => {
    const n = sanitiseFileName('a'.repeat(500) + '.pdf', pdf);
    expect(n.length).toBeLessThanOrEqual(120);
    expect(n.endsWith('.pdf')).toBe(true);
  });
  it('copes with a missing name', () => {
    expect(sanitiseFileName(undefined, pdf)).toBe('tep-dinh-kem.pdf');
  });
});

describe('foreignFormatAtStart', () => {
  it.each([
    [Buffer.from('MZ\x90\x00'), 'tệp chương trình (.exe)'],
    [Buffer.concat([Buffer.alloc(3), Buffer.from([0x7f, 0x45, 0x4c, 0x46])]), 'tệp chương trình (ELF)'],
    [Buffer.from('\r\nPK\x03\x04'), 'tệp nén hoặc tài liệu Office'],
    [Buffer.from('Rar!\x1a\x07\x00'), 'tệp nén (RAR)'],
    [Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), 'tệp nén (7z)'],
    [Buffer.from([0x1f, 0x8b, 8]), 'tệp nén (gzip)'],
    [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'tài liệu Office cũ (có thể chứa macro)'],
    [Buffer.from('%PDF-1.7'), 'tệp PDF'],
    [Buffer.from('#!/usr/bin/env node'), 'tệp lệnh (script)'],
    [Buffer.from('SEFHxx'), null],
    [Buffer.from('   '), null],
    [Buffer.alloc(0), null],
  ])('%#', (buf, label) => {
    expect(foreignFormatAtStart(buf)).toBe(label);
  });
});

describe('markupIn', () => {
  it.each([
    ['xx<?PHP echo 1;', 'mã PHP'],
    ['<svg onload=x>', 'ảnh SVG'],
    ['<svg>', 'ảnh SVG'],
    ['<!DOCTYPE html>', 'trang HTML'],
    ['<HTML>', 'trang HTML'],
    ['..<script src=x>', 'trang HTML'],
    ['<iframe src=x>', 'trang HTML'],
    ['<body onload=x>', 'trang HTML'],
    ['<svgx', null],
    ['<htmlfoo', null],
    ['<? php', null],
    ['plain text', null],
  ])('%j', (text, label) => {
    expect(markupIn(Buffer.from(text))).toBe(label);
  });
});

describe('endsAsZip', () => {
  const eocd = (commentLength: number) => {
    const b = Buffer.alloc(22);
    b.writeUInt32LE(0x06054b50, 0);
    b.writeUInt16LE(commentLength, 20);
    return b;
  };
  it('finds an end-of-central-directory record that reaches the end of the file', () => {
    expect(endsAsZip(Buffer.concat([Buffer.from('%PDF-1.7 ...'), eocd(0)]))).toBe(true);
    expect(endsAsZip(Buffer.concat([Buffer.from('%PDF-1.7 ...'), eocd(6), Buffer.from('%%EOF\n')]))).toBe(true);
  });
  it('ignores the signature when its comment does not reach the end (chance bytes in compressed data)', () => {
    expect(endsAsZip(Buffer.concat([Buffer.from('%PDF-1.7 ...'), eocd(0), Buffer.from('%%EOF\n')]))).toBe(false);
    expect(endsAsZip(Buffer.concat([eocd(100), Buffer.alloc(10)]))).toBe(false);
  });
  it('is false for short or plain files', () => {
    expect(endsAsZip(Buffer.from('PK'))).toBe(false);
    expect(endsAsZip(Buffer.alloc(100_000))).toBe(false);
  });
});
