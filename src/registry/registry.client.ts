import { HttpException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  TaskCancelledError,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { BirthRegistration, PopulationRegistry, RegistryPerson } from './population-registry';

export const POPULATION_REGISTRY = Symbol('POPULATION_REGISTRY');

export const REGISTRY_UNAVAILABLE_MESSAGE = 'Hệ thống dữ liệu dân cư đang tạm gián đoạn, vui lòng thử lại sau';

/** The registry could not be reached: 503 for the API, a "try again later" page for people. */
export class RegistryUnavailableError extends ServiceUnavailableException {
  constructor(readonly causeKind: 'circuit-open' | 'timeout' | 'failure' = 'failure') {
    super({ message: REGISTRY_UNAVAILABLE_MESSAGE, headers: { 'Retry-After': '30' } });
  }
}

/** Consecutive failed attempts before the circuit opens. */
export const BREAKER_THRESHOLD = 5;

/**
 * The portal's side of the registry connection: per-attempt timeout, two retries with exponential
 * backoff, and a circuit breaker that stops calling a registry that keeps failing (so an outage
 * costs citizens one quick "try again later" instead of a hang).
 */
@Injectable()
export class RegistryClient {
  private readonly logger = new Logger('Registry');
  private readonly breaker;
  private readonly policy: IPolicy;

  constructor(
    @Inject(POPULATION_REGISTRY) private readonly registry: PopulationRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // An answer the registry gives on purpose (e.g. 422 "parent not found") is not a failure.
    const isFault = (err: Error) => !(err instanceof HttpException && err.getStatus() < 500);
    this.breaker = circuitBreaker(handleWhen(isFault), {
      halfOpenAfter: config.registry.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(BREAKER_THRESHOLD),
    });
    const retries = retry(
      handleWhen((err) => !(err instanceof BrokenCircuitError) && isFault(err)),
      { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1000, exponent: 2 }) },
    );
    const perAttempt = timeout(config.registry.timeoutMs, TimeoutStrategy.Aggressive);
    this.policy = wrap(retries, this.breaker, perAttempt);
    this.breaker.onBreak(() => this.logger.warn('circuit opened: population registry unavailable'));
    this.breaker.onReset(() => this.logger.log('circuit closed: population registry back'));
  }

  verify(personalId: string, fullName: string, dateOfBirth: string): Promise<boolean> {
    return this.call((signal) => this.registry.verify(personalId, fullName, dateOfBirth, signal));
  }

  lookup(personalId: string): Promise<RegistryPerson | null> {
    return this.call((signal) => this.registry.lookup(personalId, signal));
  }

  /** Issues the personal ID of a newly registered child (idempotent on the registry side). */
  registerBirth(birth: BirthRegistration): Promise<string> {
    return this.call((signal) => this.registry.registerBirth(birth, signal));
  }

  /** The circuit is open or probing: staff pages show a banner. */
  isDegraded(): boolean {
    return this.breaker.state !== CircuitState.Closed;
  }

  state(): 'closed' | 'open' | 'half-open' | 'isolated' {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.Open:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'isolated';
    }
  }

  private async call<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      // A signal per call: cockatiel's shared default signal would collect listeners under concurrency.
      return await this.policy.execute(({ signal }) => fn(signal), new AbortController().signal);
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() < 500) throw err;
      if (err instanceof BrokenCircuitError) throw new RegistryUnavailableError('circuit-open');
      this.logger.warn({ err: (err as Error)?.message }, 'registry call failed');
      throw new RegistryUnavailableError(err instanceof TaskCancelledError ? 'timeout' : 'failure');
    }
  }
}
