// Cross-checks the C calendar code against an independent implementation.
// jalaali-js is the reference the C port was made from; this test generates every
// Jalali day of years 1..3000 with it, in the several ways users write dates
// (zero-padded or not, ASCII, Persian or Arabic-Indic digits), plus each day's
// Gregorian counterpart, pipes all of them through one `geps jalali` process and
// requires every output line to be exactly jalaali-js's answer.  It also checks
// that invalid input gives "invalid" and exit status 1, and runs
// `geps check-national-id` on a list of known valid and invalid IDs.
//
// Run with: GEPS_BIN=./geps node --test tests/integration/jalali_reference.test.mjs

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import * as jalaali from 'jalaali-js'

const GEPS_BIN = process.env.GEPS_BIN

const pad = (n, w) => String(n).padStart(w, '0')
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹'
const ARABIC = '٠١٢٣٤٥٦٧٨٩'
const toScript = (s, digits) => s.replace(/[0-9]/g, (d) => digits[d])

// Runs `GEPS_BIN ...args` with input on stdin; resolves to { code, out, err }.
function run (args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(GEPS_BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const out = []
    const err = []
    child.stdout.on('data', (c) => out.push(c))
    child.stderr.on('data', (c) => err.push(c))
    child.on('error', reject)
    child.on('close', (code) => resolve({
      code,
      out: Buffer.concat(out).toString('utf8'),
      err: Buffer.concat(err).toString('utf8')
    }))
    child.stdin.on('error', reject)
    child.stdin.end(input)
  })
}

// Splits the command's output into lines, requiring a final newline.
function lines (out) {
  assert.ok(out === '' || out.endsWith('\n'), 'output must end with a newline')
  return out === '' ? [] : out.slice(0, -1).split('\n')
}

// A missing binary must fail the run, not skip the comparison silently.
test('GEPS_BIN names the built geps binary', () => {
  assert.ok(GEPS_BIN !== undefined && GEPS_BIN.length > 0,
    'set GEPS_BIN to the path of the built geps binary')
})

test('every day of Jalali years 1..3000 converts both ways exactly as jalaali-js does',
  { skip: GEPS_BIN === undefined && 'GEPS_BIN is not set', timeout: 120000 }, async () => {
    const input = []
    const expected = []
    let i = 0
    for (let jy = 1; jy <= 3000; jy++) {
      for (let jm = 1; jm <= 12; jm++) {
        const len = jalaali.jalaaliMonthLength(jy, jm)
        for (let jd = 1; jd <= len; jd++, i++) {
          const g = jalaali.toGregorian(jy, jm, jd)
          const greg = `${pad(g.gy, 4)}-${pad(g.gm, 2)}-${pad(g.gd, 2)}`
          const jal = `${pad(jy, 4)}/${pad(jm, 2)}/${pad(jd, 2)}`
          // Vary the way the Jalali date is written, as users do.
          let typed
          switch (i % 4) {
            case 0: typed = jal; break
            case 1: typed = `${jy}/${jm}/${jd}`; break
            case 2: typed = toScript(jal, PERSIAN); break
            default: typed = toScript(`${jy}/${jm}/${jd}`, ARABIC); break
          }
          input.push(typed, greg)
          expected.push(greg, jal)
        }
      }
    }
    // Sanity of the reference itself, from DOMAIN.md.
    assert.ok(jalaali.isLeapJalaaliYear(1403) && jalaali.isLeapJalaaliYear(1408))
    assert.ok(!jalaali.isLeapJalaaliYear(1404))

    const { code, out, err } = await run(['jalali'], input.join('\n') + '\n')
    assert.equal(err, '')
    const got = lines(out)
    assert.equal(got.length, expected.length, 'one output line per input line')
    // Report the first few differences rather than a 2-million-line diff.
    const diffs = []
    for (let k = 0; k < expected.length && diffs.length < 10; k++) {
      if (got[k] !== expected[k]) {
        diffs.push(`line ${k + 1}: ${JSON.stringify(input[k])} gave ` +
          `${JSON.stringify(got[k])}, jalaali-js says ${JSON.stringify(expected[k])}`)
      }
    }
    assert.deepEqual(diffs, [])
    assert.equal(code, 0)
  })

