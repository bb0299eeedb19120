// What every page does without a script of its own, kept out of the HTML because the content
// security policy runs no inline script or style (docs/server.md "Headers"): buttons marked
// data-action="print" print, links marked data-action="back" go back (their href is the
// fallback), and an element with data-width="N" is drawn N% wide (the quorum gauge).
document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-action]');
  if (!target) return;
  if (target.dataset.action === 'print') window.print();
  if (target.dataset.action === 'back' && history.length > 1) {
    event.preventDefault();
    history.back();
  }
});

for (const element of document.querySelectorAll('[data-width]')) {
  element.style.width = `${element.dataset.width}%`;
}
