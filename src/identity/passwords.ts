import { Algorithm, hash, verify } from '@node-rs/argon2';
import { isDemoSecret } from '../ops/demo-credentials';

/**
 * argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): ~20–40 ms per hash on
 * one core, slow enough for offline guessing, fast enough for the login rate we expect.
 */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so an unknown username is not revealed by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('motcua-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

/** Password rule shared by registration, password change and admin resets. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Mật khẩu phải có ít nhất 8 ký tự';
  if (password.length > 128) return 'Mật khẩu không được dài quá 128 ký tự';
  if (!/\p{L}/u.test(password) || !/[0-9]/.test(password)) return 'Mật khẩu phải có cả chữ và số';
  // Published on the demo panel and in the README: never a real password (refused at sign-in in production).
  if (isDemoSecret(password)) return 'Đây là mật khẩu dùng thử công khai, vui lòng chọn mật khẩu khác';
  return null;
}
