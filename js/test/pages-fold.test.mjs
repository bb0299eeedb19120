// The desk's search matches Vietnamese names with or without diacritics, exactly as the server's
// voting/conference/search.py does (same examples as tests/unit/conference).
import test from 'node:test';
import assert from 'node:assert/strict';
import { fold, matches } from '../src/pages/fold.js';
import { fill } from '../src/pages/strings.js';

test('fold drops diacritics, đ included, and case and extra spaces', () => {
  assert.equal(fold('Đỗ  Thị'), 'do thi');
  assert.equal(fold('Nguyễn Thị Trang'), 'nguyen thi trang');
  assert.equal(fold('  Hoàng   Ngọc Long '), 'hoang ngoc long');
  assert.equal(fold('ĐINH KIM QUYÊN'), 'dinh kim quyen');
});

test('a query matches from the start of a word, typed with or without diacritics', () => {
  assert.ok(matches('nguyen thi', 'Nguyễn Thị Trang'));
  assert.ok(matches('Nguyễn Thị', 'Nguyễn Thị Trang'));
  assert.ok(matches('thi tr', 'Nguyễn Thị Trang'));
  assert.ok(matches('do thi', 'Đỗ Thị Dung'));
  assert.ok(!matches('ang', 'Nguyễn Thị Trang'));
  assert.ok(!matches('do thi', 'Dương Thanh Dung'));
});

test('an empty query matches everyone; any field may match', () => {
  assert.ok(matches('', 'Mai Hữu Huy'));
  assert.ok(matches('  ', 'Mai Hữu Huy'));
  assert.ok(matches('sct0', 'Mai Hữu Huy', 'SCT001'));
});

test('fill puts values in placeholders and leaves unknown ones', () => {
  assert.equal(fill('Cần thêm {n} người', { n: 3 }), 'Cần thêm 3 người');
  assert.equal(fill('{a} {b}', { a: 1 }), '1 {b}');
});
