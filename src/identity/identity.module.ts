import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { RegistryModule } from '../registry/registry.module';
import { AccountService } from './account.service';
import { ApiToken } from './api-token.entity';
import { AuthApiController } from './auth.api.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DemoApiController } from './demo.api.controller';
import { DemoAccountsService } from './demo-accounts.service';
import { SessionStoreHolder } from './http-setup';
import { GuessingAlertService } from './guessing-alert.service';
import { IdentityGuard } from './identity.guard';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';
import { PolicyService } from './policy.service';
import { RouteGatesService } from './route-gates.service';
import { AdminHomeController } from './admin-home.controller';
import { StaffAdminApiController, StaffAdminController } from './staff-admin.controller';
import { StaffAdminService } from './staff-admin.service';
import { User } from './user.entity';

/** Accounts, sessions, tokens, the authorization policy; brings the registry and audit modules along. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, ApiToken]), AuditModule, RegistryModule, DiscoveryModule],
  controllers: [AuthApiController, AuthController, PasswordResetController, DemoApiController, StaffAdminController, StaffAdminApiController, AdminHomeController],
  providers: [
    AuthService,
    AccountService,
    LoginThrottleService,
    GuessingAlertService,
    PolicyService,
    RouteGatesService,
    DemoAccountsService,
    PasswordResetService,
    StaffAdminService,
    SessionStoreHolder,
    { provide: APP_GUARD, useClass: IdentityGuard },
  ],
  exports: [AuthService, PolicyService, AccountService, RouteGatesService],
})
export class IdentityModule {}
