// Diacritic-insensitive matching of Vietnamese names, as voting/conference/search.py does it on
// the server: a clerk types "nguyen thi" without Vietnamese input and finds "Nguyễn Thị Trang".

/** Lower case without diacritics and with single spaces: "Đỗ  Thị" → "do thi". */
export function fold(text) {
  // đ/Đ is a letter of its own, not d with a combining mark, so NFD leaves it whole.
  const decomposed = String(text).replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFD');
  return decomposed.replace(/\p{Mn}/gu, '').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}

/** Whether the folded query starts at a word of any field: "thi tr" finds "Nguyễn Thị Trang",
 * "ang" does not. An empty query matches everything. */
export function matches(query, ...fields) {
  const wanted = fold(query);
  return !wanted || fields.some((field) => ` ${fold(field)}`.includes(` ${wanted}`));
}
