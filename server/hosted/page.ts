/**
 * The hosted portal's HTML shell; the session or sign-in link comes from the URL fragment, never
 * the server. The boot script runs before the bundle, so the element starts with its attributes.
 * With a workspace, the title names the business: `name` is its brand name (or the workspace's
 * name when no brand name is set). No inline script or style: the strict CSP stays as it is, and
 * the portal element applies the brand's accent through its own style object.
 */
export function hostedPageHtml(workspace?: { id: string; name: string }): string {
  const workspaceAttribute = workspace ? ` workspace="${escapeHtml(workspace.id)}"` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${workspace ? `${escapeHtml(workspace.name)} · ` : ''}Customer portal</title>
<link rel="icon" href="data:,">
<script type="module" src="/portal/assets/hosted.js"></script>
<script type="module" src="/portal/assets/taba-portal.js"></script>
</head>
<body>
<main>
<taba-portal id="portal" api-base="" routing="hash"${workspaceAttribute}></taba-portal>
</main>
</body>
</html>
`;
}

/** A page with no script at all, for when there is no portal to show. */
export function portalUnavailableHtml(heading: string, explanation: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(heading)}</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(explanation)}</p>
</main>
</body>
</html>
`;
}

/**
 * Reads a one-time secret from \`#secret=…\` (a session minted by the tenant) or a sign-in link
 * token from \`#signin=…\` (the emailed link) and removes it from the address bar at once, so it is
 * neither kept in history nor sent anywhere as a Referer. The fragment never reaches the server.
 */
export const hostedPageScript = `const portal = document.getElementById('portal');
portal.setAttribute('api-base', location.origin);
const params = new URLSearchParams(location.hash.slice(1));
const secret = params.get('secret');
const linkToken = params.get('signin');
if (secret || linkToken) history.replaceState(null, '', location.pathname + location.search);
if (secret) portal.setAttribute('client-secret', secret);
else if (linkToken) portal.setAttribute('link-token', linkToken);
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
