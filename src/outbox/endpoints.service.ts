import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Where the receivers live. Configured URLs win; otherwise the in-app stubs are reached by real
 * HTTP on this process's own listening port (when it listens), else on PUBLIC_BASE_URL (a
 * standalone worker talks to the web app that serves the stubs).
 */
@Injectable()
export class EndpointsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  selfBaseUrl(): string {
    const server = this.adapterHost?.httpAdapter?.getHttpServer?.();
    const addr = server?.listening ? (server.address() as AddressInfo | null) : null;
    if (addr && typeof addr === 'object') return `http://127.0.0.1:${addr.port}`;
    return this.config.publicBaseUrl;
  }

  nationalPortal(): string {
    return this.config.integrations.nationalPortalUrl ?? `${this.selfBaseUrl()}/stubs/national-portal`;
  }

  smsGateway(): string {
    return this.config.integrations.smsGatewayUrl ?? `${this.selfBaseUrl()}/stubs/sms-gateway`;
  }

  paymentGateway(): string {
    return this.config.integrations.payments.gatewayUrl ?? `${this.selfBaseUrl()}/stubs/payment-gateway`;
  }
}
