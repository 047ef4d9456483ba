// Gives <taba-portal> a way to start a session: ask this site's backend, which holds the API key,
// for a single-use client secret. The portal calls it on first load and whenever the session ends.
const portal = document.getElementById('portal');

portal.fetchClientSecret = async () => {
  const response = await fetch('/portal-session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) {
    // The backend relays the portal server's problem; its detail says what is wrong and what to do.
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail ?? `Could not start a portal session (HTTP ${response.status}).`);
  }
  const { clientSecret } = await response.json();
  return clientSecret;
};
