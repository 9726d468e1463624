{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: the results of a round. Dictionary: ID, TITLE, CODE_FA, STATE, END_FA,
  REVIEW_END_FA, CSRF_TOKEN; ERROR_BOX (MESSAGE); CLOSED, RANKED, PUBLISHED,
  FINALIZED; CAN_CLOSE, CAN_RANK, CAN_PUBLISH, CAN_FINAL; repeated COUNT (STATE,
  N_FA); RESULTS with CHART_NATION, CHART_REGIONS, CHART_PROVINCES (HEIGHT;
  repeated BAR (Y, LABEL, TOTAL_FA; repeated SEG (X, W, CLASS))), NATION_ROW,
  REGION_ROW, PROVINCE_ROW (LABEL, N1_FA..N0_FA, P1_FA..P3_FA, TOTAL_FA),
  NO_PREVIOUS, CHANGES (PREV_CODE_FA, UP_FA, DOWN_FA, OTHER_FA; TRUNCATED (MAX_FA);
  repeated CHANGED (CODE_FA, NAME, PROVINCE, BEFORE, AFTER, DIRECTION)).
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/hq/rounds">دوره‌های ارزیابی</a> <span aria-hidden="true">›</span> <a href="/hq/round/{{ID}}">{{TITLE}}</a> <span aria-hidden="true">›</span> <span>نتایج</span></nav>
<h1 class="page-title">نتایج {{TITLE}} <span class="muted" dir="ltr">{{CODE_FA}}</span></h1>
{{#CLOSED}}<div class="notice" role="status"><p>خوداظهاری بسته شد و پرونده‌ها در اختیار مناطق است.</p></div>{{/CLOSED}}
{{#RANKED}}<div class="notice" role="status"><p>همه دفترها امتیازدهی و رتبه‌بندی شدند. پیش از انتشار، نتایج را بازبینی کنید.</p></div>{{/RANKED}}
{{#PUBLISHED}}<div class="notice" role="status"><p>نتایج منتشر شد و به دارندگان پروانه اطلاع داده شد. مهلت اعتراض آغاز شد.</p></div>{{/PUBLISHED}}
{{#FINALIZED}}<div class="notice" role="status"><p>رتبه‌های نهایی منتشر شد.</p></div>{{/FINALIZED}}
{{#ERROR_BOX}}<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>{{/ERROR_BOX}}
<section class="card" aria-labelledby="state-heading">
  <h2 id="state-heading">وضعیت</h2>
  <dl class="facts">
    <div class="facts__row"><dt>وضعیت دوره</dt><dd>{{STATE}}</dd></div>
    <div class="facts__row"><dt>پایان خوداظهاری</dt><dd><span class="date">{{END_FA}}</span></dd></div>
    <div class="facts__row"><dt>پایان بررسی مناطق</dt><dd><span class="date">{{REVIEW_END_FA}}</span></dd></div>
  </dl>
  <ul class="counts">
    {{#COUNT}}<li>{{STATE}}: {{N_FA}}</li>{{/COUNT}}
  </ul>
  <div class="actions-row">
  {{#CAN_CLOSE}}
  <form method="post" action="/hq/round/{{ID}}/close" class="form--bare">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button button--secondary">پایان خوداظهاری و آغاز بررسی مناطق</button>
  </form>
  {{/CAN_CLOSE}}
  {{#CAN_RANK}}
  <form method="post" action="/hq/round/{{ID}}/rank" class="form--bare">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button button--secondary">محاسبه امتیاز و رتبه همه دفترها</button>
  </form>
  {{/CAN_RANK}}
  {{#CAN_PUBLISH}}
  <form method="post" action="/hq/round/{{ID}}/publish" class="form--bare">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button button--primary">انتشار نتایج</button>
  </form>
  {{/CAN_PUBLISH}}
  {{#CAN_FINAL}}
  <form method="post" action="/hq/round/{{ID}}/final" class="form--bare">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button button--primary">انتشار رتبه‌های نهایی</button>
  </form>
  {{/CAN_FINAL}}
  </div>
</section>
{{#RESULTS}}
<section class="card" aria-labelledby="dist-heading">
  <h2 id="dist-heading">توزیع رتبه‌ها</h2>
  <p><a href="/hq/round/{{ID}}/export.csv">دریافت نتایج با جزئیات امتیاز (CSV)</a> · <a href="/hq/round/{{ID}}/export.xlsx">دریافت نتایج (اکسل)</a></p>
  <ul class="legend" aria-hidden="true">
    <li><span class="swatch bar--r1"></span>رتبه ۱</li>
    <li><span class="swatch bar--r2"></span>رتبه ۲</li>
    <li><span class="swatch bar--r3"></span>رتبه ۳</li>
    <li><span class="swatch bar--none"></span>ارزیابی نشده</li>
  </ul>
  <h3>کل کشور</h3>
  {{#CHART_NATION}}<svg class="chart" viewBox="0 0 600 {{HEIGHT}}" role="img" aria-label="توزیع رتبه‌ها در کل کشور؛ ارقام در جدول زیر">{{#BAR}}<g transform="translate(0 {{Y}})"><text x="596" y="16" direction="rtl" text-anchor="start">{{LABEL}}</text>{{#SEG}}<rect class="{{CLASS}}" x="{{X}}" y="2" width="{{W}}" height="16"/>{{/SEG}}</g>{{/BAR}}</svg>{{/CHART_NATION}}
  <div class="table-wrap" tabindex="0" role="region" aria-label="توزیع کشوری (جدول)">
  <table class="table">
    <caption>کل کشور</caption>
    <thead><tr><th scope="col">گستره</th><th scope="col">رتبه ۱</th><th scope="col">رتبه ۲</th><th scope="col">رتبه ۳</th><th scope="col">ارزیابی نشده</th><th scope="col">جمع</th></tr></thead>
    <tbody>{{#NATION_ROW}}<tr><th scope="row">{{LABEL}}</th><td>{{N1_FA}} ({{P1_FA}})</td><td>{{N2_FA}} ({{P2_FA}})</td><td>{{N3_FA}} ({{P3_FA}})</td><td>{{N0_FA}}</td><td>{{TOTAL_FA}}</td></tr>{{/NATION_ROW}}</tbody>
  </table>
  </div>
  <h3>مناطق</h3>
  {{#CHART_REGIONS}}<svg class="chart" viewBox="0 0 600 {{HEIGHT}}" role="img" aria-label="توزیع رتبه‌ها در مناطق نه‌گانه؛ ارقام در جدول زیر">{{#BAR}}<g transform="translate(0 {{Y}})"><text x="596" y="16" direction="rtl" text-anchor="start">{{LABEL}}</text>{{#SEG}}<rect class="{{CLASS}}" x="{{X}}" y="2" width="{{W}}" height="16"/>{{/SEG}}</g>{{/BAR}}</svg>{{/CHART_REGIONS}}
  <div class="table-wrap" tabindex="0" role="region" aria-label="توزیع در مناطق (جدول)">
  <table class="table">
    <caption>مناطق</caption>
    <thead><tr><th scope="col">منطقه</th><th scope="col">رتبه ۱</th><th scope="col">رتبه ۲</th><th scope="col">رتبه ۳</th><th scope="col">ارزیابی نشده</th><th scope="col">جمع</th></tr></thead>
    <tbody>{{#REGION_ROW}}<tr><th scope="row">{{LABEL}}</th><td>{{N1_FA}} ({{P1_FA}})</td><td>{{N2_FA}} ({{P2_FA}})</td><td>{{N3_FA}} ({{P3_FA}})</td><td>{{N0_FA}}</td><td>{{TOTAL_FA}}</td></tr>{{/REGION_ROW}}</tbody>
  </table>
  </div>
  <h3>استان‌ها</h3>
  {{#CHART_PROVINCES}}<svg class="chart" viewBox="0 0 600 {{HEIGHT}}" role="img" aria-label="توزیع رتبه‌ها در استان‌ها؛ ارقام در جدول زیر">{{#BAR}}<g transform="translate(0 {{Y}})"><text x="596" y="16" direction="rtl" text-anchor="start">{{LABEL}}</text>{{#SEG}}<rect class="{{CLASS}}" x="{{X}}" y="2" width="{{W}}" height="16"/>{{/SEG}}</g>{{/BAR}}</svg>{{/CHART_PROVINCES}}
  <div class="table-wrap" tabindex="0" role="region" aria-label="توزیع در استان‌ها (جدول)">
  <table class="table">
    <caption>استان‌ها</caption>
    <thead><tr><th scope="col">استان</th><th scope="col">رتبه ۱</th><th scope="col">رتبه ۲</th><th scope="col">رتبه ۳</th><th scope="col">ارزیابی نشده</th><th scope="col">جمع</th></tr></thead>
    <tbody>{{#PROVINCE_ROW}}<tr><th scope="row">{{LABEL}}</th><td>{{N1_FA}} ({{P1_FA}})</td><td>{{N2_FA}} ({{P2_FA}})</td><td>{{N3_FA}} ({{P3_FA}})</td><td>{{N0_FA}}</td><td>{{TOTAL_FA}}</td></tr>{{/PROVINCE_ROW}}</tbody>
  </table>
  </div>
</section>
<section class="card" aria-labelledby="changes-heading">
  <h2 id="changes-heading">تغییر رتبه نسبت به دوره قبل</h2>
  {{#NO_PREVIOUS}}<p>دوره منتشرشده‌ای پیش از این دوره نیست.</p>{{/NO_PREVIOUS}}
  {{#CHANGES}}
  <p>در مقایسه با دوره <span dir="ltr">{{PREV_CODE_FA}}</span>: {{UP_FA}} دفتر ارتقا، {{DOWN_FA}} دفتر تنزل، و {{OTHER_FA}} دفتر بدون رتبه در یکی از دو دوره.</p>
  {{#TRUNCATED}}<p class="hint">فقط {{MAX_FA}} ردیف نخست نمایش داده می‌شود؛ فهرست کامل در فایل خروجی است.</p>{{/TRUNCATED}}
  <div class="table-wrap" tabindex="0" role="region" aria-label="دفترهای با تغییر رتبه (جدول قابل پیمایش)">
  <table class="table">
    <caption>دفترهای با تغییر رتبه، تنزل‌ها در بالا</caption>
    <thead><tr><th scope="col">کد دفتر</th><th scope="col">نام</th><th scope="col">استان</th><th scope="col">دوره قبل</th><th scope="col">این دوره</th><th scope="col">تغییر</th></tr></thead>
    <tbody>
    {{#CHANGED}}<tr><td dir="ltr">{{CODE_FA}}</td><td>{{NAME}}</td><td>{{PROVINCE}}</td><td>{{BEFORE}}</td><td>{{AFTER}}</td><td>{{DIRECTION}}</td></tr>{{/CHANGED}}
    </tbody>
  </table>
  </div>
  {{/CHANGES}}
</section>
{{/RESULTS}}
