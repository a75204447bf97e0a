import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The credential provider of every SDK client in a deployed bundle, standing in for
 * `@aws-sdk/credential-provider-node`'s default chain (the stack aliases that package to this
 * file: `BUNDLE_ALIASES` in lib/constructs/handler-function.ts). Lambda hands a function its
 * role's credentials in `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`,
 * the chain's first link, so the rest of the chain (SSO, ini files, processes, web identity,
 * container and instance metadata, with their STS and SSO clients: about 90 KB of every bundle)
 * never runs there and is not bundled. Tests and the local runtime do not bundle and keep the
 * SDK's own chain. (Runtimes that hand out credentials through a container endpoint instead,
 * such as SnapStart's `AWS_CONTAINER_CREDENTIALS_FULL_URI`, would need the chain back: drop the
 * alias for such a function.)
 *
 * Same signature as the package's `defaultProvider`: each client calls it with its own config.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> => fromEnv(init);
