{{%AUTOESCAPE context="HTML"}}
{{!
  The licensee's dashboard. Repeated section OFFICE (OFFICE_ID, OFFICE_NAME,
  OFFICE_CODE_FA, KIND_LABEL; LAST_RANK (RANK_FA, RANK_ROUND_FA) or NO_RANK;
  NO_ROUND or ROUND (ROUND_TITLE, STATE_LABEL, STATE_BADGE, ACTION_LABEL,
  DEADLINE (DEADLINE_KIND, DEADLINE_FA, DAYS_LEFT), MISSING (MISSING_FA) or READY,
  RECEIPT (OFFICE_ID))); NO_OFFICES when the licensee holds none.
}}
<h1 class="page-title">میز کار دفاتر من</h1>
<p class="lead">وضعیت پرونده هر دفتر در دوره جاری ارزیابی، مهلت باقی‌مانده و کارهایی که هنوز مانده است.</p>
{{#NO_OFFICES}}
<p class="status">هیچ دفتر فعالی به نام شما ثبت نشده است. اگر این درست نیست، با منطقه خود تماس بگیرید.</p>
{{/NO_OFFICES}}
<div class="office-list">
{{#OFFICE}}
<section class="card office-card" aria-labelledby="office-{{OFFICE_ID}}-title">
  <h2 id="office-{{OFFICE_ID}}-title" class="office-card__title">{{OFFICE_NAME}}</h2>
  <p class="muted">{{KIND_LABEL}}، کد دفتر <span dir="ltr">{{OFFICE_CODE_FA}}</span></p>
  <dl class="facts">
    {{#LAST_RANK}}
    <div class="facts__row"><dt>رتبه دوره پیش</dt><dd>رتبه {{RANK_FA}} <span class="muted">(دوره <span dir="ltr">{{RANK_ROUND_FA}}</span>)</span> · <a href="/result/{{OFFICE_ID}}">جزئیات امتیاز و اعتراض</a></dd></div>
    {{/LAST_RANK}}
    {{#NO_RANK}}
    <div class="facts__row"><dt>رتبه دوره پیش</dt><dd>رتبه‌ای ثبت نشده است</dd></div>
    {{/NO_RANK}}
    {{#ROUND}}
    <div class="facts__row"><dt>دوره جاری</dt><dd>{{ROUND_TITLE}}</dd></div>
    <div class="facts__row"><dt>وضعیت پرونده</dt><dd><span class="badge badge--{{STATE_BADGE}}">{{STATE_LABEL}}</span></dd></div>
    {{/ROUND}}
  </dl>
  {{#ROUND}}
  {{#DEADLINE}}
  <div class="deadline deadline--compact">
    <p class="deadline__label">{{DEADLINE_KIND}}</p>
    <p class="deadline__date">تا پایان روز <span class="date">{{DEADLINE_FA}}</span></p>
    <p class="deadline__left">{{DAYS_LEFT}}</p>
  </div>
  {{/DEADLINE}}
  {{#MISSING}}
  <p class="status status--warn">{{MISSING_FA}} مورد از خوداظهاری هنوز کامل نشده است.</p>
  {{/MISSING}}
  {{#READY}}
  <p class="status">همه موارد لازم کامل است؛ پرونده را بازبینی و ارسال کنید.</p>
  {{/READY}}
  <div class="actions">
    <a class="button button--primary" href="/decl/{{OFFICE_ID}}">{{ACTION_LABEL}}</a>
    <a class="button button--secondary" href="/office-data/{{OFFICE_ID}}">اطلاعات دفتر و کارکنان</a>
    {{#RECEIPT}}
    <a class="button button--quiet" href="/decl/{{OFFICE_ID}}/receipt">رسید ارسال</a>
    {{/RECEIPT}}
  </div>
  {{/ROUND}}
  {{#NO_ROUND}}
  <p class="status">در حال حاضر دوره‌ای برای خوداظهاری باز نیست.</p>
  <div class="actions">
    <a class="button button--secondary" href="/office-data/{{OFFICE_ID}}">اطلاعات دفتر و کارکنان</a>
  </div>
  {{/NO_ROUND}}
</section>
{{/OFFICE}}
</div>
