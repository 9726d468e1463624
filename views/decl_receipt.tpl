{{%AUTOESCAPE context="HTML"}}
{{!
  The receipt of a submission. Dictionary: OFFICE_ID, OFFICE_NAME, OFFICE_CODE_FA,
  ROUND_TITLE, ROUND_CODE_FA, STATE_LABEL, STATE_BADGE, NEW, TRACKING_NO,
  TRACKING_NO_FA, SUBMITTED_FA, SUBMIT_COUNT_FA, FILE_COUNT_FA; repeated FILE
  (ROW_FA, NAME, SECTION, REQUIREMENT, SIZE_FA, SHA256) or NO_FILES.
}}
<nav class="breadcrumbs no-print" aria-label="مسیر"><a href="/dashboard">میز کار</a> <span aria-hidden="true">›</span> <a href="/decl/{{OFFICE_ID}}">خوداظهاری {{OFFICE_NAME}}</a> <span aria-hidden="true">›</span> <span>رسید</span></nav>
{{#NEW}}
<div class="notice no-print" role="status"><p>پرونده با موفقیت ارسال شد. این رسید را چاپ یا ذخیره کنید.</p></div>
{{/NEW}}
<article class="card receipt" aria-labelledby="receipt-title">
  <h1 id="receipt-title" class="page-title">رسید ارسال خوداظهاری</h1>
  <dl class="facts">
    <div class="facts__row"><dt>کد رهگیری</dt><dd><span class="tracking" dir="ltr">{{TRACKING_NO_FA}}</span></dd></div>
    <div class="facts__row"><dt>دفتر</dt><dd>{{OFFICE_NAME}} <span class="muted">(کد <span dir="ltr">{{OFFICE_CODE_FA}}</span>)</span></dd></div>
    <div class="facts__row"><dt>دوره</dt><dd>{{ROUND_TITLE}} <span class="muted">(<span dir="ltr">{{ROUND_CODE_FA}}</span>)</span></dd></div>
    <div class="facts__row"><dt>زمان ارسال</dt><dd><span class="date">{{SUBMITTED_FA}}</span> <span class="muted">به وقت تهران</span></dd></div>
    <div class="facts__row"><dt>دفعات ارسال</dt><dd>{{SUBMIT_COUNT_FA}}</dd></div>
    <div class="facts__row"><dt>وضعیت</dt><dd>{{STATE_LABEL}}</dd></div>
    <div class="facts__row"><dt>تعداد مدارک</dt><dd>{{FILE_COUNT_FA}} فایل</dd></div>
  </dl>
  <div class="table-wrap" role="region" aria-labelledby="files-caption" tabindex="0">
  <table class="table table--files">
    <caption id="files-caption">مدارک بارگذاری‌شده و اثر انگشت (SHA-256) هر فایل</caption>
    <thead><tr><th scope="col">ردیف</th><th scope="col">فایل</th><th scope="col">بخش و مدرک</th><th scope="col">اندازه</th><th scope="col">SHA-256</th></tr></thead>
    <tbody>
    {{#FILE}}
    <tr><td>{{ROW_FA}}</td><th scope="row"><bdi>{{NAME}}</bdi></th><td>{{SECTION}}: {{REQUIREMENT}}</td><td>{{SIZE_FA}}</td><td><code class="hash" dir="ltr">{{SHA256}}</code></td></tr>
    {{/FILE}}
    {{#NO_FILES}}
    <tr><td colspan="5">فایلی بارگذاری نشده است.</td></tr>
    {{/NO_FILES}}
    </tbody>
  </table>
  </div>
  <p class="hint">کد رهگیری <span dir="ltr">{{TRACKING_NO}}</span> را برای پیگیری پرونده نگه دارید. اثر انگشت هر فایل نشان می‌دهد که کدام نسخه از مدرک ارسال شده است.</p>
</article>
<div class="actions no-print">
  <button type="button" class="button button--primary" data-print hidden>چاپ رسید</button>
  <a class="button button--secondary" href="/decl/{{OFFICE_ID}}">بازگشت به پرونده</a>
</div>
<p class="hint no-print">برای چاپ یا ذخیره به صورت PDF می‌توانید از فرمان چاپ مرورگر (Ctrl+P) هم استفاده کنید.</p>
