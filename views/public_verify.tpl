{{%AUTOESCAPE context="HTML"}}
{{!
  The public verification of an office by its code. Dictionary: CODE (as typed,
  cleaned); INTRO when nothing was asked yet; CODE_ERROR (MESSAGE) for a bad or
  unknown code; RESULT with OFFICE_CODE, OFFICE_CODE_FA, OFFICE_NAME, KIND_LABEL,
  PROVINCE, CITY, INACTIVE, NO_PUBLIC, and CURRENT (the newest public round:
  ROUND_CODE, ROUND_CODE_FA, ROUND_TITLE, ROUND_STATE_LABEL, PUBLISHED_FA, FINAL_DATE
  (FINAL_PUBLISHED_FA), RANK_LABEL, RANKED (RANK_FA, OFFICE_CODE, ROUND_CODE) or
  NOT_EVALUATED, LAST_KNOWN, PROVINCE_ID); HISTORY_TABLE with repeated HISTORY (ROUND_TITLE,
  ROUND_CODE_FA, RANK_LABEL, STATE_LABEL, PUBLISHED_FA, CERT (OFFICE_CODE,
  ROUND_CODE, ROUND_CODE_FA) or NO_CERT).
}}
<h1 class="page-title">استعلام رتبه دفتر</h1>
{{#INTRO}}
<p class="lead">رتبه هر دفتر پیشخوان خدمات دولت یا دفتر ICT روستایی را با کد دفتر استعلام کنید. رتبه‌ها پس از انتشار نتایج هر دوره ارزیابی در اینجا نمایش داده می‌شوند. فهرست رتبه دفاتر هر استان را در <a href="/ranks">رتبه‌های منتشرشده</a> ببینید.</p>
{{/INTRO}}
{{#CODE_ERROR}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">استعلام انجام نشد</h2>
  <ul class="error-summary__list">
    <li><a href="#verify-code">{{MESSAGE}}</a></li>
  </ul>
</div>
{{/CODE_ERROR}}
<section class="card verify" aria-labelledby="verify-heading">
  <h2 id="verify-heading">کد دفتر را وارد کنید</h2>
  <form class="form form--inline" method="get" action="/verify">
    <div class="field{{#CODE_ERROR}} field--error{{/CODE_ERROR}}">
      <label for="verify-code">کد دفتر</label>
      <p id="verify-code-hint" class="hint">کد دفتر روی تابلو و پروانه دفتر درج شده است. می‌توانید آن را با ارقام فارسی یا انگلیسی بنویسید.</p>
      {{#CODE_ERROR}}
      <p id="verify-code-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/CODE_ERROR}}
      <div class="field__row">
        <input id="verify-code" name="code" type="text" inputmode="numeric" dir="ltr" autocomplete="off" spellcheck="false" maxlength="20" value="{{CODE}}" required aria-describedby="verify-code-hint{{#CODE_ERROR}} verify-code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
        <button type="submit" class="button button--secondary">استعلام</button>
      </div>
    </div>
  </form>
</section>
{{#RESULT}}
<article class="card verify-result" aria-labelledby="result-title">
  <h2 id="result-title">{{OFFICE_NAME}}</h2>
  {{#INACTIVE}}
  <p class="status status--warn">این دفتر در حال حاضر فعال نیست.</p>
  {{/INACTIVE}}
  <dl class="facts">
    <div class="facts__row"><dt>کد دفتر</dt><dd><span dir="ltr">{{OFFICE_CODE_FA}}</span></dd></div>
    <div class="facts__row"><dt>نوع دفتر</dt><dd>{{KIND_LABEL}}</dd></div>
    <div class="facts__row"><dt>استان</dt><dd>{{PROVINCE}}</dd></div>
    <div class="facts__row"><dt>شهر یا روستا</dt><dd>{{CITY}}</dd></div>
  </dl>
  {{#NO_PUBLIC}}
  <p class="status">هنوز رتبه‌ای برای این دفتر منتشر نشده است.</p>
  {{/NO_PUBLIC}}
  {{#CURRENT}}
  <div class="rank-box">
    <p class="rank-box__label">رتبه در آخرین دوره منتشرشده</p>
    <p class="rank-box__rank">{{RANK_LABEL}}</p>
    <p class="rank-box__round">{{ROUND_TITLE}} <span class="muted">(دوره <span dir="ltr">{{ROUND_CODE_FA}}</span>)</span></p>
    <dl class="facts">
      <div class="facts__row"><dt>وضعیت</dt><dd>{{ROUND_STATE_LABEL}}</dd></div>
      <div class="facts__row"><dt>تاریخ انتشار</dt><dd><span class="date">{{PUBLISHED_FA}}</span></dd></div>
      {{#FINAL_DATE}}
      <div class="facts__row"><dt>تاریخ انتشار رتبه نهایی</dt><dd><span class="date">{{FINAL_PUBLISHED_FA}}</span></dd></div>
      {{/FINAL_DATE}}
    </dl>
    {{#LAST_KNOWN}}
    <p class="hint">این دفتر در این دوره خوداظهاری نکرده و رتبه آن بر پایه آخرین اطلاعات تأییدشده آن تعیین شده است.</p>
    {{/LAST_KNOWN}}
    {{#NOT_EVALUATED}}
    <p class="hint">این دفتر در این دوره ارزیابی نشده است.</p>
    {{/NOT_EVALUATED}}
  </div>
  <div class="actions">
    {{#RANKED}}
    <a class="button button--primary" href="/certificate?office={{OFFICE_CODE:u}}&amp;round={{ROUND_CODE:u}}">گواهی رتبه (قابل چاپ)</a>
    {{/RANKED}}
    <a class="button button--secondary" href="/ranks?round={{ROUND_CODE:u}}&amp;province={{PROVINCE_ID}}">رتبه‌های دفاتر استان {{PROVINCE}}</a>
  </div>
  {{/CURRENT}}
  {{#HISTORY_TABLE}}
  <div class="table-wrap" role="region" aria-labelledby="history-caption" tabindex="0">
  <table class="table">
    <caption id="history-caption">سابقه رتبه‌های این دفتر در دوره‌های منتشرشده</caption>
    <thead><tr><th scope="col">دوره</th><th scope="col">رتبه</th><th scope="col">وضعیت رتبه</th><th scope="col">تاریخ انتشار</th><th scope="col">گواهی</th></tr></thead>
    <tbody>
    {{#HISTORY}}
    <tr><th scope="row">{{ROUND_TITLE}} <span class="muted">(<span dir="ltr">{{ROUND_CODE_FA}}</span>)</span></th><td>{{RANK_LABEL}}</td><td>{{STATE_LABEL}}</td><td><span class="date">{{PUBLISHED_FA}}</span></td><td>{{#CERT}}<a href="/certificate?office={{OFFICE_CODE:u}}&amp;round={{ROUND_CODE:u}}">گواهی دوره <span dir="ltr">{{ROUND_CODE_FA}}</span></a>{{/CERT}}{{#NO_CERT}}<span class="muted">ندارد</span>{{/NO_CERT}}</td></tr>
    {{/HISTORY}}
    </tbody>
  </table>
  </div>
  {{/HISTORY_TABLE}}
</article>
{{/RESULT}}
