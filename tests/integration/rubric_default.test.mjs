// The default rubric (sql/reference/rubric/default.sql) and its calibration on the
// demo data: the demo rounds carry exactly the default rubric, and the demo's
// 1404-2 scores, recomputed here in JavaScript from the verified values by the
// ranking rule, equal the stored ones and fall 55-65 % in rank 1, 34-45 % in rank 2
// and 0.5-2 % in rank 3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, SRCDIR } from './lib/stack.mjs';

const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const one = (q) => rows(q)[0]?.[0];

// A round's rubric as comparable text: every section, criterion, option and document.
function rubricOf(roundId) {
  return {
    sections: rows(`SELECT code, title, position FROM rubric_sections WHERE round_id = ${roundId} ORDER BY code`),
    criteria: rows(`SELECT s.code, c.code, c.kind, c.unit, c.decimals, COALESCE(c.min_value, ''), COALESCE(c.max_value, ''),
        c.required, c.filled_by, c.prefill FROM criteria c JOIN rubric_sections s ON s.id = c.section_id
        WHERE c.round_id = ${roundId} ORDER BY c.code`),
    options: rows(`SELECT c.code, o.code, COALESCE(o.lower_value, ''), COALESCE(o.upper_value, ''), o.points_x100
        FROM criterion_options o JOIN criteria c ON c.id = o.criterion_id WHERE c.round_id = ${roundId}
        ORDER BY c.code, o.code`),
    evidence: rows(`SELECT s.code, e.code, e.min_files, e.max_files FROM evidence_requirements e
        JOIN rubric_sections s ON s.id = e.section_id WHERE s.round_id = ${roundId} ORDER BY s.code, e.code`),
    violations: rows(`SELECT t.code, v.points_x100 FROM round_violation_types v JOIN violation_types t
        ON t.id = v.violation_type_id WHERE v.round_id = ${roundId} ORDER BY t.code`),
  };
}

test('the demo rounds carry the default rubric, loaded twice without change', () => {
  const file = readFileSync(path.join(SRCDIR, 'sql/reference/rubric/default.sql'), 'utf8');
  sql(`DELETE FROM rounds WHERE code = '1300-1';
       INSERT INTO rounds (code, title, decl_start_date, decl_end_date, review_end_date)
       VALUES ('1300-1', 'آزمون روبریک', '1921-03-21', '1921-04-09', '1921-04-19')`);
  const id = one(`SELECT id FROM rounds WHERE code = '1300-1'`);
  try {
    sql(`SET @round_id = ${id};\n${file}\n${file}`);
    const fresh = rubricOf(id);
    assert.ok(fresh.criteria.length >= 10 && fresh.options.length > 30 && fresh.evidence.length >= 5);
    assert.deepEqual(rows(`SELECT rank1_min_x100, rank2_min_x100 FROM rounds WHERE id = ${id}`)[0], ['7000', '4000']);
    for (const code of ['1404-2', '1405-1']) {
      assert.deepEqual(rubricOf(one(`SELECT id FROM rounds WHERE code = '${code}'`)), fresh, code);
    }
    // The best answer of every criterion adds up to 100 points.
    assert.equal(one(`SELECT SUM(m) FROM (SELECT MAX(o.points_x100) m FROM criterion_options o
        JOIN criteria c ON c.id = o.criterion_id WHERE c.round_id = ${id} GROUP BY c.id) t`), '10000');
    // Number bands of each criterion neither overlap nor leave gaps.
    for (const [crit] of rows(`SELECT id FROM criteria WHERE round_id = ${id} AND kind = 'number'`)) {
      const b = rows(`SELECT COALESCE(lower_value, 'x'), COALESCE(upper_value, 'x') FROM criterion_options
          WHERE criterion_id = ${crit} ORDER BY lower_value IS NOT NULL, lower_value`);
      assert.equal(b[0][0], 'x', 'the first band is open below');
      assert.equal(b.at(-1)[1], 'x', 'the last band is open above');
      for (let i = 1; i < b.length; i++) assert.equal(b[i][0], b[i - 1][1], 'bands meet');
    }
  } finally {
    sql(`DELETE FROM rounds WHERE id = ${id}`);
  }
});

test('the demo scores of 1404-2 follow the rule, and the ranks have the real distribution', () => {
  const round = one(`SELECT id FROM rounds WHERE code = '1404-2'`);
  const [r1, r2] = rows(`SELECT rank1_min_x100, rank2_min_x100 FROM rounds WHERE id = ${round}`)[0].map(Number);
  const opts = new Map();
  for (const [cid, oid, lo, hi, pts] of rows(`SELECT c.id, o.id, COALESCE(o.lower_value, 'x'), COALESCE(o.upper_value, 'x'),
      o.points_x100 FROM criterion_options o JOIN criteria c ON c.id = o.criterion_id WHERE c.round_id = ${round}`)) {
    if (!opts.has(cid)) opts.set(cid, []);
    opts.get(cid).push({ oid, lo: lo === 'x' ? -Infinity : Number(lo), hi: hi === 'x' ? Infinity : Number(hi), pts: Number(pts) });
  }
  const score = new Map();
  for (const [decl, cid, kind, num, opt] of rows(`SELECT v.declaration_id, c.id, c.kind,
      COALESCE(v.verified_num, v.declared_num, 'x'), COALESCE(v.verified_option_id, v.declared_option_id, 'x')
      FROM declaration_values v JOIN criteria c ON c.id = v.criterion_id WHERE c.round_id = ${round}`)) {
    const o = kind === 'number'
      ? opts.get(cid).find((b) => num !== 'x' && b.lo <= Number(num) && Number(num) < b.hi)
      : opts.get(cid).find((b) => b.oid === opt);
    score.set(decl, (score.get(decl) ?? 0) + (o ? o.pts : 0));
  }
  for (const [decl, ded] of rows(`SELECT declaration_id, SUM(CAST(occurrences AS SIGNED) * points_each_x100) FROM violations
      WHERE round_id = ${round} AND revoked_at IS NULL GROUP BY declaration_id`)) {
    score.set(decl, score.get(decl) + Number(ded));
  }
  const stored = rows(`SELECT id, score_x100, \`rank\`, final_score_x100, final_rank FROM declarations
      WHERE round_id = ${round} AND score_x100 IS NOT NULL`);
  assert.ok(stored.length >= 190);
  const count = [0, 0, 0, 0];
  for (const [id, s, rank, fs, fr] of stored) {
    const accepted = one(`SELECT COUNT(*) FROM objections WHERE declaration_id = ${id} AND state = 'accepted'`) === '1';
    const want = score.get(id);
    assert.equal(accepted ? Number(fs) : Number(s), want, `declaration ${id}`);
    const rk = (x) => (x >= r1 ? 1 : x >= r2 ? 2 : 3);
    assert.equal(Number(accepted ? fr : rank), rk(want), `rank of ${id}`);
    if (!accepted) assert.equal(Number(fs), Number(s));
    count[Number(rank)]++;
  }
  const pct = (n) => (100 * n) / stored.length;
  assert.ok(pct(count[1]) >= 55 && pct(count[1]) <= 65, `rank 1: ${pct(count[1]).toFixed(1)} %`);
  assert.ok(pct(count[2]) >= 34 && pct(count[2]) <= 45, `rank 2: ${pct(count[2]).toFixed(1)} %`);
  assert.ok(pct(count[3]) >= 0.5 && pct(count[3]) <= 2, `rank 3: ${pct(count[3]).toFixed(1)} %`);
});
