{{%AUTOESCAPE context="HTML"}}
{{!
  The region: one objection. Dictionary: ID, OFFICE_NAME, OFFICE_CODE_FA, PROVINCE,
  ROUND_TITLE, FILED_FA, BODY, RANK, SCORE_FA, STATE; FINAL (RANK); REASON (TEXT);
  ERROR_BOX (MESSAGE); DECIDED; repeated OBJ_CRIT (TITLE); repeated FILE (ID, EV,
  NAME, SIZE_FA) or NO_FILES; the breakdown as in
  result.tpl (BREAKDOWN, DEDUCTION, NO_DEDUCTIONS, CRITERIA_FA, DEDUCTIONS_FA,
  TOTAL_FA); DECIDE (CSRF_TOKEN, ID; repeated FIELD (CODE, TITLE, CURRENT; NUMBER
  (UNIT) or CHOICE (repeated OPT (CODE, TITLE)))).
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/review/objections">اعتراض‌ها</a> <span aria-hidden="true">›</span> <span>{{OFFICE_NAME}}</span></nav>
<h1 class="page-title">اعتراض {{OFFICE_NAME}}</h1>
<p class="lead">{{ROUND_TITLE}} <span class="muted">(کد دفتر <span dir="ltr">{{OFFICE_CODE_FA}}</span>، {{PROVINCE}})</span></p>
{{#DECIDED}}<div class="notice" role="status"><p>تصمیم ثبت شد و به دارنده پروانه اطلاع داده شد.</p></div>{{/DECIDED}}
{{#ERROR_BOX}}<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>{{/ERROR_BOX}}
<section class="card" aria-labelledby="obj-heading">
  <h2 id="obj-heading">اعتراض</h2>
  <dl class="facts">
    <div class="facts__row"><dt>وضعیت</dt><dd>{{STATE}}</dd></div>
    <div class="facts__row"><dt>ثبت</dt><dd>{{FILED_FA}}</dd></div>
    <div class="facts__row"><dt>رتبه منتشرشده</dt><dd>{{RANK}} با {{SCORE_FA}} امتیاز</dd></div>
    {{#FINAL}}<div class="facts__row"><dt>رتبه نهایی</dt><dd>{{RANK}}</dd></div>{{/FINAL}}
    <div class="facts__row"><dt>شاخص‌ها</dt><dd>{{#OBJ_CRIT}}<span class="tag">{{TITLE}}</span> {{/OBJ_CRIT}}</dd></div>
    {{#REASON}}<div class="facts__row"><dt>توضیح منطقه</dt><dd class="pre-line">{{TEXT}}</dd></div>{{/REASON}}
  </dl>
  <p class="pre-line">{{BODY}}</p>
  <h3>مدارک پیوست</h3>
  {{#NO_FILES}}<p>مدرکی پیوست نشده است.</p>{{/NO_FILES}}
  <ul class="file-list">
    {{#FILE}}<li class="file-list__item"><a href="/objection/{{ID}}/file/{{EV}}" target="_blank" rel="noopener"><bdi>{{NAME}}</bdi></a> <span class="muted">{{SIZE_FA}}</span></li>{{/FILE}}
  </ul>
</section>
<section class="card" aria-labelledby="breakdown-heading">
  <h2 id="breakdown-heading">امتیاز کنونی پرونده</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="جزئیات امتیاز (جدول قابل پیمایش)">
  <table class="table">
    <caption>امتیاز هر شاخص با مقدارهای کنونی</caption>
    <thead><tr><th scope="col">شاخص</th><th scope="col">مقدار</th><th scope="col">بازه یا گزینه</th><th scope="col">امتیاز</th><th scope="col">بیشترین امتیاز</th></tr></thead>
    {{#BREAKDOWN}}
    <tbody>
      <tr class="table__group"><th scope="rowgroup" colspan="5">{{SECTION_TITLE}}</th></tr>
      {{#LINE}}<tr><th scope="row">{{TITLE}}</th><td>{{VALUE}}</td><td>{{BAND}}</td><td>{{POINTS_FA}}</td><td>{{BEST_FA}}</td></tr>{{/LINE}}
    </tbody>
    {{/BREAKDOWN}}
  </table>
  </div>
  {{#NO_DEDUCTIONS}}<p>تخلفی ثبت نشده است.</p>{{/NO_DEDUCTIONS}}
  <ul>{{#DEDUCTION}}<li><span dir="ltr">{{TYPE}}</span>: {{COUNT_FA}} بار × {{EACH_FA}} = {{POINTS_FA}}</li>{{/DEDUCTION}}</ul>
  <p>جمع شاخص‌ها {{CRITERIA_FA}}، کسر {{DEDUCTIONS_FA}}، امتیاز کل <strong>{{TOTAL_FA}}</strong>.</p>
</section>
{{#DECIDE}}
<section class="card" aria-labelledby="accept-heading">
  <h2 id="accept-heading">پذیرش اعتراض با مقدارهای اصلاح‌شده</h2>
  <form class="form" method="post" action="/review/objection/{{ID}}/accept">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <p class="hint">فقط مقدارهایی را که با بررسی دوباره مدارک تغییر می‌کنند وارد کنید؛ بقیه را خالی بگذارید. امتیاز و رتبه نهایی دوباره محاسبه می‌شود.</p>
    {{#FIELD}}
    <div class="field">
      <label for="v-{{CODE}}">{{TITLE}} <span class="muted">(کنونی: {{CURRENT}})</span></label>
      {{#NUMBER}}<input id="v-{{CODE}}" name="v_{{CODE}}" type="text" inputmode="decimal" dir="ltr" maxlength="20"> {{UNIT}}{{/NUMBER}}
      {{#CHOICE}}<select id="v-{{CODE}}" name="v_{{CODE}}"><option value="">بدون تغییر</option>{{#OPT}}<option value="{{CODE}}">{{TITLE}}</option>{{/OPT}}</select>{{/CHOICE}}
    </div>
    {{/FIELD}}
    <div class="field">
      <label for="note">توضیح بررسی</label>
      <textarea id="note" name="note" rows="3" maxlength="2000" required></textarea>
    </div>
    <div class="form__actions"><button type="submit" class="button button--primary">پذیرش و محاسبه رتبه نهایی</button></div>
  </form>
</section>
<section class="card" aria-labelledby="reject-heading">
  <h2 id="reject-heading">رد اعتراض</h2>
  <form class="form" method="post" action="/review/objection/{{ID}}/reject">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field">
      <label for="reason">دلیل رد</label>
      <textarea id="reason" name="reason" rows="3" maxlength="2000" required></textarea>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">رد اعتراض</button></div>
  </form>
</section>
{{/DECIDE}}
