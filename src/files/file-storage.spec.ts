import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage, newStorageKey } from './file-storage';

describe('newStorageKey', () => {
  it('is random, sharded and path-safe', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newStorageKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
  });
});

describe('LocalDiskStorage', () => {
  const root = mkdtempSync(join(tmpdir(), 'motcua-files-'));
  const storage = new LocalDiskStorage(root);

  it('stores, reads back and deletes', async () => {
    const key = newStorageKey();
    await storage.put(key, Buffer.from('%PDF-1.7 nội dung'));
    expect((await storage.get(key)).toString()).toBe('%PDF-1.7 nội dung');
    expect(statSync(join(root, key)).mode & 0o777).toBe(0o600);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toThrow();
  });

  it('leaves no temporary files behind', async () => {
    const key = newStorageKey();
    await storage.put(key, Buffer.from('x'));
    expect(readdirSync(join(root, key.slice(0, 5)))).toEqual([key.slice(6)]);
  });

  it('deleting a missing key is not an error', async () => {
    await expect(storage.delete(newStorageKey())).resolves.toBeUndefined();
  });

  it.each(['../../etc/passwd', 'ab/cd/../../../x', '/etc/passwd', 'ab/cd/ABCDEF', ''])('refuses key %p', async (key) => {
    await expect(storage.get(key)).rejects.toThrow(/storage key/);
    await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/storage key/);
  });
});
