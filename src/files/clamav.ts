/**
 * Virus scan through ClamAV's daemon (Debian's `clamav-daemon`), over its Unix socket or TCP, with
 * the documented INSTREAM command (clamd(8)): `zINSTREAM\0`, then chunks of <4-byte big-endian
 * length><bytes>, then a zero length; clamd answers `stream: OK`, `stream: <signature> FOUND` or
 * `… ERROR`, terminated by NUL. Nothing is written to disk for the scan.
 *
 * No client library: the protocol is these few lines, and the npm clients either shell out to
 * clamdscan or wrap the same socket calls with less control over timeouts and errors.
 */
import { connect, type Socket } from 'node:net';
import type { ClamavConfig } from '../config/app-config';

export type ClamdTarget = ClamavConfig;

export type ScanVerdict = { infected: false } | { infected: true; signature: string };

/** clamd could not be reached or did not answer properly: the upload cannot be judged. */
export class ScannerUnavailableError extends Error {}

const CHUNK = 64 * 1024;

/** Parses clamd's reply to INSTREAM (pure). */
export function parseClamdReply(reply: string): ScanVerdict {
  const text = reply.replace(/\0+$/, '').trim();
  const found = /^(?:stream|[^:]*):\s*(.+)\s+FOUND$/.exec(text);
  if (found) return { infected: true, signature: found[1]!.trim() };
  if (/^(?:stream|[^:]*):\s*OK$/.test(text)) return { infected: false };
  throw new ScannerUnavailableError(`clamd: ${text.slice(0, 200) || 'empty reply'}`);
}

function open(target: ClamdTarget): Socket {
  return target.socketPath ? connect({ path: target.socketPath }) : connect({ host: target.host!, port: target.port });
}

/** One request on a fresh connection: the command, optional INSTREAM body, the NUL-terminated reply. */
function exchange(target: ClamdTarget, command: string, body?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = open(target);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (err: Error | null, reply?: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (err) reject(err instanceof ScannerUnavailableError ? err : new ScannerUnavailableError(`clamd: ${err.message}`));
      else resolve(reply!);
    };
    socket.setTimeout(target.timeoutMs, () => finish(new ScannerUnavailableError(`clamd: no answer within ${target.timeoutMs} ms`)));
    socket.on('error', (err) => finish(err));
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      const all = Buffer.concat(chunks);
      const nul = all.indexOf(0);
      if (nul >= 0) finish(null, all.subarray(0, nul).toString('utf8'));
    });
    socket.on('end', () => finish(null, Buffer.concat(chunks).toString('utf8')));
    socket.on('connect', () => {
      socket.write(`z${command}\0`);
      if (body) {
        for (let i = 0; i < body.length; i += CHUNK) {
          const part = body.subarray(i, Math.min(body.length, i + CHUNK));
          const len = Buffer.alloc(4);
          len.writeUInt32BE(part.length);
          socket.write(len);
          socket.write(part);
        }
        socket.write(Buffer.alloc(4));
      }
    });
  });
}

export async function clamdScan(target: ClamdTarget, content: Buffer): Promise<ScanVerdict> {
  return parseClamdReply(await exchange(target, 'INSTREAM', content));
}

export async function clamdPing(target: ClamdTarget): Promise<boolean> {
  try {
    return (await exchange(target, 'PING')).trim() === 'PONG';
  } catch {
    return false;
  }
}
