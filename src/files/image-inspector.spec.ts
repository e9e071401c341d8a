import sharp from 'sharp';
import { baseJpeg, basePng, photoWithExif } from '../../test/files/hostile-files';
import { inspectImageTrailer, jpegImageEnd, pngImageEnd, reencodeImage } from './image-inspector';

describe('jpegImageEnd / pngImageEnd', () => {
  let jpeg: Buffer;
  let png: Buffer;
  beforeAll(async () => {
    [jpeg, png] = await Promise.all([baseJpeg(), basePng()]);
  });

  it('finds the end of a whole image', () => {
    expect(jpegImageEnd(jpeg)).toBe(jpeg.length);
    expect(pngImageEnd(png)).toBe(png.length);
  });
  it('is not fooled by the end marker of an EXIF thumbnail', async () => {
    // An APP1 segment holding FF D9 (as an embedded thumbnail does) before the real image data.
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 0x0a]), Buffer.from('Exif'), Buffer.from([0xff, 0xd9, 0xff, 0xd9])]);
    const withThumb = Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
    expect(jpegImageEnd(withThumb)).toBe(withThumb.length);
  });
  it('reports where appended data starts', () => {
    expect(jpegImageEnd(Buffer.concat([jpeg, Buffer.from('tail')]))).toBe(jpeg.length);
    expect(pngImageEnd(Buffer.concat([png, Buffer.from('tail')]))).toBe(png.length);
  });
  it('walks progressive JPEGs (several scans)', async () => {
    const progressive = await sharp(jpeg).jpeg({ progressive: true }).toBuffer();
    expect(jpegImageEnd(progressive)).toBe(progressive.length);
  });
  it.each([
    ['truncated JPEG', () => jpeg.subarray(0, jpeg.length - 10)],
    ['JPEG without SOI', () => jpeg.subarray(2)],
    ['JPEG segment running past the end', () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0x00])],
    ['JPEG signature over text', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html>')])],
  ])('null for %s', (_what, make) => {
    expect(jpegImageEnd(make())).toBeNull();
  });
  it.each([
    ['truncated PNG', () => png.subarray(0, png.length - 6)],
    ['PNG without IEND', () => png.subarray(0, png.length - 12)],
    ['PNG chunk longer than the file', () => Buffer.concat([png.subarray(0, 8), Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from('IDAT')])],
    ['not a PNG', () => Buffer.from('hello world, not a png')],
  ])('null for %s', (_what, make) => {
    expect(pngImageEnd(make())).toBeNull();
  });
});

describe('inspectImageTrailer', () => {
  let jpeg: Buffer;
  let png: Buffer;
  beforeAll(async () => {
    [jpeg, png] = await Promise.all([baseJpeg(), basePng()]);
  });
  it('passes images with nothing after the end', () => {
    expect(inspectImageTrailer(jpeg, 'jpeg')).toEqual([]);
    expect(inspectImageTrailer(png, 'png')).toEqual([]);
  });
  it('lets opaque trailers through (re-encoding drops them): phone SEFT data, padding', () => {
    expect(inspectImageTrailer(Buffer.concat([jpeg, Buffer.from('SEFH\x00\x01Image_UTC_Data1700000000000SEFT')]), 'jpeg')).toEqual([]);
    expect(inspectImageTrailer(Buffer.concat([png, Buffer.alloc(64)]), 'png')).toEqual([]);
  });
  it.each([
    ['PHP', Buffer.from('<?php eval($_POST[1]);'), 'mã PHP'],
    ['HTML', Buffer.from('<html><script>1</script>'), 'trang HTML'],
    ['script after padding', Buffer.concat([Buffer.alloc(100), Buffer.from('<script src=//x.example></script>')]), 'trang HTML'],
    ['SVG', Buffer.from('<svg onload=alert(1)>'), 'ảnh SVG'],
    ['ZIP', Buffer.from('PK\x03\x04rest'), 'tệp nén hoặc tài liệu Office'],
    ['an executable', Buffer.from('MZ\x90\x00'), 'tệp chương trình (.exe)'],
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'tệp PDF'],
    ['a shell script', Buffer.from('\n#!/bin/sh\n'), 'tệp lệnh (script)'],
  ])('refuses %s appended', (_what, tail, detail) => {
    expect(inspectImageTrailer(Buffer.concat([jpeg, tail]), 'jpeg')).toEqual([{ code: 'image.appended-payload', detail }]);
    expect(inspectImageTrailer(Buffer.concat([png, tail]), 'png')).toEqual([{ code: 'image.appended-payload', detail }]);
  });
  it('calls a broken structure corrupt', () => {
    expect(inspectImageTrailer(jpeg.subarray(0, 100), 'jpeg')).toEqual([{ code: 'image.corrupt' }]);
  });
});

describe('reencodeImage', () => {
  it('strips EXIF (GPS, camera serial) and applies the orientation', async () => {
    const photo = await photoWithExif();
    const before = await sharp(photo).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(before.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer (tag 0x8825, little-endian)
    const out = await reencodeImage(photo, 'jpeg', 40e6);
    if (!out.ok) throw new Error(out.finding.code);
    const after = await sharp(out.image.content).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.format).toBe('jpeg');
    // 80 × 40 rotated by 90°: stored upright as 40 × 80.
    expect([after.width, after.height]).toEqual([40, 80]);
    expect(out.image.content.includes(Buffer.from('SERIAL-0042-SECRET'))).toBe(false);
    expect(out.image.content.includes(Buffer.from('MotcuaTestCam'))).toBe(false);
  });
  it('keeps PNG as PNG', async () => {
    const out = await reencodeImage(await basePng(30, 20), 'png', 40e6);
    expect(out.ok && (await sharp(out.image.content).metadata())).toMatchObject({ format: 'png', width: 30, height: 20 });
  });
  it('refuses past the pixel limit from the header, naming the size', async () => {
    const out = await reencodeImage(await basePng(300, 200), 'png', 50000);
    expect(out).toEqual({ ok: false, finding: { code: 'image.too-large', detail: '300 × 200 điểm ảnh, tối đa 0 triệu điểm ảnh' } });
  });
  it('refuses a JPEG that is really a PNG (format must match)', async () => {
    expect(await reencodeImage(await basePng(), 'jpeg', 40e6)).toEqual({ ok: false, finding: { code: 'image.corrupt' } });
  });
  it('refuses damaged pixel data', async () => {
    const jpeg = await baseJpeg(200, 200);
    const damaged = Buffer.concat([jpeg.subarray(0, jpeg.length - 200), Buffer.from([0xff, 0xd9])]);
    expect(await reencodeImage(damaged, 'jpeg', 40e6)).toEqual({ ok: false, finding: { code: 'image.corrupt' } });
  });
});
