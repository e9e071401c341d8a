import { HttpException } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { benignFiles, hostileFiles, type SampleFile } from '../../test/files/hostile-files';
import { SecurityLogService } from '../audit/security-log.service';
import { loadConfig } from '../config/app-config';
import { UploadScreening } from './upload-screening.service';

/** The gate on its own (no virus scanner configured here; test/files/ runs it with clamd). */
describe('UploadScreening', () => {
  // The security log needs its configuration (since the log sinks landed); events go to a temp file.
  const config = loadConfig({ NODE_ENV: 'test', SECURITY_LOG_FILE: join(tmpdir(), `motcua-upload-screening-${process.pid}.jsonl`) });
  const log = new SecurityLogService(config);
  afterAll(() => log.onApplicationShutdown());
  const record = jest.spyOn(log, 'record');
  const screening = new UploadScreening(config, log);
  let hostile: SampleFile[];

  beforeAll(async () => {
    hostile = (await hostileFiles()).filter((f) => !f.needsScanner);
  });
  beforeEach(() => record.mockClear());

  it('has at least 40 hostile samples without the scanner', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses every hostile sample with its reason and a Vietnamese message, or stores it only re-encoded', async () => {
    for (const f of hostile) {
      const outcome = await screening.screen({ buffer: f.content, originalname: f.name }, 'Tệp').then(
        (ok) => ({ ok }),
        (err: unknown) => ({ err }),
      );
      if (f.expect.refused) {
        if (!('err' in outcome)) throw new Error(`${f.id} (${f.what}) was accepted`);
        const err = outcome.err as HttpException;
        expect({ id: f.id, status: err.getStatus(), reason: (err.getResponse() as { details: { reason: string } }).details.reason }).toEqual({
          id: f.id,
          status: 422,
          reason: f.expect.reason,
        });
        expect({ id: f.id, message: err.message }).toEqual({ id: f.id, message: expect.stringMatching(f.expect.message) });
        expect(err.message).toContain(`"${f.name}"`);
        expect(record).toHaveBeenLastCalledWith(
          expect.objectContaining({ type: 'file.refused', outcome: 'blocked', reason: f.expect.reason, details: expect.objectContaining({ size: f.content.length, declaredName: f.name }) }),
        );
      } else {
        if (!('ok' in outcome)) throw new Error(`${f.id} (${f.what}) was refused: ${(outcome.err as Error).message}`);
        expect(outcome.ok.rewritten).toBe(true);
        for (const gone of f.expect.gone) expect({ id: f.id, kept: outcome.ok.content.includes(gone) }).toEqual({ id: f.id, kept: false });
        const meta = await sharp(outcome.ok.content).metadata();
        expect(meta.exif).toBeUndefined();
      }
    }
  });

  it('accepts ordinary PDFs as sent and ordinary images re-encoded, logging nothing', async () => {
    for (const f of await benignFiles()) {
      const out = await screening.screen({ buffer: f.content, originalname: f.name }, 'Tệp');
      expect({ id: f.id, type: out.type.mimeType, rewritten: out.rewritten }).toEqual({ id: f.id, type: f.mimeType, rewritten: !f.storedAsSent });
      if (f.storedAsSent) expect(out.content.equals(f.content)).toBe(true);
    }
    expect(record).not.toHaveBeenCalled();
  });

  it('refuses an empty file (422) and a file over the limit (413)', async () => {
    await expect(screening.screen({ buffer: Buffer.alloc(0), originalname: 'a.pdf' }, 'Tệp')).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/0 byte/) });
    const small = new UploadScreening(loadConfig({ NODE_ENV: 'test', UPLOAD_MAX_FILE_MB: '1' }), log);
    await expect(small.screen({ buffer: Buffer.alloc(1024 * 1024 + 1, 0x20), originalname: 'a.pdf' }, 'Tệp')).rejects.toMatchObject({ status: 413 });
  });

  it('applies the configured pixel limit', async () => {
    const png = await sharp({ create: { width: 1200, height: 1000, channels: 3, background: '#fff' } }).png().toBuffer();
    const strict = new UploadScreening(loadConfig({ NODE_ENV: 'test', UPLOAD_MAX_IMAGE_MEGAPIXELS: '1' }), log);
    await expect(strict.screen({ buffer: png, originalname: 'a.png' }, 'Ảnh')).rejects.toMatchObject({ message: expect.stringMatching(/1200 × 1000 điểm ảnh, tối đa 1 triệu/) });
    await expect(screening.screen({ buffer: png, originalname: 'a.png' }, 'Ảnh')).resolves.toMatchObject({ rewritten: true });
  });

  it('fails closed (503) when the configured scanner cannot be reached', async () => {
    const down = new UploadScreening(loadConfig({ NODE_ENV: 'test', CLAMAV_SOCKET: '/nonexistent/clamd.sock', CLAMAV_TIMEOUT_MS: '500' }), log);
    await expect(down.screen({ buffer: (await benignFiles())[0]!.content, originalname: 'a.pdf' }, 'Tệp')).rejects.toMatchObject({
      status: 503,
      message: expect.stringMatching(/quét virus đang gián đoạn/),
    });
    expect(record).toHaveBeenLastCalledWith(expect.objectContaining({ reason: 'scanner-unavailable', outcome: 'failure' }));
  });
});
