/** The hosted portal's HTML shell; the session comes from the URL fragment, never the server. */
export const hostedPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Customer portal</title>
<script type="module" src="/portal/assets/taba-portal.js"></script>
<script type="module" src="/portal/assets/hosted.js"></script>
</head>
<body>
<main>
<taba-portal id="portal" api-base=""></taba-portal>
</main>
</body>
</html>
`;

/**
 * Reads a one-time secret from \`#secret=…\` and removes it from the address bar at once, so it is
 * neither kept in history nor sent anywhere as a Referer. The fragment never reaches the server.
 */
export const hostedPageScript = `const portal = document.getElementById('portal');
portal.setAttribute('api-base', location.origin);
const params = new URLSearchParams(location.hash.slice(1));
const secret = params.get('secret');
if (secret) {
  history.replaceState(null, '', location.pathname + location.search);
  portal.setAttribute('client-secret', secret);
}
`;
