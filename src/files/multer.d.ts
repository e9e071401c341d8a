// Minimal typing for multer (bundled with @nestjs/platform-express, no @types package installed).
declare module 'multer' {
  import type { RequestHandler } from 'express';
  interface Limits {
    fieldNameSize?: number;
    fieldSize?: number;
    fields?: number;
    fileSize?: number;
    files?: number;
    parts?: number;
    headerPairs?: number;
  }
  interface Options {
    storage?: unknown;
    limits?: Limits;
    defParamCharset?: string;
  }
  interface Instance {
    single(field: string): RequestHandler;
    any(): RequestHandler;
    none(): RequestHandler;
  }
  interface Multer {
    (opts?: Options): Instance;
    memoryStorage(): unknown;
  }
  const multer: Multer;
  export = multer;
}
