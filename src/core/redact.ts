/**
 * Secrets in URLs: user info (`https://user:pass@host`) and query parameters that carry
 * credentials (`?token=…`, `&api_key=…`). Operators paste such URLs into source lists and
 * webhook settings; they must not reach logs, run errors, alerts or webhooks. Pure.
 */
const SECRET_PARAM = /^(?:.*[-_])?(?:token|key|apikey|secret|password|passwd|pwd|signature|sig|auth|authorization|credential|credentials|session|code)$/i;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** The URL with its user info and credential-like query values replaced by `***`; other text unchanged. */
export function redactUrl(url: string): string {
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, '$1***@');
  const q = out.indexOf('?');
  if (q >= 0) {
    const hash = out.indexOf('#', q);
    const end = hash >= 0 ? hash : out.length;
    const query = out
      .slice(q + 1, end)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        let name = pair.slice(0, eq);
        try {
          name = decodeURIComponent(name);
        } catch {
          /* keep it as written */
        }
        return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=***` : pair;
      })
      .join('&');
    out = `${out.slice(0, q + 1)}${query}${out.slice(end)}`;
  }
  return out;
}

/** Every URL inside a free text (an error message, a log line) redacted. */
export function redactText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

/**
 * A setting's value for an error message: redacted, and cut to its first 40 characters, so a
 * mistyped secret is never printed whole.
 */
export function describeSetting(value: string): string {
  const shown = redactText(value);
  return shown.length > 40 ? `${shown.slice(0, 40)}… (${value.length} characters)` : shown;
}
