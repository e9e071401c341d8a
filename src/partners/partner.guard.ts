import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { SecurityLogService } from '../audit/security-log.service';
import type { PartnerScope } from './partner-client.entity';
import { PartnersService, type PartnerPrincipal } from './partners.service';

const SCOPE_KEY = 'motcua:partner-scope';
/** The scope a data-sharing endpoint requires. */
export const PartnerScopeRequired = (scope: PartnerScope) => SetMetadata(SCOPE_KEY, scope);

export interface PartnerRequest extends Request {
  partner?: PartnerPrincipal;
}

/** Partner bearer token → client, scope check, per-client rate limit (429); every call is audited, refused ones too. */
@Injectable()
export class PartnerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly partners: PartnersService,
    private readonly security: SecurityLogService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<PartnerRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    res.on('finish', () => {
      void this.partners.audit(req.partner ?? null, null, req.method, req.originalUrl, res.statusCode, req.ip ?? null).catch(() => undefined);
    });
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const principal = await this.partners.authenticate(token, req.ip ?? null);
    req.partner = principal;
    const wait = await this.partners.takeToken(principal);
    if (wait !== null) {
      this.security.record({ type: 'partner.rate-limited', outcome: 'blocked', subject: principal.clientId, ip: req.ip ?? null, target: req.originalUrl.slice(0, 120) });
      res.setHeader('Retry-After', String(wait));
      throw new HttpException({ message: `Vượt giới hạn ${principal.ratePerMinute} yêu cầu/phút, thử lại sau ${wait} giây` }, HttpStatus.TOO_MANY_REQUESTS);
    }
    const scope = this.reflector.get<PartnerScope | undefined>(SCOPE_KEY, ctx.getHandler());
    if (scope) this.partners.requireScope(principal, scope);
    return true;
  }
}
