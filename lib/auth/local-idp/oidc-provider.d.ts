// The package ships no types and @types/oidc-provider is not installed; this declares only what the local
// identity provider uses, so the strict build keeps checking our side of the calls.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ClaimsAccount {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    id_token_signed_response_alg?: string;
  }

  export interface Configuration {
    clients: ClientMetadata[];
    findAccount(ctx: unknown, id: string): Promise<ClaimsAccount | undefined>;
    claims: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys: string[] };
    jwks?: { keys: Record<string, unknown>[] };
    features?: Record<string, { enabled: boolean } & Record<string, unknown>>;
    interactions?: { url(ctx: unknown, interaction: { uid: string }): string | Promise<string> };
    pkce?: { required(ctx: unknown, client: unknown): boolean };
    ttl?: Record<string, number>;
    renderError?(ctx: { type: string; body: string }, out: Record<string, string>, error: Error): void | Promise<void>;
    clientBasedCORS?(ctx: unknown, origin: string, client: unknown): boolean;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    Grant: new (init: { accountId: string; clientId: string }) => GrantInstance;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export default Provider;
}
