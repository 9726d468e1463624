// The licensee's side of a browser journey, shared by the declaration journey and
// the three-role journey: a fresh office with complete base data and staff, real
// evidence files, and filling every section of a round's rubric in the browser.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { url } from './browser.mjs';
import { toPersian } from '../../integration/lib/client.mjs';
import { sql } from '../../integration/lib/stack.mjs';

export const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));

// Small but real files: a one-page PDF and a JPEG (the smallest baseline JFIF).
export function fixtures() {
  const dir = mkdtempSync(path.join(tmpdir(), 'geps-e2e-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const pdf = path.join(dir, 'اجاره‌نامه.pdf');
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offs = [];
  objs.forEach((o, i) => { offs.push(body.length); body += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(pdf, body);
  const jpg = path.join(dir, 'photo.jpg');
  writeFileSync(jpg, Buffer.from(
    'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
    'hex'));
  return { pdf, jpg };
}

// An office of user u (a copy of the first demo office's place) with complete base
// data and two insured staff; returns its id and code.
export function makeOffice(u, name = 'دفتر پیشخوان آزمون مرورگر') {
  const code = `8${String(u.id).padStart(8, '0')}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address, postal_code, phone,
         opening_hours, area_m2, accessibility_json, licensee_user_id)
       SELECT '${code}', kind, '${name}', 'E-${code}', province_id, region_id, city_id, address, '1234567890',
         '02188776655', opening_hours, 64, '{"ramp": true, "toilet": true}', ${u.id} FROM offices ORDER BY id LIMIT 1`);
  const id = Number(rows(`SELECT id FROM offices WHERE code = '${code}'`)[0][0]);
  sql(`INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, insured)
       VALUES (${id}, '0013542419', 'زهرا', 'کریمی', 'مدیر دفتر', 1), (${id}, '0010350829', 'علی', 'احمدی', 'کارشناس', 1)`);
  return { id, code };
}

// Fills one section on its page: numbers in the middle of their range, choices the
// first option, and the documents the section requires (PDF and JPEG in turn),
// uploaded with the progress bar.  Returns the number of files uploaded.
export async function fillSection(page, office, sid, sec, files, uploads = 0) {
  await page.goto(url(`/decl/${office}/section/${sec}`));
  for (const [ccode, kind, min, max] of rows(`SELECT code, kind, COALESCE(min_value, 0), COALESCE(max_value, 100)
      FROM criteria WHERE section_id = ${sid} AND filled_by = 'licensee' ORDER BY position`)) {
    if (kind === 'number') await page.fill(`#c_${ccode}`, toPersian(String(Math.floor((Number(min) + Number(max)) / 2))));
    else await page.check(`input[name="c_${ccode}"] >> nth=0`);
  }
  let n = 0;
  for (const [rcode, min] of rows(`SELECT code, min_files FROM evidence_requirements WHERE section_id = ${sid}
      AND min_files > 0 ORDER BY position, id`)) {
    for (let k = 0; k < Number(min); k++) {
      const form = page.locator(`form[data-upload="${rcode}"]`);
      const before = await page.locator(`#evidence-${rcode} [data-file]`).count();
      await form.locator('input[type=file]').setInputFiles((uploads + n++) % 2 === 0 ? files.pdf : files.jpg);
      await form.locator('button[type=submit]').click();
      // With JavaScript the file is sent without leaving the page, with a progress bar.
      await page.waitForFunction(([sel, c]) => document.querySelectorAll(sel).length > c,
        [`#evidence-${rcode} [data-file]`, before]);
      assert.equal(new URL(page.url()).pathname, `/decl/${office}/section/${sec}`);
      assert.equal(await form.locator('progress').count(), 1, 'the upload shows a progress bar');
    }
  }
  return n;
}
