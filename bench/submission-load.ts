/**
 * Load generator for bench/submission.bench.ts, run as a separate process so that autocannon does
 * not share the app's event loop. Reads its job as JSON from argv[2], prints one JSON result line.
 */
import { load } from './lib/harness';
import { pdfOf } from './lib/pdf';

interface Citizen {
  auth: Record<string, string>;
  data: Record<string, unknown>;
  docKey: string;
  fileId: string;
}

interface Job {
  url: string;
  connections: number;
  duration: number;
  mode: 'prepared' | 'upload';
  procedureCode: string;
  agencies: string[];
  citizens: Citizen[];
  run: string;
  uploadBytes?: number;
}


async function main() {
  const job = JSON.parse(process.argv[2]!) as Job;
  let n = 0;
  let result;
  if (job.mode === 'prepared') {
    result = await load({
      url: job.url,
      connections: job.connections,
      duration: job.duration,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/dossiers',
          setupRequest: (req: any) => {
            const i = n++;
            const c = job.citizens[i % job.citizens.length]!;
            return {
              ...req,
              headers: { ...c.auth, 'content-type': 'application/json', 'idempotency-key': `${job.run}-${i}` },
              body: JSON.stringify({ procedureCode: job.procedureCode, agencyCode: job.agencies[i % job.agencies.length], data: c.data, documents: { [c.docKey]: [c.fileId] } }),
            };
          },
        },
      ],
    });
  } else {
    const boundary = `----motcuabench${job.run}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdfOf(job.uploadBytes ?? 1024 * 1024),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    result = await load({
      url: job.url,
      connections: job.connections,
      duration: job.duration,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/files',
          setupRequest: (req: any, context: any) => {
            context.i = n++;
            context.c = job.citizens[context.i % job.citizens.length];
            return { ...req, headers: { ...context.c.auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
          },
          onResponse: (_status: number, resBody: string, context: any) => {
            try {
              context.fileId = JSON.parse(resBody).id;
            } catch {
              context.fileId = 'x';
            }
          },
        },
        {
          method: 'POST',
          path: '/api/v1/dossiers',
          setupRequest: (req: any, context: any) => ({
            ...req,
            headers: { ...context.c.auth, 'content-type': 'application/json', 'idempotency-key': `${job.run}-${context.i}` },
            body: JSON.stringify({
              procedureCode: job.procedureCode,
              agencyCode: job.agencies[context.i % job.agencies.length],
              data: context.c.data,
              documents: { [context.c.docKey]: [context.fileId] },
            }),
          }),
        },
      ],
    } as any);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
