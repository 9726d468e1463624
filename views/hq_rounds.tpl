{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: the rounds and a new one. Dictionary: CSRF_TOKEN; repeated ROUND (ID, CODE_FA,
  TITLE, STATE, START_FA, END_FA, REVIEW_END_FA, CRITERIA_FA) or NO_ROUNDS; the new
  round's typed values CODE, TITLE, START, END, REVIEW_END, CORRECTION_DAYS,
  OBJECTION_DAYS; ERRORS/ERROR (FIELD_ID, MESSAGE) and CODE_ERROR, TITLE_ERROR,
  START_ERROR, END_ERROR, REVIEW_END_ERROR, CORRECTION_DAYS_ERROR,
  OBJECTION_DAYS_ERROR (MESSAGE).
}}
<h1 class="page-title">دوره‌های ارزیابی</h1>
<div class="table-wrap" role="region" aria-labelledby="rounds-caption" tabindex="0">
<table class="table">
  <caption id="rounds-caption">همه دوره‌ها، تازه‌ترین نخست</caption>
  <thead><tr><th scope="col">دوره</th><th scope="col">وضعیت</th><th scope="col">خوداظهاری</th><th scope="col">پایان بررسی</th><th scope="col">شاخص‌ها</th></tr></thead>
  <tbody>
  {{#ROUND}}
  <tr>
    <th scope="row"><a href="/hq/round/{{ID}}">{{TITLE}}</a> <span class="muted" dir="ltr">{{CODE_FA}}</span></th>
    <td>{{STATE}}</td>
    <td><span class="date">{{START_FA}}</span> تا <span class="date">{{END_FA}}</span></td>
    <td><span class="date">{{REVIEW_END_FA}}</span></td>
    <td><a href="/hq/rubric/{{ID}}">{{CRITERIA_FA}} شاخص</a></td>
  </tr>
  {{/ROUND}}
  {{#NO_ROUNDS}}<tr><td colspan="5">هنوز دوره‌ای ساخته نشده است.</td></tr>{{/NO_ROUNDS}}
  </tbody>
</table>
</div>

<section class="card" aria-labelledby="new-round-heading">
  <h2 id="new-round-heading">دوره تازه</h2>
  {{#ERRORS}}
  <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
    <h3 id="error-summary-title" class="error-summary__title">دوره ساخته نشد</h3>
    <ul class="error-summary__list">
      {{#ERROR}}<li><a href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>{{/ERROR}}
    </ul>
  </div>
  {{/ERRORS}}
  <p class="hint">تاریخ‌ها خورشیدی‌اند (مانند ۱۴۰۵/۱۲/۰۱). اگر پایان خوداظهاری را خالی بگذارید ۲۰ روز، و پایان بررسی را ۱۰ روز پس از آن در نظر گرفته می‌شود. شاخص‌های دوره از دوره پیش رونوشت می‌شود و تا باز شدن دوره قابل ویرایش است.</p>
  <form class="form" method="post" action="/hq/rounds/new" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field{{#CODE_ERROR}} field--error{{/CODE_ERROR}}">
      <label for="code">کد دوره</label>
      <p class="hint" id="code-hint">سال و نیمسال، مانند 1405-2</p>
      {{#CODE_ERROR}}<p id="code-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/CODE_ERROR}}
      <input id="code" name="code" type="text" dir="ltr" maxlength="10" value="{{CODE}}" aria-describedby="code-hint" required>
    </div>
    <div class="field{{#TITLE_ERROR}} field--error{{/TITLE_ERROR}}">
      <label for="title">عنوان</label>
      {{#TITLE_ERROR}}<p id="title-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/TITLE_ERROR}}
      <input id="title" name="title" type="text" maxlength="200" value="{{TITLE}}" required>
    </div>
    <div class="field{{#START_ERROR}} field--error{{/START_ERROR}}">
      <label for="start">آغاز خوداظهاری</label>
      {{#START_ERROR}}<p id="start-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/START_ERROR}}
      <input id="start" name="start" type="text" dir="ltr" inputmode="numeric" maxlength="20" value="{{START}}" placeholder="۱۴۰۵/۱۲/۰۱" required>
    </div>
    <div class="field{{#END_ERROR}} field--error{{/END_ERROR}}">
      <label for="end">پایان خوداظهاری (اختیاری)</label>
      {{#END_ERROR}}<p id="end-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/END_ERROR}}
      <input id="end" name="end" type="text" dir="ltr" inputmode="numeric" maxlength="20" value="{{END}}">
    </div>
    <div class="field{{#REVIEW_END_ERROR}} field--error{{/REVIEW_END_ERROR}}">
      <label for="review_end">پایان بررسی مناطق (اختیاری)</label>
      {{#REVIEW_END_ERROR}}<p id="review_end-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/REVIEW_END_ERROR}}
      <input id="review_end" name="review_end" type="text" dir="ltr" inputmode="numeric" maxlength="20" value="{{REVIEW_END}}">
    </div>
    <div class="field{{#CORRECTION_DAYS_ERROR}} field--error{{/CORRECTION_DAYS_ERROR}}">
      <label for="correction_days">مهلت اصلاح (روز)</label>
      {{#CORRECTION_DAYS_ERROR}}<p id="correction_days-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/CORRECTION_DAYS_ERROR}}
      <input id="correction_days" name="correction_days" type="text" dir="ltr" inputmode="numeric" maxlength="3" value="{{CORRECTION_DAYS}}">
    </div>
    <div class="field{{#OBJECTION_DAYS_ERROR}} field--error{{/OBJECTION_DAYS_ERROR}}">
      <label for="objection_days">مهلت اعتراض (روز)</label>
      {{#OBJECTION_DAYS_ERROR}}<p id="objection_days-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/OBJECTION_DAYS_ERROR}}
      <input id="objection_days" name="objection_days" type="text" dir="ltr" inputmode="numeric" maxlength="3" value="{{OBJECTION_DAYS}}">
    </div>
    <div class="form__actions"><button type="submit" class="button button--primary">ساخت دوره</button></div>
  </form>
</section>
