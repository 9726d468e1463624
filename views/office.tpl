{{%AUTOESCAPE context="HTML"}}
{{!
  One office's base data. Dictionary: OFFICE_NAME, OFFICE_CODE_FA, KIND_LABEL,
  LICENSE_NO_FA, PROVINCE, REGION, CITY, CITY_KIND_LABEL, ADDRESS, LICENSEE_NAME.
  Numbers arrive with Persian digits.
}}
<h1 class="page-title">{{OFFICE_NAME}}</h1>
<p class="lead">{{KIND_LABEL}}</p>
<section class="card" aria-labelledby="office-base-heading">
  <h2 id="office-base-heading">اطلاعات پایه دفتر</h2>
  <dl class="facts">
    <div class="facts__row"><dt>کد دفتر</dt><dd><span dir="ltr">{{OFFICE_CODE_FA}}</span></dd></div>
    <div class="facts__row"><dt>نوع دفتر</dt><dd>{{KIND_LABEL}}</dd></div>
    <div class="facts__row"><dt>نام دفتر</dt><dd>{{OFFICE_NAME}}</dd></div>
    <div class="facts__row"><dt>شماره پروانه</dt><dd><span dir="ltr">{{LICENSE_NO_FA}}</span></dd></div>
    <div class="facts__row"><dt>استان</dt><dd>{{PROVINCE}} <span class="muted">({{REGION}})</span></dd></div>
    <div class="facts__row"><dt>{{CITY_KIND_LABEL}}</dt><dd>{{CITY}}</dd></div>
    <div class="facts__row"><dt>نشانی</dt><dd>{{ADDRESS}}</dd></div>
    <div class="facts__row"><dt>دارنده پروانه</dt><dd>{{LICENSEE_NAME}}</dd></div>
  </dl>
</section>
