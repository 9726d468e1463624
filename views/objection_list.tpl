{{%AUTOESCAPE context="HTML"}}
{{!
  The region's objections. Dictionary: repeated OBJ (ID, STATE, FILED_FA, CODE_FA,
  NAME, PROVINCE, ROUND_FA, RANK, FINAL); NONE.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/review">صف بررسی</a> <span aria-hidden="true">›</span> <span>اعتراض‌ها</span></nav>
<h1 class="page-title">اعتراض‌ها</h1>
<p class="lead">اعتراض‌های دفترهای منطقه، آن‌هایی که در انتظار رسیدگی‌اند در بالا.</p>
{{#NONE}}<p class="status">اعتراضی ثبت نشده است.</p>{{/NONE}}
<div class="table-wrap" tabindex="0" role="region" aria-label="اعتراض‌ها (جدول قابل پیمایش)">
<table class="table">
  <caption>اعتراض‌ها</caption>
  <thead><tr><th scope="col">دفتر</th><th scope="col">استان</th><th scope="col">دوره</th><th scope="col">ثبت</th><th scope="col">رتبه</th><th scope="col">رتبه نهایی</th><th scope="col">وضعیت</th></tr></thead>
  <tbody>
  {{#OBJ}}<tr><th scope="row"><a href="/review/objection/{{ID}}">{{NAME}}</a> <span class="muted" dir="ltr">{{CODE_FA}}</span></th><td>{{PROVINCE}}</td><td dir="ltr">{{ROUND_FA}}</td><td>{{FILED_FA}}</td><td>{{RANK}}</td><td>{{FINAL}}</td><td>{{STATE}}</td></tr>{{/OBJ}}
  </tbody>
</table>
</div>
