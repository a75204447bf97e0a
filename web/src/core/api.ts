/** RFC 9457 problem details, as the API sends every error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { pointer?: string; parameter?: string; detail: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  etag?: string;
}

type Query = Record<string, string | number | undefined | null>;

/** A thin fetch over `/v1`: bearer token, JSON both ways, problems thrown as ApiError. */
export class Api {
  constructor(private readonly baseUrl: string, private readonly token: () => string, private readonly onUnauthorised: () => void) {}

  url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async request<T>(method: string, path: string, options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token()}`, ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    const body = text ? safeJson(text) : undefined;
    if (!res.ok) {
      if (res.status === 401) this.onUnauthorised();
      const problem = (body && typeof body === 'object' ? body : { type: 'about:blank', title: res.statusText, status: res.status }) as Problem;
      throw new ApiError(res.status, { ...problem, status: res.status });
    }
    return { status: res.status, body: body as T, etag: res.headers.get('etag') ?? undefined };
  }

  /** An authorised request whose response the caller reads itself (downloads). */
  raw(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(this.url(path), { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.token()}` } });
  }

  get<T>(path: string, query?: Query) {
    return this.request<T>('GET', path, { query }).then((r) => r.body);
  }
  post<T>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { body, headers });
  }
  patch<T>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, { body, headers });
  }
  put<T>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, { body, headers });
  }
  delete<T>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { type: 'about:blank', title: text.slice(0, 200), status: 0 };
  }
}

/** A short human sentence for a failure, naming the fields the API named. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = (error.problem.errors ?? []).map((e) => `${(e.pointer ?? e.parameter ?? '').replace(/^#?\//, '')}: ${e.detail}`);
    return [error.problem.detail ?? error.problem.title, ...fields].filter(Boolean).join(' · ');
  }
  return error instanceof Error ? error.message : String(error);
}
