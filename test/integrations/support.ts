import type { DataSource } from 'typeorm';
import { OutboxWorker } from '../../src/outbox/outbox-worker.service';
import type { TestApp } from '../helpers/app';

/** Delivers until nothing is due; retries messages whose (tiny, test-configured) backoff ends meanwhile. */
export async function drain(t: TestApp, rounds = 5): Promise<void> {
  const worker = t.app.get(OutboxWorker);
  for (let i = 0; i < rounds; i++) {
    await worker.drain();
    const [r] = await t.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE status IN ('PENDING', 'FAILED')`);
    if (r.n === 0) return;
    await new Promise((res) => setTimeout(res, 30));
  }
}

export async function setContact(ds: DataSource, username: string, email: string | null, phone: string | null): Promise<string> {
  const [rows] = await ds.query(`UPDATE users SET email = $2, phone = $3 WHERE username = $1 RETURNING id`, [username, email, phone]);
  if (!rows?.[0]) throw new Error(`no user ${username}`);
  return rows[0].id as string;
}

export async function mails(ds: DataSource, to: string): Promise<{ subject: string; text: string; duplicates: number; message_key: string }[]> {
  return ds.query(`SELECT subject, text, duplicates, message_key FROM stubs.mail_messages WHERE to_address LIKE $1 ORDER BY id`, [`%${to}%`]);
}

export async function smses(ds: DataSource, to: string): Promise<{ text: string; duplicates: number }[]> {
  return ds.query(`SELECT text, duplicates FROM stubs.sms_messages WHERE to_number = $1 ORDER BY id`, [to]);
}
