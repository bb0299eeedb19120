// The page's words, rendered by the server in the reader's language (voting/web/i18n.py) into
// <script type="application/json" id="strings">, so the scripts carry no text of their own.

/** The strings of this page. */
export function pageStrings(doc = document) {
  const element = doc.getElementById('strings');
  return element ? JSON.parse(element.textContent) : {};
}

/** `template` with each `{name}` replaced by `values[name]`. */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** The message of an API error body in the page's language. */
export function errorMessage(body, doc = document) {
  const error = body && body.error;
  if (!error) return '';
  return doc.documentElement.lang === 'en' ? error.message_en : error.message;
}
