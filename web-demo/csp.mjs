// The demo's Content-Security-Policy, in one place: build.mjs writes it into
// the page's <meta> tag, serve.mjs and the tests send it as a header.
// 'wasm-unsafe-eval' lets Chromium compile the engine's WebAssembly; it does
// not allow eval() of JavaScript. The worker is a same-origin file, so
// worker-src needs no blob:.
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For the <meta> tag (frame-ancestors is ignored there, so it is header-only). */
export const CSP_META = CSP_DIRECTIVES.join('; ');

/** For the HTTP header. */
export const CSP_HEADER = [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Headers every response of the demo gets, from any server we control. */
export const SECURITY_HEADERS = {
  'content-security-policy': CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
