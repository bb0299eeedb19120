// In-app browsers people scan QR codes with (Zalo, Facebook, Messenger, Instagram, LINE) open
// links in a web view of their own; the voter page works there, but if it does not, the voter
// must know how to reach the phone's own browser. Recognised by the user agent they announce.
const APPS = [
  ['Zalo', /\bZalo\b/i],
  ['Facebook', /\bFB(AN|AV|_IAB|IOS)\b|\bFBBV\b/],
  ['Messenger', /\bMessenger\b|\bFB_IAB\/MESSENGER/i],
  ['Instagram', /\bInstagram\b/],
  ['LINE', /\bLine\//],
];

/** The in-app browser's name, or '' for a browser of its own. */
export function inAppBrowser(userAgent) {
  const found = APPS.find(([, pattern]) => pattern.test(userAgent ?? ''));
  return found ? found[0] : '';
}
