#!/usr/bin/env node
// `npx helpdesk-mcp`: loads the TypeScript stdio server through tsx (a dependency of this repo).
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('./mcp/stdio-server.ts');
