import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clamdPing, clamdScan, parseClamdReply, ScannerUnavailableError, type ClamdTarget } from './clamav';

describe('parseClamdReply', () => {
  it.each([
    ['stream: OK', { infected: false }],
    ['stream: OK\0', { infected: false }],
    ['stream: Win.Test.EICAR_HDB-1 FOUND\0', { infected: true, signature: 'Win.Test.EICAR_HDB-1' }],
    ['stream: Motcua.Test.EICAR_NDB.UNOFFICIAL FOUND', { infected: true, signature: 'Motcua.Test.EICAR_NDB.UNOFFICIAL' }],
  ])('%j', (reply, verdict) => {
    expect(parseClamdReply(reply)).toEqual(verdict);
  });
  it.each(['INSTREAM size limit exceeded. ERROR', 'stream: Can\'t allocate memory ERROR', '', 'UNKNOWN COMMAND'])('%j is not a verdict', (reply) => {
    expect(() => parseClamdReply(reply)).toThrow(ScannerUnavailableError);
  });
});

/** A stand-in clamd that decodes INSTREAM framing exactly as the real one does. */
function fakeClamd(path: string, answer: (body: Buffer) => string | null): Promise<Server> {
  const server = createServer((socket: Socket) => {
    let buf = Buffer.alloc(0);
    let body: Buffer[] = [];
    let command: string | null = null;
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (command === null) {
        const nul = buf.indexOf(0);
        if (nul < 0) return;
        command = buf.subarray(0, nul).toString();
        buf = buf.subarray(nul + 1);
        if (command === 'zPING') return void socket.end('PONG\0');
      }
      while (buf.length >= 4) {
        const len = buf.readUInt32BE(0);
        if (len === 0) {
          const reply = answer(Buffer.concat(body));
          if (reply !== null) socket.end(`${reply}\0`);
          body = [];
          return;
        }
        if (buf.length < 4 + len) return;
        body.push(buf.subarray(4, 4 + len));
        buf = buf.subarray(4 + len);
      }
    });
  });
  return new Promise((resolve) => server.listen(path, () => resolve(server)));
}

describe('clamdScan over a Unix socket', () => {
  let dir: string;
  let server: Server;
  let target: ClamdTarget;
  const received: Buffer[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-clamd-'));
    target = { socketPath: join(dir, 'clamd.sock'), host: null, port: 3310, timeoutMs: 500 };
    server = await fakeClamd(target.socketPath!, (body) => {
      received.push(body);
      if (body.includes(Buffer.from('HANG'))) return null;
      return body.includes(Buffer.from('EICAR')) ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK';
    });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the whole content in framed chunks and reads a clean verdict', async () => {
    const big = Buffer.alloc(200 * 1024 + 7, 0x41);
    expect(await clamdScan(target, big)).toEqual({ infected: false });
    expect(received.at(-1)!.equals(big)).toBe(true);
  });
  it('reports the signature of an infected stream', async () => {
    expect(await clamdScan(target, Buffer.from('xxEICARxx'))).toEqual({ infected: true, signature: 'Eicar-Test-Signature' });
  });
  it('answers PING', async () => {
    expect(await clamdPing(target)).toBe(true);
  });
  it('gives up after the timeout when clamd does not answer', async () => {
    await expect(clamdScan(target, Buffer.from('HANG'))).rejects.toThrow(/no answer within 500 ms/);
  });
  it('is unavailable when nothing listens', async () => {
    const gone = { ...target, socketPath: join(dir, 'none.sock') };
    await expect(clamdScan(gone, Buffer.from('x'))).rejects.toBeInstanceOf(ScannerUnavailableError);
    expect(await clamdPing(gone)).toBe(false);
  });
  it('is unavailable over TCP when the port is closed', async () => {
    const probe = createServer();
    const port = await new Promise<number>((r) => probe.listen(0, '127.0.0.1', () => r((probe.address() as { port: number }).port)));
    await new Promise((r) => probe.close(r));
    await expect(clamdScan({ socketPath: null, host: '127.0.0.1', port, timeoutMs: 500 }, Buffer.from('x'))).rejects.toBeInstanceOf(ScannerUnavailableError);
  });
});
