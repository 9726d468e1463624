{{%AUTOESCAPE context="HTML"}}
{{!
  The licensee: an office's result in a public round. Dictionary: OFFICE_ID,
  OFFICE_NAME, OFFICE_CODE_FA, ROUND_TITLE, ROUND_CODE_FA, ROUND_ID, PUBLISHED_FA;
  ERROR_BOX (MESSAGE); OBJECTED; NOT_EVALUATED or SCORED (RANK_TEXT, SCORE_FA,
  RANK1_FA, RANK2_FA; CHANGED (FIRST); LAST_KNOWN; NEXT (MISSING_FA, NEXT_RANK) or
  TOP; repeated BREAKDOWN (SECTION_TITLE; repeated LINE (TITLE, VALUE, BAND,
  POINTS_FA, BEST_FA)); repeated DEDUCTION (TYPE, COUNT_FA, EACH_FA, POINTS_FA) or
  NO_DEDUCTIONS; CRITERIA_FA, DEDUCTIONS_FA, TOTAL_FA; repeated HEADROOM (TITLE,
  POINTS_FA)); OBJECTION (FILED_FA, BODY, STATE; REASON (TEXT); repeated OBJ_CRIT
  (TITLE); repeated FILE (ID, EV, NAME, SIZE_FA) or NO_FILES; ATTACH (CSRF_TOKEN,
  MAX_FA); ATTACHED) or OBJECT_FORM (CSRF_TOKEN, END_FA, BODY, BODY_MAX_FA; repeated CRIT
  (CODE, TITLE)) or OBJECT_CLOSED (WHY); repeated HISTORY (ROUND_TITLE,
  ROUND_CODE_FA, RANK, SCORE_FA; CURRENT or LINK (URL)).
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/dashboard">میز کار</a> <span aria-hidden="true">›</span> <span>نتیجه ارزیابی {{OFFICE_NAME}}</span></nav>
<h1 class="page-title">نتیجه ارزیابی {{OFFICE_NAME}}</h1>
<p class="lead">{{ROUND_TITLE}} <span class="muted">(دوره <span dir="ltr">{{ROUND_CODE_FA}}</span>، کد دفتر <span dir="ltr">{{OFFICE_CODE_FA}}</span>، انتشار {{PUBLISHED_FA}})</span></p>
{{#OBJECTED}}<div class="notice" role="status"><p>اعتراض شما ثبت شد. نتیجه رسیدگی منطقه از همین صفحه و با پیامک اعلام می‌شود.</p></div>{{/OBJECTED}}
{{#ERROR_BOX}}<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>{{/ERROR_BOX}}
{{#NOT_EVALUATED}}
<section class="card"><p>این دفتر در این دوره ارزیابی نشده است: خوداظهاری ارسال نشد و اطلاعات پیشینی برای رتبه‌بندی نبود. تا زمان گرفتن رتبه، خدمت تازه‌ای به دفتر واگذار نمی‌شود.</p></section>
{{/NOT_EVALUATED}}
{{#SCORED}}
<section class="card result-head" aria-labelledby="rank-heading">
  <h2 id="rank-heading">{{RANK_TEXT}}</h2>
  <p class="result-head__score">امتیاز کل: <strong>{{SCORE_FA}}</strong> <span class="muted">(رتبه ۱ از {{RANK1_FA}} و رتبه ۲ از {{RANK2_FA}} امتیاز)</span></p>
  {{#CHANGED}}<p>پس از رسیدگی به اعتراض تغییر کرد؛ نتیجه نخست: {{FIRST}}.</p>{{/CHANGED}}
  {{#LAST_KNOWN}}<p class="hint">خوداظهاری این دوره ارسال نشد؛ رتبه بر پایه آخرین اطلاعات تأییدشده دفتر است.</p>{{/LAST_KNOWN}}
  {{#NEXT}}<p>برای رسیدن به {{NEXT_RANK}} <strong>{{MISSING_FA}}</strong> امتیاز دیگر لازم است.</p>
  {{/NEXT}}
  {{#TOP}}<p>دفتر در بالاترین رتبه است.</p>{{/TOP}}
</section>
{{#HAS_HEADROOM}}
<section class="card" aria-labelledby="headroom-heading">
  <h2 id="headroom-heading">کجا می‌توان امتیاز گرفت</h2>
  <ul class="headroom">
    {{#HEADROOM}}<li>{{TITLE}}: تا {{POINTS_FA}} امتیاز بیشتر</li>{{/HEADROOM}}
  </ul>
</section>
{{/HAS_HEADROOM}}
<section class="card" aria-labelledby="breakdown-heading">
  <h2 id="breakdown-heading">جزئیات امتیاز</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="جزئیات امتیاز (جدول قابل پیمایش)">
  <table class="table">
    <caption>امتیاز هر شاخص و بازه‌ای که آن را داده است</caption>
    <thead><tr><th scope="col">شاخص</th><th scope="col">مقدار تأییدشده</th><th scope="col">بازه یا گزینه</th><th scope="col">امتیاز</th><th scope="col">بیشترین امتیاز</th></tr></thead>
    {{#BREAKDOWN}}
    <tbody>
      <tr class="table__group"><th scope="rowgroup" colspan="5">{{SECTION_TITLE}}</th></tr>
      {{#LINE}}<tr><th scope="row">{{TITLE}}</th><td>{{VALUE}}</td><td>{{BAND}}</td><td>{{POINTS_FA}}</td><td>{{BEST_FA}}</td></tr>{{/LINE}}
    </tbody>
    {{/BREAKDOWN}}
  </table>
  </div>
  <h3>کسر امتیاز تخلفات</h3>
  {{#NO_DEDUCTIONS}}<p>تخلفی ثبت نشده است.</p>{{/NO_DEDUCTIONS}}
  <ul>
    {{#DEDUCTION}}<li><span dir="ltr">{{TYPE}}</span>: {{COUNT_FA}} بار × {{EACH_FA}} = {{POINTS_FA}}</li>{{/DEDUCTION}}
  </ul>
  <dl class="facts">
    <div class="facts__row"><dt>جمع امتیاز شاخص‌ها</dt><dd>{{CRITERIA_FA}}</dd></div>
    <div class="facts__row"><dt>کسر امتیاز</dt><dd>{{DEDUCTIONS_FA}}</dd></div>
    <div class="facts__row"><dt>امتیاز کل</dt><dd><strong>{{TOTAL_FA}}</strong></dd></div>
  </dl>
</section>
{{/SCORED}}
<section class="card" aria-labelledby="objection-heading">
  <h2 id="objection-heading">اعتراض به رتبه</h2>
  {{#OBJECTION}}
  <dl class="facts">
    <div class="facts__row"><dt>ثبت</dt><dd>{{FILED_FA}}</dd></div>
    <div class="facts__row"><dt>وضعیت</dt><dd>{{STATE}}</dd></div>
    <div class="facts__row"><dt>شاخص‌ها</dt><dd>{{#OBJ_CRIT}}<span class="tag">{{TITLE}}</span> {{/OBJ_CRIT}}</dd></div>
    {{#REASON}}<div class="facts__row"><dt>پاسخ منطقه</dt><dd class="pre-line">{{TEXT}}</dd></div>{{/REASON}}
  </dl>
  <p class="pre-line">{{BODY}}</p>
  {{#ATTACHED}}<div class="notice" role="status"><p>مدرک به اعتراض پیوست شد.</p></div>{{/ATTACHED}}
  <h3>مدارک پیوست</h3>
  {{#NO_FILES}}<p>مدرکی پیوست نشده است.</p>{{/NO_FILES}}
  <ul class="file-list">
    {{#FILE}}<li class="file-list__item"><a href="/objection/{{ID}}/file/{{EV}}"><bdi>{{NAME}}</bdi></a> <span class="muted">{{SIZE_FA}}</span></li>{{/FILE}}
  </ul>
  {{#ATTACH}}
  <form class="form" method="post" action="/result/{{OFFICE_ID}}/objection/upload?round={{ROUND_ID}}" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field">
      <label for="objection-file">افزودن مدرک (PDF، JPEG یا PNG)</label>
      <p class="hint" id="objection-file-hint">تا پایان مهلت اعتراض، حداکثر {{MAX_FA}} مدرک.</p>
      <input id="objection-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby="objection-file-hint" required>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">پیوست مدرک</button></div>
  </form>
  {{/ATTACH}}
  {{/OBJECTION}}
  {{#OBJECT_CLOSED}}<p>{{WHY}}</p>{{/OBJECT_CLOSED}}
  {{#OBJECT_FORM}}
  <p>اگر رتبه با مدارکی که فرستاده‌اید نمی‌خواند، تا پایان روز <span class="date">{{END_FA}}</span> می‌توانید یک بار اعتراض کنید. منطقه مدارک را دوباره بررسی و رتبه نهایی را اعلام می‌کند.</p>
  <form class="form" method="post" action="/result/{{OFFICE_ID}}/objection">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="round" value="{{ROUND_ID}}">
    <fieldset class="field">
      <legend>شاخص‌هایی که اعتراض به آن‌ها مربوط است</legend>
      {{#CRIT}}<div class="check"><input type="checkbox" id="crit-{{CODE}}" name="crit_{{CODE}}" value="1"><label for="crit-{{CODE}}">{{TITLE}}</label></div>{{/CRIT}}
    </fieldset>
    <div class="field">
      <label for="body">متن اعتراض</label>
      <p class="hint" id="body-hint">بنویسید کدام مقدار با کدام مدرک نمی‌خواند (حداکثر {{BODY_MAX_FA}} نویسه).</p>
      <textarea id="body" name="body" rows="6" maxlength="4000" aria-describedby="body-hint" required>{{BODY}}</textarea>
    </div>
    <div class="form__actions"><button type="submit" class="button button--primary">ثبت اعتراض</button></div>
  </form>
  {{/OBJECT_FORM}}
</section>
<section class="card" aria-labelledby="history-heading">
  <h2 id="history-heading">سابقه رتبه‌های دفتر</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="سابقه رتبه‌ها (جدول)">
  <table class="table">
    <caption>رتبه در دوره‌های منتشرشده، تازه‌ترین در بالا</caption>
    <thead><tr><th scope="col">دوره</th><th scope="col">رتبه</th><th scope="col">امتیاز</th></tr></thead>
    <tbody>
    {{#HISTORY}}<tr><th scope="row">{{#LINK}}<a href="{{URL}}">{{ROUND_TITLE}}</a>{{/LINK}}{{#CURRENT}}{{ROUND_TITLE}} (همین صفحه){{/CURRENT}} <span class="muted" dir="ltr">{{ROUND_CODE_FA}}</span></th><td>{{RANK}}</td><td>{{SCORE_FA}}</td></tr>{{/HISTORY}}
    </tbody>
  </table>
  </div>
</section>
