import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ObjectFolder } from './object-folder';
import { checkPostPolicy } from './post-policy';
import { type Credentials, type Verdict, verifyHeaderSigned, verifyPolicySignature, verifyPresignedUrl } from './sigv4';

/** S3 refuses POST uploads over 5 GB; here the organization limit is far below this. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

const STATUS: Record<string, number> = {
  AccessDenied: 403, SignatureDoesNotMatch: 403, InvalidAccessKeyId: 403, NoSuchKey: 404, NoSuchBucket: 404,
  EntityTooLarge: 400, EntityTooSmall: 400, InvalidPolicyDocument: 400, MalformedPOSTRequest: 400, InvalidArgument: 400,
  XAmzContentSHA256Mismatch: 400, AuthorizationQueryParametersError: 400, InvalidRange: 416, MethodNotAllowed: 405,
  NoSuchUpload: 404, InvalidPart: 400,
};

class S3Error extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export interface S3StandInOptions {
  port: number;
  /** Buckets live in `<dir>/<bucket>/`. */
  dir: string;
  buckets: readonly string[];
  credentials: readonly Credentials[];
  /** Wall-clock time: presigners sign with it. */
  now?: () => Date;
}

export interface RunningS3 {
  url: string;
  port: number;
  bucket(name: string): ObjectFolder;
  stop(): Promise<void>;
}

/**
 * Plays the S3 that the attachment store uses, on a port of its own and with path-style URLs
 * (`/<bucket>/<key>`): browser POST uploads with a signed policy (expiry, key, type, size,
 * signature), SDK requests signed in the header (HEAD, GET with Range, PUT, copy, DELETE,
 * multipart uploads whose parts are kept as files and joined on completion), and
 * presigned GETs with their `response-content-*` overrides. Anything unsigned is refused.
 */