test('invalid dates print "invalid" and make the exit status 1',
  { skip: GEPS_BIN === undefined && 'GEPS_BIN is not set' }, async () => {
    const cases = [
      ['1405/09/01', '2026-11-22'],
      ['1404/12/30', 'invalid'], // 1404 is not leap
      ['1403/12/30', '2025-03-20'], // 1403 is
      ['1405/13/01', 'invalid'],
      ['1405/1/32', 'invalid'],
      ['0/1/1', 'invalid'],
      ['3001/01/01', 'invalid'],
      ['10000/1/1', 'invalid'],
      ['99999999999/1/1', 'invalid'],
      ['1405/09/01x', 'invalid'],
      ['1405.09.01', 'invalid'],
      ['-1405/09/01', 'invalid'],
      ['', 'invalid'],
      ['2025-02-29', 'invalid'],
      ['2024-02-29', '1402/12/10'],
      ['2025-3-21', 'invalid'],
      ['0621-03-21', 'invalid'], // Jalali year 0
      ['3622-03-21', 'invalid'], // Jalali year 3001
      ['2026-11-22\r', '1405/09/01'] // CRLF input
    ]
    const { code, out } = await run(['jalali'], cases.map((c) => c[0]).join('\n') + '\n')
    assert.deepEqual(lines(out), cases.map((c) => c[1]))
    assert.equal(code, 1)

    const ok = await run(['jalali', '1405/09/01', '2025-03-21'], '')
    assert.deepEqual(lines(ok.out), ['2026-11-22', '1404/01/01'])
    assert.equal(ok.code, 0)
  })

// The national ID checksum of DOMAIN.md, written independently of the C code.
function nidCheckDigit (nine) {
  let s = 0
  for (let i = 0; i < 9; i++) s += Number(nine[i]) * (10 - i)
  const r = s % 11
  return r < 2 ? r : 11 - r
}

test('check-national-id prints valid or invalid per line',
  { skip: GEPS_BIN === undefined && 'GEPS_BIN is not set' }, async () => {
    const cases = [
      ['0183382390', 'valid'],
      ['۰۱۸۳۳۸۲۳۹۰', 'valid'],
      ['٠١٨٣٣٨٢٣٩٠', 'valid'],
      ['018-338239-0', 'valid'],
      [' 018 338 2390 ', 'valid'],
      ['0183382391', 'invalid'],
      ['018338239', 'invalid'],
      ['01833823900', 'invalid'],
      ['01833a2390', 'invalid'],
      ['', 'invalid']
    ]
    for (let d = 0; d <= 9; d++) cases.push([String(d).repeat(10), 'invalid'])
    // Generated IDs: every correct check digit is valid, every other one not.
    for (let k = 0; k < 200; k++) {
      const nine = pad((k * 7919 + 12345) * 104729 % 1000000000, 9)
      const c = nidCheckDigit(nine)
      const id = nine + c
      if (/^(\d)\1{9}$/.test(id)) continue
      cases.push([id, 'valid'])
      cases.push([nine + ((c + 1 + (k % 9)) % 10), 'invalid'])
    }
    const { code, out } = await run(['check-national-id'], cases.map((c) => c[0]).join('\n') + '\n')
    assert.deepEqual(lines(out), cases.map((c) => c[1]))
    assert.equal(code, 1)

    const ok = await run(['check-national-id', '0183382390', '۰۱۸۳۳۸۲۳۹۰'], '')
    assert.deepEqual(lines(ok.out), ['valid', 'valid'])
    assert.equal(ok.code, 0)
  })
