// The source list's structure report, live: each tick on the organiser's source list asks the
// server (POST /api/processes/<id>/structure, the rules engine, nothing saved) for the report
// of the list as ticked, and shows it. The form still saves the list the ordinary way.

const form = document.getElementById('source-form');
const panel = document.getElementById('structure');

/** Position → cadre ids, as ticked (and typed in the "add by id" fields). */
function lists() {
  const result = {};
  for (const fieldset of form.querySelectorAll('fieldset[data-position]')) {
    const ids = [...fieldset.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value);
    const added = fieldset.querySelector('input[name^="add:"]');
    if (added) ids.push(...added.value.split(',').map((id) => id.trim()).filter(Boolean));
    result[fieldset.dataset.position] = [...new Set(ids)];
  }
  return result;
}

function show(report) {
  const set = (field, text, met) => {
    const cell = panel.querySelector(`[data-field="${field}"]`);
    cell.textContent = text;
    if (met !== undefined) cell.dataset.met = String(met);
  };
  set('planned', String(report.planned));
  // The decimal comma, as the page first printed it.
  const share = (percent) => String(percent).replace('.', ',');
  set('young', `${report.young} (${share(report.young_percent)}%)`, report.young_met);
  set('women', `${report.women} (${share(report.women_percent)}%)`, report.women_met);
  set('woman_key_leader', String(report.women_key_leaders), report.woman_key_leader_met);
}

let asked = 0;
async function refresh() {
  const mine = ++asked;
  const response = await fetch(`/api/processes/${form.dataset.process}/structure`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-CSRF-Token': form.querySelector('input[name=csrf_token]').value,
    },
    body: JSON.stringify({ lists: lists() }),
    cache: 'no-store',
  });
  // Only the answer to the latest change is shown (ticks can outrun the network).
  if (response.ok && mine === asked) show(await response.json());
}

if (form && panel) {
  form.addEventListener('change', refresh);
}
