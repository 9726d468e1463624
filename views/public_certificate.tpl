{{%AUTOESCAPE context="HTML"}}
{{!
  A printable certificate of an office's rank in a public round. Dictionary:
  OFFICE_CODE, OFFICE_CODE_FA, OFFICE_NAME, KIND_LABEL, PROVINCE, CITY, ROUND_CODE,
  ROUND_CODE_FA, ROUND_TITLE, ROUND_STATE_LABEL, PUBLISHED_FA, FINAL_DATE
  (FINAL_PUBLISHED_FA), RANK_FA, OLDER (NEWEST_ROUND_CODE_FA) when a newer round
  is public, VERIFY_URL, and the QR code of VERIFY_URL as QR_SIZE (the side of
  the square in modules) and QR_PATH (the "d" of its one path).
}}
<nav class="breadcrumbs no-print" aria-label="مسیر"><a href="/verify?code={{OFFICE_CODE:u}}">استعلام رتبه دفتر <span dir="ltr">{{OFFICE_CODE_FA}}</span></a> <span aria-hidden="true">›</span> <span>گواهی رتبه</span></nav>
{{#OLDER}}
<div class="notice no-print" role="status"><p>این گواهی رتبه دفتر در دوره <span dir="ltr">{{ROUND_CODE_FA}}</span> است. رتبه دفتر در دوره تازه‌تر <span dir="ltr">{{NEWEST_ROUND_CODE_FA}}</span> را در صفحه استعلام ببینید.</p></div>
{{/OLDER}}
<article class="card certificate" aria-labelledby="certificate-title">
  <p class="certificate__org">سازمان تنظیم مقررات و ارتباطات رادیویی</p>
  <h1 id="certificate-title" class="page-title certificate__title">گواهی رتبه</h1>
  <p class="certificate__text">بدین‌وسیله گواهی می‌شود که <strong>{{OFFICE_NAME}}</strong> ({{KIND_LABEL}}) با کد <span dir="ltr">{{OFFICE_CODE_FA}}</span> در {{ROUND_TITLE}} (دوره <span dir="ltr">{{ROUND_CODE_FA}}</span>)</p>
  <p class="certificate__rank">رتبه {{RANK_FA}}</p>
  <p class="certificate__text">را کسب کرده است.</p>
  <div class="certificate__body">
    <dl class="facts certificate__facts">
      <div class="facts__row"><dt>استان</dt><dd>{{PROVINCE}}</dd></div>
      <div class="facts__row"><dt>شهر یا روستا</dt><dd>{{CITY}}</dd></div>
      <div class="facts__row"><dt>وضعیت رتبه</dt><dd>{{ROUND_STATE_LABEL}}</dd></div>
      <div class="facts__row"><dt>تاریخ انتشار</dt><dd><span class="date">{{PUBLISHED_FA}}</span></dd></div>
      {{#FINAL_DATE}}
      <div class="facts__row"><dt>تاریخ انتشار رتبه نهایی</dt><dd><span class="date">{{FINAL_PUBLISHED_FA}}</span></dd></div>
      {{/FINAL_DATE}}
    </dl>
    <figure class="certificate__qr">
      <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{QR_SIZE}} {{QR_SIZE}}" width="168" height="168" shape-rendering="crispEdges" role="img" aria-labelledby="qr-caption"><rect width="{{QR_SIZE}}" height="{{QR_SIZE}}" fill="#fff"/><path fill="#000" d="{{QR_PATH}}"/></svg>
      <figcaption id="qr-caption">برای استعلام این رتبه، این کد را با تلفن همراه بخوانید یا به نشانی زیر بروید.</figcaption>
    </figure>
  </div>
  <p class="certificate__url"><a href="{{VERIFY_URL}}" dir="ltr">{{VERIFY_URL}}</a></p>
  <p class="hint">اعتبار این گواهی را همیشه در صفحه استعلام سامانه بررسی کنید: رتبه‌ای که آنجا نمایش داده می‌شود معتبر است.</p>
</article>
<div class="actions no-print">
  <button type="button" class="button button--primary" data-print hidden>چاپ گواهی</button>
  <a class="button button--secondary" href="/verify?code={{OFFICE_CODE:u}}">بازگشت به استعلام</a>
</div>
<p class="hint no-print">برای چاپ یا ذخیره به صورت PDF می‌توانید از فرمان چاپ مرورگر (Ctrl+P) هم استفاده کنید.</p>
