{{%AUTOESCAPE context="HTML"}}
{{!
  The licensee's office data. Dictionary: OFFICE_ID, OFFICE_NAME, OFFICE_CODE_FA,
  LICENSE_NO_FA, PROVINCE, CITY, KIND_LABEL, CSRF_TOKEN, ADDRESS, POSTAL_CODE, PHONE,
  OPENING_HOURS, AREA, RAMP, LIFT, TOILET, PRIORITY_COUNTER; EDITABLE or READONLY and LOCKED
  (WHY_NOT); SAVED; ERRORS (repeated ERROR (MESSAGE)); repeated STAFF (ID,
  NATIONAL_ID_FA, FIRST_NAME, LAST_NAME, JOB_TITLE, INSURED_LABEL, DISABLED_LABEL,
  EDIT (CSRF_TOKEN, INSURED, DISABLED)) or NO_STAFF; NEW_NATIONAL_ID, NEW_FIRST_NAME,
  NEW_LAST_NAME, NEW_JOB_TITLE.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/dashboard">میز کار</a> <span aria-hidden="true">›</span> <span>اطلاعات {{OFFICE_NAME}}</span></nav>
<h1 class="page-title">اطلاعات دفتر و کارکنان</h1>
<p class="lead">{{OFFICE_NAME}} <span class="muted">(کد <span dir="ltr">{{OFFICE_CODE_FA}}</span>)</span></p>
{{#SAVED}}<div class="notice" role="status"><p>تغییرات ذخیره شد.</p></div>{{/SAVED}}
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">تغییرات ذخیره نشد</h2>
  <ul class="error-summary__list">{{#ERROR}}<li>{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>
{{/ERRORS}}
{{#LOCKED}}<p class="status">{{WHY_NOT}}</p>{{/LOCKED}}
<section class="card" aria-labelledby="registry-heading">
  <h2 id="registry-heading">اطلاعات پروانه</h2>
  <dl class="facts">
    <div class="facts__row"><dt>نوع دفتر</dt><dd>{{KIND_LABEL}}</dd></div>
    <div class="facts__row"><dt>شماره پروانه</dt><dd><span dir="ltr">{{LICENSE_NO_FA}}</span></dd></div>
    <div class="facts__row"><dt>استان</dt><dd>{{PROVINCE}}</dd></div>
    <div class="facts__row"><dt>شهر یا روستا</dt><dd>{{CITY}}</dd></div>
  </dl>
  <p class="hint">برای تغییر این موارد با منطقه خود تماس بگیرید.</p>
</section>
<section class="card" aria-labelledby="base-heading">
  <h2 id="base-heading">اطلاعات پایه</h2>
  <form class="form" method="post" action="/office-data/{{OFFICE_ID}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <fieldset class="fieldset-plain"{{#READONLY}} disabled{{/READONLY}}>
    <div class="field"><label for="address">نشانی</label><input id="address" name="address" type="text" maxlength="500" value="{{ADDRESS}}"></div>
    <div class="field"><label for="postal_code">کد پستی</label><input id="postal_code" name="postal_code" type="text" dir="ltr" inputmode="numeric" maxlength="12" value="{{POSTAL_CODE}}"></div>
    <div class="field"><label for="phone">تلفن</label><input id="phone" name="phone" type="text" dir="ltr" inputmode="tel" maxlength="15" value="{{PHONE}}"></div>
    <div class="field"><label for="opening_hours">ساعات کار</label><input id="opening_hours" name="opening_hours" type="text" maxlength="200" value="{{OPENING_HOURS}}"></div>
    <div class="field"><label for="area">مساحت (متر مربع)</label><input id="area" name="area" type="text" dir="ltr" inputmode="numeric" maxlength="6" value="{{AREA}}"></div>
    <fieldset class="fieldset">
      <legend>امکانات دسترسی جانبازان، معلولان و سالمندان</legend>
      <div class="choice"><input id="ramp" name="ramp" type="checkbox" value="1"{{#RAMP}} checked{{/RAMP}}><label for="ramp">رمپ ورودی</label></div>
      <div class="choice"><input id="lift" name="lift" type="checkbox" value="1"{{#LIFT}} checked{{/LIFT}}><label for="lift">آسانسور</label></div>
      <div class="choice"><input id="toilet" name="toilet" type="checkbox" value="1"{{#TOILET}} checked{{/TOILET}}><label for="toilet">سرویس بهداشتی مناسب</label></div>
      <div class="choice"><input id="priority_counter" name="priority_counter" type="checkbox" value="1"{{#PRIORITY_COUNTER}} checked{{/PRIORITY_COUNTER}}><label for="priority_counter">باجه ویژه</label></div>
    </fieldset>
    {{#EDITABLE}}<div class="form__actions"><button type="submit" class="button button--primary">ذخیره اطلاعات پایه</button></div>{{/EDITABLE}}
    </fieldset>
  </form>
</section>
<section class="card" aria-labelledby="staff-heading">
  <h2 id="staff-heading">کارکنان دفتر</h2>
  {{#NO_STAFF}}<p class="muted">هنوز کارمندی ثبت نشده است.</p>{{/NO_STAFF}}
  <ul class="staff-list">
  {{#STAFF}}
  <li class="staff-list__item">
    <p><strong>{{FIRST_NAME}} {{LAST_NAME}}</strong> <span class="muted">— {{JOB_TITLE}}، کد ملی <span dir="ltr">{{NATIONAL_ID_FA}}</span>، بیمه: {{INSURED_LABEL}}، معلولیت: {{DISABLED_LABEL}}</span></p>
    {{#EDIT}}
    <form class="form form--inline-fields" method="post" action="/office-data/{{OFFICE_ID}}/staff/{{ID}}">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <div class="field"><label for="s{{ID}}-first">نام</label><input id="s{{ID}}-first" name="first_name" type="text" maxlength="100" value="{{FIRST_NAME}}"></div>
      <div class="field"><label for="s{{ID}}-last">نام خانوادگی</label><input id="s{{ID}}-last" name="last_name" type="text" maxlength="100" value="{{LAST_NAME}}"></div>
      <div class="field"><label for="s{{ID}}-job">سمت</label><input id="s{{ID}}-job" name="job_title" type="text" maxlength="100" value="{{JOB_TITLE}}"></div>
      <div class="choice"><input id="s{{ID}}-ins" name="insured" type="checkbox" value="1"{{#INSURED}} checked{{/INSURED}}><label for="s{{ID}}-ins">بیمه دارد</label></div>
      <div class="choice"><input id="s{{ID}}-dis" name="disabled" type="checkbox" value="1"{{#DISABLED}} checked{{/DISABLED}}><label for="s{{ID}}-dis">دارای معلولیت</label></div>
      <div class="form__actions"><button type="submit" class="button button--small button--secondary">ذخیره</button></div>
    </form>
    <form class="form--bare" method="post" action="/office-data/{{OFFICE_ID}}/staff/{{ID}}/remove">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <button type="submit" class="button button--small button--secondary">حذف از فهرست<span class="visually-hidden"> {{FIRST_NAME}} {{LAST_NAME}}</span></button>
    </form>
    {{/EDIT}}
  </li>
  {{/STAFF}}
  </ul>
  {{#EDITABLE}}
  <h3>افزودن کارمند</h3>
  <form class="form form--inline-fields" method="post" action="/office-data/{{OFFICE_ID}}/staff/add" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field"><label for="new-nid">کد ملی</label><input id="new-nid" name="national_id" type="text" dir="ltr" inputmode="numeric" maxlength="20" value="{{NEW_NATIONAL_ID}}"></div>
    <div class="field"><label for="new-first">نام</label><input id="new-first" name="first_name" type="text" maxlength="100" value="{{NEW_FIRST_NAME}}"></div>
    <div class="field"><label for="new-last">نام خانوادگی</label><input id="new-last" name="last_name" type="text" maxlength="100" value="{{NEW_LAST_NAME}}"></div>
    <div class="field"><label for="new-job">سمت</label><input id="new-job" name="job_title" type="text" maxlength="100" value="{{NEW_JOB_TITLE}}"></div>
    <div class="choice"><input id="new-ins" name="insured" type="checkbox" value="1"><label for="new-ins">بیمه دارد</label></div>
    <div class="choice"><input id="new-dis" name="disabled" type="checkbox" value="1"><label for="new-dis">دارای معلولیت</label></div>
    <div class="form__actions"><button type="submit" class="button button--secondary">افزودن</button></div>
  </form>
  {{/EDITABLE}}
</section>
