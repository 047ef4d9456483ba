export * from './contract/index.js';
export * from './errors.js';
export { Transport, type TransportOptions, type HttpMethod, type RequestOptions, type SendOptions, type UploadOptions, type UploadProgress } from './transport.js';
export { PortalClient, type PortalClientOptions } from './portal-client.js';
export { WorkspaceClient, type WorkspaceClientOptions } from './workspace-client.js';
export { verifyWebhook, WebhookSignatureError, type WebhookEvent, type WebhookRequestHeaders } from './webhooks.js';
