// The demo provider's sign-in form: plain HTML, no script, labelled fields, errors announced to screen readers.
import type { DemoUser } from '../demo-users';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const BASE_CSS = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1f24; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }`;

/** The page around the provider's forms: one look for sign-in and sign-out, styles allowed by nonce only. */
function pageShell(o: { title: string; nonce: string; css: string; main: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}</title>
<style nonce="${o.nonce}">${BASE_CSS}${o.css}</style>
</head>
<body>
${o.main}
</body>
</html>`;
}

export function renderLoginPage(options: { uid: string; nonce: string; users: readonly DemoUser[]; error?: string; username?: string }): string {
  const { uid, nonce, users, error, username } = options;
  const userList = users.map((u) => `<li><code>${escapeHtml(u.username)}</code></li>`).join('');
  return pageShell({ title: 'Sign in – demo identity provider', nonce, css: `
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #6b7280; border-radius: .25rem; }
  input:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  .check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
  button { margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1d4ed8; color: #fff; border: 0; border-radius: .25rem; cursor: pointer; }
  .error { background: #fde8e8; color: #8a1c1c; padding: .75rem; border-radius: .25rem; }
  .hint { font-size: .9rem; color: #374151; margin-top: 1.5rem; }
  code { background: #eef0f3; padding: 0 .25rem; border-radius: .2rem; }
  ul { padding-left: 1.2rem; margin: .25rem 0; columns: 2; }
`, main: `<main>
  <h1>Sign in to the posture dashboard</h1>
  <p>Demo identity provider standing in for Microsoft Entra ID.</p>
  ${error ? `<p class="error" role="alert" id="login-error">${escapeHtml(error)}</p>` : ''}
  <form method="post" action="/interaction/${encodeURIComponent(uid)}/login" autocomplete="off" novalidate>
    <label for="username">User</label>
    <input id="username" name="username" type="text" required autocapitalize="none" spellcheck="false"
      value="${escapeHtml(username ?? '')}"${error ? ' aria-describedby="login-error" aria-invalid="true"' : ''} autofocus>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" required${error ? ' aria-describedby="login-error" aria-invalid="true"' : ''}>
    <label class="check" for="mfa"><input id="mfa" name="mfa" type="checkbox" value="yes" checked> Use a second factor (MFA)</label>
    <button type="submit">Sign in</button>
  </form>
  <div class="hint">
    <p>Demo users, one per role (password <code>demo</code>):</p>
    <ul>${userList}</ul>
  </div>
</main>` });
}

/**
 * The provider's sign-out confirmation (RP-initiated logout), styled like the sign-in page. `form` is the
 * provider's own hidden form (its action and anti-forgery token); the buttons submit it.
 */
export function renderLogoutPage(options: { nonce: string; form: string }): string {
  return pageShell({
    title: 'Sign out – demo identity provider',
    nonce: options.nonce,
    css: `
  button { margin-top: 1rem; width: 100%; padding: .6rem; font-size: 1rem; border-radius: .25rem; cursor: pointer; }
  .primary { background: #1d4ed8; color: #fff; border: 0; }
  .secondary { background: #fff; color: #1b1f24; border: 1px solid #6b7280; }
`,
    main: `<main>
  <h1>Sign out of the demo identity provider?</h1>
  <p>You are signed out of the posture dashboard. Signing out here too means the next sign-in asks for a password.</p>
  ${options.form}
  <button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
  <button class="secondary" type="submit" form="op.logoutForm">Stay signed in here</button>
</main>`,
  });
}
