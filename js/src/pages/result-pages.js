// The announced result on the projector, whatever its length: the positions flow into columns
// of the panel's height (CSS multi-column, never split inside a position), and the columns that
// do not fit the screen become pages (the columns slid sideways) that turn by themselves — or at once with the arrow keys,
// Page Up/Down or the space bar, when someone asks to see a position again.
import { fill } from './strings.js';

const DWELL_MS = 12000;

/** Turn the pages of `root`'s `.result-pages`; returns a function that stops turning. */
export function turnPages(root, strings, dwell = DWELL_MS) {
  const pages = root.querySelector('.result-pages');
  const indicator = document.createElement('span');
  indicator.className = 'page-indicator';
  indicator.setAttribute('aria-live', 'polite');
  root.querySelector('h2').append(indicator);
  let page = 0;
  let timer = 0;

  const columns = pages.querySelector('.result-columns');
  // One page is the panel's width and one column gap further.
  const step = () => pages.getBoundingClientRect().width + (parseFloat(getComputedStyle(columns).columnGap) || 0);
  const show = (wanted) => {
    const total = Math.max(1, Math.round((columns.scrollWidth - pages.clientWidth) / step()) + 1);
    page = ((wanted % total) + total) % total;
    columns.style.transform = `translateX(${-page * step()}px)`;
    Object.assign(root.dataset, { page: String(page + 1), pages: String(total) });
    indicator.hidden = total === 1;
    indicator.textContent = fill(strings['projector.page'], { n: page + 1, total });
    clearTimeout(timer);
    if (total > 1) timer = setTimeout(() => show(page + 1), dwell);
  };
  const keys = { ArrowRight: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, PageUp: -1 };
  const onKey = (event) => {
    if (!(event.key in keys)) return;
    event.preventDefault();
    show(page + keys[event.key]);
  };
  const onResize = () => show(page);
  document.addEventListener('keydown', onKey);
  window.addEventListener('resize', onResize);
  show(0);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('keydown', onKey);
    window.removeEventListener('resize', onResize);
  };
}
