import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../audit/audit.module';
import { OidcModule } from '../oidc/oidc.module';
import { OverviewModule } from '../overview/overview.module';
import { AccessGuard } from '../common/access.guard';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { dataSourceOptions } from '../database/data-source-options';
import { DirectoryModule } from '../directory/directory.module';
import { FactorsModule } from '../factors/factors.module';
import { HealthModule } from '../health/health.module';
import { MeModule } from '../me/me.module';
import { PlatformModule } from '../platform/platform.module';
import { PolicyModule } from '../policy/policy.module';
import { UsersModule } from '../users/users.module';
import { SeedModule } from '../seed/seed.module';
import { SignInModule } from '../sign-in/sign-in.module';
import { UpstreamModule } from '../upstream/upstream.module';
import { signInThrottlers } from './sign-in-throttlers';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config),
          migrationsRun: true,
        }),
        ThrottlerModule.forRoot(signInThrottlers(config)),
        AuditModule,
        DirectoryModule,
        FactorsModule,
        SignInModule,
        MeModule,
        PolicyModule,
        UsersModule,
        OverviewModule,
        PlatformModule,
        ApplicationsModule,
        ApiTokensModule,
        UpstreamModule,
        OidcModule,
        HealthModule,
        SeedModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
