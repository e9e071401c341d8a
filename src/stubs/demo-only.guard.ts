import { CanActivate, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** The stand-ins for outside systems exist only in demo mode: elsewhere their routes are 404. */
@Injectable()
export class DemoOnlyGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}
  canActivate(): boolean {
    if (!this.config.demo) throw new NotFoundException('Không tìm thấy');
    return true;
  }
}
