{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: files overdue for review. Dictionary: TODAY_FA, TOTAL_FA; repeated
  REGION_COUNT (REGION, N_FA); TRUNCATED (N_FA); repeated REGION (REGION, REGION_ID,
  repeated ROW (ID, PROVINCE, OFFICE_CODE_FA, OFFICE_NAME, STATE_LABEL, STATE_BADGE,
  ROUND_FA, SUBMITTED_FA, DUE_FA, DUE_LEFT, DUE_PAST)); NONE.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/review">پرونده‌ها</a> <span aria-hidden="true">›</span> <span>عقب‌مانده از بررسی</span></nav>
<h1 class="page-title">پرونده‌های عقب‌مانده از بررسی منطقه</h1>
<p class="lead">پرونده‌های ارسال‌شده دوره‌های در حال بررسی که تا امروز (<span class="date">{{TODAY_FA}}</span>) مهلت بررسی آن‌ها گذشته و هنوز بررسی‌شان تکمیل نشده است.</p>
{{#NONE}}<p class="status">پرونده‌ای از مهلت بررسی عقب نمانده است.</p>{{/NONE}}
<section class="card" aria-labelledby="counts-heading">
  <h2 id="counts-heading">شمار پرونده‌ها در هر منطقه</h2>
  <ul class="counts">
    {{#REGION_COUNT}}<li>{{REGION}}: <strong>{{N_FA}}</strong></li>{{/REGION_COUNT}}
    <li>همه مناطق: <strong>{{TOTAL_FA}}</strong></li>
  </ul>
  {{#TRUNCATED}}<p class="hint">فقط {{N_FA}} پرونده نخست در زیر آمده است.</p>{{/TRUNCATED}}
</section>
{{#REGION}}
<section class="card" aria-labelledby="region-{{REGION_ID}}-heading">
  <h2 id="region-{{REGION_ID}}-heading">{{REGION}}</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="پرونده‌های {{REGION}} (جدول قابل پیمایش)">
  <table class="table">
    <caption>به ترتیب استان و مهلت</caption>
    <thead>
      <tr>
        <th scope="col">استان</th>
        <th scope="col">دفتر</th>
        <th scope="col">دوره</th>
        <th scope="col">وضعیت</th>
        <th scope="col">ارسال</th>
        <th scope="col">مهلت بررسی</th>
      </tr>
    </thead>
    <tbody>
      {{#ROW}}
      <tr>
        <td>{{PROVINCE}}</td>
        <th scope="row"><a href="/review/file/{{ID}}">{{OFFICE_NAME}}</a> <span class="muted" dir="ltr">{{OFFICE_CODE_FA}}</span></th>
        <td dir="ltr">{{ROUND_FA}}</td>
        <td><span class="badge badge--{{STATE_BADGE}}">{{STATE_LABEL}}</span></td>
        <td>{{SUBMITTED_FA}}</td>
        <td><span class="date">{{DUE_FA}}</span> <span class="muted">{{DUE_LEFT}}</span></td>
      </tr>
      {{/ROW}}
    </tbody>
  </table>
  </div>
</section>
{{/REGION}}