export async function startS3StandIn(options: S3StandInOptions): Promise<RunningS3> {
  const now = options.now ?? (() => new Date());
  const folders = new Map(options.buckets.map((name) => [name, new ObjectFolder(path.join(options.dir, name))]));
  const secrets = new Map(options.credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  const lookup = (id: string) => secrets.get(id);

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof S3Error) return sendError(res, error.code, error.message);
      const code = (error as { code?: string }).code;
      if (code === 'InvalidKey') return sendError(res, 'InvalidArgument', (error as Error).message);
      if (code === 'NoSuchUpload' || code === 'InvalidPart' || code === 'InvalidArgument') return sendError(res, code, (error as Error).message);
      console.error('s3 stand-in:', error);
      if (!res.headersSent) sendError(res, 'InternalError', 'the local object store failed', 500);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    if (method === 'OPTIONS') return send(res, 200, cors(req));
    const [, bucketName = '', ...rest] = rawPath.split('/');
    const folder = folders.get(decodeURIComponent(bucketName));
    if (!folder) throw new S3Error('NoSuchBucket', `no bucket ${bucketName}`);
    const key = rest.map(decodeURIComponent).join('/');
    const body = await readBody(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    const signed = { method, rawPath, rawQuery, headers, body };

    if (method === 'POST' && !key) return postUpload(req, res, folder, decodeURIComponent(bucketName), body);
    if (!key) throw new S3Error('MethodNotAllowed', `${method} on a bucket is not supported here`);
    const query = new URLSearchParams(rawQuery);
    const verdict: Verdict = headers.authorization
      ? verifyHeaderSigned(signed, lookup, now())
      : query.has('X-Amz-Signature') ? verifyPresignedUrl(signed, lookup, now()) : { ok: false, code: 'AccessDenied', message: 'Access Denied' };
    if (!verdict.ok) throw new S3Error(verdict.code, verdict.message);

    if (method === 'GET' || method === 'HEAD') return getObject(req, res, folder, key, query, method === 'HEAD');
    // Multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload).
    const uploadId = query.get('uploadId');
    const xmlBody = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>${inner}`;
    if (method === 'POST' && query.has('uploads')) {
      const id = folder.startUpload(key, headers['content-type'] ?? 'binary/octet-stream');
      return send(res, 200, { 'content-type': 'application/xml' },
        xmlBody(`<InitiateMultipartUploadResult><Bucket>${xml(bucketName)}</Bucket><Key>${xml(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`));
    }
    if (method === 'PUT' && uploadId && query.has('partNumber')) {
      return send(res, 200, { etag: folder.putPart(uploadId, Number(query.get('partNumber')), body) });
    }
    if (method === 'POST' && uploadId) {
      const parts = [...body.toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
      if (parts.length === 0 || parts.some((n, i) => i > 0 && n <= parts[i - 1]!)) throw new S3Error('InvalidPart', 'parts must be listed in ascending order');
      const meta = folder.completeUpload(uploadId, key, parts, now());
      return send(res, 200, { 'content-type': 'application/xml' },
        xmlBody(`<CompleteMultipartUploadResult><Bucket>${xml(bucketName)}</Bucket><Key>${xml(key)}</Key><ETag>${xml(meta.etag)}</ETag></CompleteMultipartUploadResult>`));
    }
    if (method === 'DELETE' && uploadId) {
      folder.abortUpload(uploadId);
      return send(res, 204, {});
    }
    if (method === 'PUT') {
      const source = headers['x-amz-copy-source'];
      if (source) {
        const [sourceBucket, ...sourceKey] = decodeURIComponent(source.replace(/^\//, '')).split('/');
        const from = folders.get(sourceBucket);
        if (from !== folder) throw new S3Error('NoSuchBucket', `no bucket ${sourceBucket}`);
        const meta = folder.copy(sourceKey.join('/'), key, now());
        if (!meta) throw new S3Error('NoSuchKey', 'The specified key does not exist.');
        return send(res, 200, { 'content-type': 'application/xml' },
          `<?xml version="1.0" encoding="UTF-8"?><CopyObjectResult><ETag>${xml(meta.etag)}</ETag><LastModified>${new Date(meta.lastModified).toISOString()}</LastModified></CopyObjectResult>`);
      }
      const meta = folder.put(key, body, headers['content-type'] ?? 'binary/octet-stream', now());
      return send(res, 200, { etag: meta.etag });
    }
    if (method === 'DELETE') {
      folder.remove(key);
      return send(res, 204, {});
    }
    throw new S3Error('MethodNotAllowed', `${method} is not supported here`);
  }

  async function postUpload(req: IncomingMessage, res: ServerResponse, folder: ObjectFolder, bucket: string, body: Buffer) {
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType)) throw new S3Error('MalformedPOSTRequest', 'the body must be multipart/form-data');
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new S3Error('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
    }
    const fields: Record<string, string> = {};
    let file: Blob | undefined;
    for (const [name, value] of form.entries()) {
      if (file) break; // S3 ignores what follows the file
      if (name.toLowerCase() === 'file') {
        if (typeof value === 'string') throw new S3Error('MalformedPOSTRequest', 'the file field carries no file');
        file = value;
      } else {
        fields[name.toLowerCase()] = String(value);
      }
    }
    if (!file) throw new S3Error('MalformedPOSTRequest', 'the form has no file field (it must come last)');
    const signature = verifyPolicySignature(fields, lookup);
    if (!signature.ok) throw new S3Error(signature.code, signature.message);
    const policy = checkPostPolicy(fields.policy, fields, { bucket, size: file.size, now: now() });
    if (!policy.ok) throw new S3Error(policy.code, policy.message);
    const filename = (file as File).name ?? '';
    const key = (fields.key ?? '').replace('${filename}', filename);
    if (!key) throw new S3Error('InvalidArgument', 'the form names no key');
    const meta = folder.put(key, Buffer.from(await file.arrayBuffer()), fields['content-type'] ?? 'binary/octet-stream', now());
    const location = `http://${req.headers.host}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const status = Number(fields.success_action_status);
    const headers = { ...cors(req), etag: meta.etag, location };
    if (status === 201) {
      return send(res, 201, { ...headers, 'content-type': 'application/xml' },
        `<?xml version="1.0" encoding="UTF-8"?><PostResponse><Location>${xml(location)}</Location><Bucket>${xml(bucket)}</Bucket><Key>${xml(key)}</Key><ETag>${xml(meta.etag)}</ETag></PostResponse>`);
    }
    return send(res, status === 200 ? 200 : 204, headers);
  }

  function getObject(req: IncomingMessage, res: ServerResponse, folder: ObjectFolder, key: string, query: URLSearchParams, head: boolean) {
    const meta = folder.meta(key);
    if (!meta) {
      if (head) return send(res, 404, {});
      throw new S3Error('NoSuchKey', 'The specified key does not exist.');
    }
    const headers: Record<string, string> = {
      ...cors(req),
      'content-type': query.get('response-content-type') ?? meta.contentType,
      etag: meta.etag,
      'last-modified': meta.lastModified,
      'accept-ranges': 'bytes',
    };
    const disposition = query.get('response-content-disposition');
    if (disposition) headers['content-disposition'] = disposition;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      if (start >= meta.size) throw new S3Error('InvalidRange', 'The requested range is not satisfiable');
      const end = Math.min(range[2] ? Number(range[2]) : meta.size - 1, meta.size - 1);
      const part = head ? Buffer.alloc(0) : folder.read(key).subarray(start, end + 1);
      return send(res, 206, { ...headers, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${meta.size}` }, head ? undefined : part);
    }
    return send(res, 200, { ...headers, 'content-length': String(meta.size) }, head ? undefined : folder.read(key));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bucket: (name) => folders.get(name)!,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk); // beyond: drained, then refused
    });
    req.on('end', () => (size > MAX_BODY_BYTES
      ? reject(new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'))
      : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

const cors = (req: IncomingMessage): Record<string, string> => ({
  'access-control-allow-origin': req.headers.origin ?? '*',
  'access-control-allow-methods': 'GET,HEAD,POST',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': 'etag,location',
  'access-control-max-age': '3000',
});

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: string | Buffer) {
  res.writeHead(status, { 'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(), ...headers });
  res.end(body);
}

function sendError(res: ServerResponse, code: string, message: string, status = STATUS[code] ?? 400) {
  if (res.headersSent) return res.destroy();
  send(res, status, { 'content-type': 'application/xml' },
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error>`);
}
