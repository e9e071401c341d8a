import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import hbs from 'hbs';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { publicApiDocument } from './common/api-docs';
import { apiJsonReplacer } from './common/api-json';
import { installInputGuard } from './common/input-guard';
import { createValidationPipe } from './common/validation';
import { ASSET_HELPER, VIEW_HELPERS } from './common/view-helpers';
import { useAgencyNames } from './common/vi-labels';
import type { AppConfig } from './config/app-config';
import { PUBLIC_DIR, VIEWS_DIR } from './config/paths';
import { runMigrations } from './database/migrate';
import { runSeeds } from './database/seed-runner';
import { CacheBus } from './database/cache-bus';
import { DemoDataService } from './ops/demo-data.service';
import { UnitsService } from './units/units.service';
import { configureIdentityHttp } from './identity/http-setup';
import { join } from 'node:path';
import { SEEDS } from './seeds';
import { AssetManifest } from './web/assets';
import { isApiRequest } from './common/api-request';
import type { IdentityRequest } from './identity/auth-user';

let helpersRegistered = false;

/** Builds the whole application (used by main.ts, the tests and the benchmarks alike). */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl), {
    bufferLogs: true,
    // Throw instead of process.exit() on a wiring error, so tests and the CLI report it.
    abortOnError: false,
    // Body parsers are installed by installInputGuard (limits, depth, UTF-8), not Nest's defaults.
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);

  const ds = app.get(DataSource);
  try {
    await runMigrations(ds, config.databaseDirectUrl);
    // Production refuses a database that holds demo data, before any seed runs (src/ops/demo-data.ts).
    await app.get(DemoDataService).enforceProductionBoundary();
    await runSeeds(ds, config, SEEDS, (m) => logger.log(m, 'Seed'));
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }

  // The real client address (req.ip) for the sign-in and lookup limits and the logs: see TRUST_PROXY.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Instants in JSON responses: ISO 8601 with +07:00 (API.md), also for a Date a service left as is.
  app.set('json replacer', apiJsonReplacer);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'"],
          scriptSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // HTML, CSS, JS, JSON, SVG, CSV compressed (brotli when the browser takes it, else gzip); PDFs,
  // images and spreadsheets are already compressed and pass as they are.
  app.use(compression({ threshold: 1024 }));
  // Assets under fingerprinted names, cached for a year ({{fmt-asset "css/app.css"}} in views).
  const assets = new AssetManifest(PUBLIC_DIR);
  app.use(assets.middleware());
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/public/', maxAge: config.nodeEnv === 'production' ? '7d' : 0 });
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  if (!helpersRegistered) {
    // registerPartials reads the folder asynchronously: wait, or the first page may miss a partial.
    // Partial names keep their hyphens ({{> error-summary}}); hbs would turn them into underscores.
    const registerPartials = hbs.registerPartials as unknown as (dir: string, opts: object, done: () => void) => void;
    await new Promise<void>((resolve) => registerPartials.call(hbs, join(VIEWS_DIR, 'partials'), { rename: (n: string) => n }, resolve));
    for (const [name, fn] of Object.entries(VIEW_HELPERS)) hbs.registerHelper(name, fn);
    // The fingerprinted URL of a file of public/: every CSS, JS and image link in views goes through it.
    hbs.registerHelper(ASSET_HELPER, (path: string) => assets.url(path));
    helpersRegistered = true;
  }

  const province = await app.get(UnitsService).province();
  // Agency codes are shown to people by name (vi-labels.ts, {{vi-agency code}}); agencies come from the seeds.
  const loadAgencyNames = async () => useAgencyNames(new Map((await app.get(UnitsService).listAgencies({})).map((a) => [a.code, a.name])));
  await loadAgencyNames();
  const bus = app.get(CacheBus);
  bus.on('agencies', () => void loadAgencyNames().catch(() => undefined));
  // The seeds may have added agencies: instances already running drop their agency caches.
  await bus.publish('agencies');
  app.use((_req: unknown, res: { locals: Record<string, unknown> }, next: () => void) => {
    res.locals.province = province;
    res.locals.demo = config.demo;
    next();
  });

  // Input the database cannot hold (NUL, lone surrogates, deep or huge bodies) stops here: 400/413.
  installInputGuard(app);

  // --- identity (stream 3): sessions in PostgreSQL, req.user, currentUser/csrfToken view locals ---
  configureIdentityHttp(app, config);
  // --- end identity ---

  // Pages are never stored by shared caches: a signed-in page is private data, and every page may
  // carry the visitor's form token. Handlers that set their own Cache-Control (downloads) override this.
  app.use((req: IdentityRequest, res: { setHeader(n: string, v: string): void }, next: () => void) => {
    if (!req.path.startsWith('/public/') && !isApiRequest(req)) res.setHeader('Cache-Control', req.user ? 'private, no-store' : 'private, no-cache');
    next();
  });

  app.useGlobalPipes(createValidationPipe());

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('motcua API')
      .setDescription(
        `API của Cổng dịch vụ công ${province.name}: danh mục thủ tục, hồ sơ, báo cáo, tích hợp.\n\n` +
          'Thời điểm: mọi thời điểm trả về theo ISO 8601 có múi giờ +07:00. Thời điểm gửi lên không có múi giờ ' +
          '(ví dụ `2026-11-23T10:00:00`) được hiểu là giờ Việt Nam (UTC+07:00), không phải giờ của máy chủ; ' +
          'ngày không có giờ (`2026-11-23`) là ngày theo lịch Việt Nam.\n\n' +
          'Instants: every instant returned is ISO 8601 with the +07:00 offset. An instant sent without an offset ' +
          '(e.g. `2026-11-23T10:00:00`) is read as Vietnam time (UTC+07:00), never the server\'s time zone.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // Production advertises only the public and partner operations (src/common/api-docs.ts).
  SwaggerModule.setup('api/docs', app, config.nodeEnv === 'production' ? publicApiDocument(doc) : doc, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  return app;
}
