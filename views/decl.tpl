{{%AUTOESCAPE context="HTML"}}
{{!
  An office's file: summary. Dictionary: OFFICE_ID, OFFICE_NAME, OFFICE_CODE_FA,
  ROUND_TITLE, ROUND_CODE_FA, STATE_LABEL, STATE_BADGE, CSRF_TOKEN, VERSION;
  DEADLINE (DEADLINE_KIND, DEADLINE_FA, DAYS_LEFT); LOCKED (WHY_NOT); SEND_BACK
  (REMARKS); NOTICE/ERROR_BOX (MESSAGE); NO_ROUND or HAS_ROUND; repeated SECTION
  (SECTION_CODE, SECTION_TITLE, SECTION_NO_FA, COMPLETE or repeated MISSING
  (MESSAGE), TO_CORRECT, REMARK (TEXT)); CAN_SUBMIT or CANNOT_SUBMIT (MISSING_FA); CAN_REOPEN;
  HAS_RECEIPT.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/dashboard">میز کار</a> <span aria-hidden="true">›</span> <span>{{OFFICE_NAME}}</span></nav>
<h1 class="page-title">خوداظهاری {{OFFICE_NAME}}</h1>
<p class="lead">{{ROUND_TITLE}} <span class="muted">(دوره <span dir="ltr">{{ROUND_CODE_FA}}</span>، کد دفتر <span dir="ltr">{{OFFICE_CODE_FA}}</span>)</span></p>
{{#NOTICE}}
<div class="notice" role="status"><p>{{MESSAGE}}</p></div>
{{/NOTICE}}
{{#ERROR_BOX}}
<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>
{{/ERROR_BOX}}
{{#NO_ROUND}}
<p class="status">در حال حاضر دوره‌ای برای خوداظهاری باز نیست.</p>
{{/NO_ROUND}}
{{#HAS_ROUND}}
<div class="decl-head">
  <p class="decl-head__state">وضعیت پرونده: <span class="badge badge--{{STATE_BADGE}}">{{STATE_LABEL}}</span></p>
  {{#DEADLINE}}
  <div class="deadline deadline--compact">
    <p class="deadline__label">{{DEADLINE_KIND}}</p>
    <p class="deadline__date">تا پایان روز <span class="date">{{DEADLINE_FA}}</span></p>
    <p class="deadline__left">{{DAYS_LEFT}}</p>
  </div>
  {{/DEADLINE}}
</div>
{{#SEND_BACK}}
<section class="note" aria-labelledby="send-back-heading">
  <h2 id="send-back-heading">پرونده برای اصلاح بازگردانده شده است</h2>
  <p>{{REMARKS}}</p>
</section>
{{/SEND_BACK}}
{{#LOCKED}}
<p class="status">{{WHY_NOT}}</p>
{{/LOCKED}}
<section class="card" aria-labelledby="sections-heading">
  <h2 id="sections-heading">بخش‌های خوداظهاری</h2>
  <ol class="section-list">
    {{#SECTION}}
    <li class="section-list__item">
      <div class="section-list__head">
        <a class="section-list__link" href="/decl/{{OFFICE_ID}}/section/{{SECTION_CODE}}">{{SECTION_NO_FA}}. {{SECTION_TITLE}}</a>
        {{#COMPLETE}}<span class="badge badge--ok">کامل</span>{{/COMPLETE}}
        {{#TO_CORRECT}}<span class="badge badge--warn">نیازمند اصلاح</span>{{/TO_CORRECT}}
      </div>
      {{#REMARK}}<p class="section-list__remark">نظر منطقه: {{TEXT}}</p>{{/REMARK}}
      <ul class="missing-list">
        {{#MISSING}}
        <li>{{MESSAGE}}</li>
        {{/MISSING}}
      </ul>
    </li>
    {{/SECTION}}
  </ol>
</section>
<section class="card" aria-labelledby="submit-heading">
  <h2 id="submit-heading">ارسال پرونده</h2>
  {{#CAN_SUBMIT}}
  <p>همه موارد لازم کامل است. پس از ارسال، پرونده تا پایان مهلت خوداظهاری باز هم قابل بازگشایی و اصلاح است؛ پس از آن فقط در صورت بازگرداندن از سوی منطقه می‌توان آن را تغییر داد.</p>
  <form method="post" action="/decl/{{OFFICE_ID}}/submit" class="form--bare">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="version" value="{{VERSION}}">
    <button type="submit" class="button button--primary">ارسال نهایی پرونده</button>
  </form>
  {{/CAN_SUBMIT}}
  {{#CANNOT_SUBMIT}}
  <p class="status status--warn">{{MISSING_FA}} مورد هنوز کامل نشده است. پس از تکمیل همه موارد بالا می‌توانید پرونده را ارسال کنید.</p>
  {{/CANNOT_SUBMIT}}
  {{#CAN_REOPEN}}
  <form method="post" action="/decl/{{OFFICE_ID}}/reopen" class="form--bare">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button button--secondary">بازگشایی پرونده برای ویرایش</button>
  </form>
  {{/CAN_REOPEN}}
  {{#HAS_RECEIPT}}
  <p><a href="/decl/{{OFFICE_ID}}/receipt">مشاهده و چاپ رسید ارسال</a></p>
  {{/HAS_RECEIPT}}
</section>
{{/HAS_ROUND}}
