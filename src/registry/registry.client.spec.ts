import { UnprocessableEntityException } from '@nestjs/common';
import { loadConfig } from '../config/app-config';
import { RegistryFailure, type PopulationRegistry, type RegistryPerson } from './population-registry';
import { BREAKER_THRESHOLD, RegistryClient, RegistryUnavailableError } from './registry.client';

/** A registry whose behaviour the test scripts: 'ok', 'fail' or 'hang'. */
class ScriptedRegistry implements PopulationRegistry {
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  calls = 0;
  async verify(_id: string, name: string): Promise<boolean> {
    this.calls++;
    if (this.mode === 'fail') throw new RegistryFailure();
    if (this.mode === 'hang') await new Promise((r) => setTimeout(r, 10_000).unref());
    return name === 'Lò Văn Páo';
  }
  async registerBirth(): Promise<string> {
    this.calls++;
    throw new UnprocessableEntityException('Không tìm thấy cha hoặc mẹ');
  }
  async lookup(): Promise<RegistryPerson | null> {
    this.calls++;
    if (this.mode === 'fail') throw new RegistryFailure();
    return null;
  }
}

function client(env: Record<string, string> = {}) {
  const registry = new ScriptedRegistry();
  const config = loadConfig({ NODE_ENV: 'test', REGISTRY_TIMEOUT_MS: '100', REGISTRY_BREAKER_HALF_OPEN_MS: '200', ...env });
  return { registry, client: new RegistryClient(registry, config) };
}

describe('RegistryClient (timeout, retry, circuit breaker)', () => {
  it('passes answers through', async () => {
    const { client: c } = client();
    expect(await c.verify('002048990005', 'Lò Văn Páo', '1948-02-10')).toBe(true);
    expect(await c.verify('002048990005', 'Lo Van Pao', '1948-02-10')).toBe(false);
    expect(await c.lookup('002048990005')).toBeNull();
  });

  it('retries a failing call twice, then throws RegistryUnavailableError (503)', async () => {
    const { client: c, registry } = client();
    registry.mode = 'fail';
    const err = await c.verify('1', 'x', '2000-01-01').catch((e) => e);
    expect(err).toBeInstanceOf(RegistryUnavailableError);
    expect(err.getStatus()).toBe(503);
    expect(registry.calls).toBe(3);
  });

  it('passes deliberate 4xx answers through without retrying or counting them as failures', async () => {
    const { client: c, registry } = client();
    for (let i = 0; i < 6; i++) {
      await expect(c.registerBirth({ fullName: 'A', dateOfBirth: '2026-11-08', gender: 'MALE' })).rejects.toBeInstanceOf(UnprocessableEntityException);
    }
    expect(registry.calls).toBe(6);
    expect(c.state()).toBe('closed');
  });

  it('times out a hanging registry', async () => {
    const { client: c, registry } = client();
    registry.mode = 'hang';
    const err = await c.verify('1', 'x', '2000-01-01').catch((e) => e);
    expect(err).toBeInstanceOf(RegistryUnavailableError);
    expect(err.causeKind).toBe('timeout');
  });

  it(`opens after ${BREAKER_THRESHOLD} consecutive failures, fails fast while open, and closes when the registry is back`, async () => {
    const { client: c, registry } = client();
    registry.mode = 'fail';
    await c.verify('1', 'x', '2000-01-01').catch(() => undefined); // 3 attempts
    await c.verify('1', 'x', '2000-01-01').catch(() => undefined); // attempts 4 and 5 → open
    expect(c.state()).toBe('open');
    expect(c.isDegraded()).toBe(true);
    const before = registry.calls;
    const err = await c.verify('1', 'x', '2000-01-01').catch((e) => e);
    expect(err).toBeInstanceOf(RegistryUnavailableError);
    expect(err.causeKind).toBe('circuit-open');
    expect(registry.calls).toBe(before);

    registry.mode = 'ok';
    await new Promise((r) => setTimeout(r, 250));
    expect(await c.verify('1', 'Lò Văn Páo', '2000-01-01')).toBe(true);
    expect(c.state()).toBe('closed');
  });
});
