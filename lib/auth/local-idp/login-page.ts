// The demo provider's sign-in form: plain HTML, no script, labelled fields, errors announced to screen readers.
import type { DemoUser } from '../demo-users';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function renderLoginPage(options: { uid: string; nonce: string; users: readonly DemoUser[]; error?: string; username?: string }): string {
  const { uid, nonce, users, error, username } = options;
  const userList = users.map((u) => `<li><code>${escapeHtml(u.username)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in – demo identity provider</title>
<style nonce="${nonce}">
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1f24; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #6b7280; border-radius: .25rem; }
  input:focus-visible, button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  .check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
  button { margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1d4ed8; color: #fff; border: 0; border-radius: .25rem; cursor: pointer; }
  .error { background: #fde8e8; color: #8a1c1c; padding: .75rem; border-radius: .25rem; }
  .hint { font-size: .9rem; color: #374151; margin-top: 1.5rem; }
  code { background: #eef0f3; padding: 0 .25rem; border-radius: .2rem; }
  ul { padding-left: 1.2rem; margin: .25rem 0; columns: 2; }
</style>
</head>
<body>
<main>
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
</main>
</body>
</html>`;
}
