/**
 * Which API routes this deployment has, from its public OpenAPI document. Screens and
 * controls that need a route another feature adds (attachments, departments, stats…) ask
 * here and hide cleanly where it is missing.
 */
export class Capabilities {
  private constructor(private readonly routes: Set<string>, private readonly queries = new Map<string, Set<string>>()) {}

  static async load(apiUrl: string): Promise<Capabilities> {
    try {
      const res = await fetch(`${apiUrl}/v1/openapi.json`);
      if (!res.ok) return new Capabilities(new Set());
      const doc = (await res.json()) as { paths?: Record<string, Record<string, unknown>> };
      const routes = new Set<string>();
      const queries = new Map<string, Set<string>>();
      for (const [path, ops] of Object.entries(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(ops)) {
          const route = `${method.toUpperCase()} ${path}`;
          routes.add(route);
          const params = ((op as { parameters?: { name: string; in: string }[] }).parameters ?? []).filter((p) => p.in === 'query');
          queries.set(route, new Set(params.map((p) => p.name)));
        }
      }
      return new Capabilities(routes, queries);
    } catch {
      return new Capabilities(new Set());
    }
  }

  static of(routes: string[], queries: Record<string, string[]> = {}): Capabilities {
    return new Capabilities(new Set(routes), new Map(Object.entries(queries).map(([r, q]) => [r, new Set(q)])));
  }

  /** Whether a route takes a query parameter (e.g. a list filter another feature added). */
  acceptsQuery(route: string, param: string): boolean {
    return this.queries.get(route)?.has(param) ?? false;
  }

  /** `has('POST /v1/tickets/{ticketId}/attachments')`; a bare path matches any method. */
  has(route: string): boolean {
    if (route.includes(' ')) return this.routes.has(route);
    for (const known of this.routes) if (known.endsWith(` ${route}`)) return true;
    return false;
  }
}
