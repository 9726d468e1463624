{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: a new staff account. Dictionary: CSRF_TOKEN, NATIONAL_ID, FIRST_NAME, LAST_NAME,
  MOBILE, EMAIL (kept after an error); ROLE_REVIEWER_CHECKED or ROLE_HQ_CHECKED;
  repeated REGION_OPTION (REGION_ID, REGION_NAME, REGION_SEAT, SELECTED); BUSY when
  the hashing gate timed out; ERRORS/ERROR (FIELD_ID, MESSAGE) for the summary and
  ROLE_ERROR, NATIONAL_ID_ERROR, FIRST_NAME_ERROR, LAST_NAME_ERROR, MOBILE_ERROR,
  EMAIL_ERROR, REGION_ERROR (MESSAGE) for the fields.
}}
<div class="narrow">
<h1 class="page-title">افزودن کارمند</h1>
{{#BUSY}}
<div class="error-summary" role="alert" tabindex="-1" autofocus>
  <p>سامانه موقتاً شلوغ است؛ چند لحظه بعد دوباره تلاش کنید.</p>
</div>
{{/BUSY}}
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">حساب ساخته نشد</h2>
  <ul class="error-summary__list">
    {{#ERROR}}
    <li><a href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>
    {{/ERROR}}
  </ul>
</div>
{{/ERRORS}}
<div class="card">
  <p class="hint">یک رمز یک‌بار مصرف برای کاربر ساخته و با پیامک به شماره همراه او (و به پست الکترونیکی، اگر وارد شود) فرستاده می‌شود. کاربر در نخستین ورود رمز تازه‌ای برمی‌گزیند و عامل دوم را فعال می‌کند.</p>
  <form class="form" method="post" action="/hq/staff/new" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <fieldset class="field fieldset{{#ROLE_ERROR}} field--error{{/ROLE_ERROR}}"{{#ROLE_ERROR}} aria-describedby="role-error"{{/ROLE_ERROR}}>
      <legend>نقش</legend>
      {{#ROLE_ERROR}}
      <p id="role-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/ROLE_ERROR}}
      <div class="choice">
        <input id="role-reviewer" name="role" type="radio" value="reviewer"{{#ROLE_REVIEWER_CHECKED}} checked{{/ROLE_REVIEWER_CHECKED}}>
        <label for="role-reviewer">کارشناس منطقه</label>
      </div>
      <div class="choice">
        <input id="role-hq" name="role" type="radio" value="hq"{{#ROLE_HQ_CHECKED}} checked{{/ROLE_HQ_CHECKED}}>
        <label for="role-hq">ستاد</label>
      </div>
    </fieldset>
    <div class="field{{#NATIONAL_ID_ERROR}} field--error{{/NATIONAL_ID_ERROR}}">
      <label for="national_id">کد ملی</label>
      {{#NATIONAL_ID_ERROR}}
      <p id="national_id-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/NATIONAL_ID_ERROR}}
      <input id="national_id" name="national_id" type="text" inputmode="numeric" autocomplete="off" dir="ltr" spellcheck="false" maxlength="20" value="{{NATIONAL_ID}}" required{{#NATIONAL_ID_ERROR}} aria-describedby="national_id-error" aria-invalid="true"{{/NATIONAL_ID_ERROR}}>
    </div>
    <div class="field{{#FIRST_NAME_ERROR}} field--error{{/FIRST_NAME_ERROR}}">
      <label for="first_name">نام</label>
      {{#FIRST_NAME_ERROR}}
      <p id="first_name-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/FIRST_NAME_ERROR}}
      <input id="first_name" name="first_name" type="text" autocomplete="off" maxlength="100" value="{{FIRST_NAME}}" required{{#FIRST_NAME_ERROR}} aria-describedby="first_name-error" aria-invalid="true"{{/FIRST_NAME_ERROR}}>
    </div>
    <div class="field{{#LAST_NAME_ERROR}} field--error{{/LAST_NAME_ERROR}}">
      <label for="last_name">نام خانوادگی</label>
      {{#LAST_NAME_ERROR}}
      <p id="last_name-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/LAST_NAME_ERROR}}
      <input id="last_name" name="last_name" type="text" autocomplete="off" maxlength="100" value="{{LAST_NAME}}" required{{#LAST_NAME_ERROR}} aria-describedby="last_name-error" aria-invalid="true"{{/LAST_NAME_ERROR}}>
    </div>
    <div class="field{{#MOBILE_ERROR}} field--error{{/MOBILE_ERROR}}">
      <label for="mobile">تلفن همراه</label>
      <p id="mobile-hint" class="hint">یازده رقم که با ۰۹ آغاز می‌شود؛ رمز یک‌بار مصرف به این شماره پیامک می‌شود.</p>
      {{#MOBILE_ERROR}}
      <p id="mobile-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/MOBILE_ERROR}}
      <input id="mobile" name="mobile" type="tel" inputmode="numeric" autocomplete="off" dir="ltr" maxlength="20" value="{{MOBILE}}" required aria-describedby="mobile-hint{{#MOBILE_ERROR}} mobile-error{{/MOBILE_ERROR}}"{{#MOBILE_ERROR}} aria-invalid="true"{{/MOBILE_ERROR}}>
    </div>
    <div class="field{{#EMAIL_ERROR}} field--error{{/EMAIL_ERROR}}">
      <label for="email">پست الکترونیکی (اختیاری)</label>
      {{#EMAIL_ERROR}}
      <p id="email-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/EMAIL_ERROR}}
      <input id="email" name="email" type="email" autocomplete="off" dir="ltr" spellcheck="false" maxlength="254" value="{{EMAIL}}"{{#EMAIL_ERROR}} aria-describedby="email-error" aria-invalid="true"{{/EMAIL_ERROR}}>
    </div>
    <div class="field{{#REGION_ERROR}} field--error{{/REGION_ERROR}}">
      <label for="region">منطقه</label>
      <p id="region-hint" class="hint">فقط برای کارشناس منطقه؛ برای کاربر ستاد خالی بگذارید.</p>
      {{#REGION_ERROR}}
      <p id="region-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/REGION_ERROR}}
      <select id="region" name="region" aria-describedby="region-hint{{#REGION_ERROR}} region-error{{/REGION_ERROR}}"{{#REGION_ERROR}} aria-invalid="true"{{/REGION_ERROR}}>
        <option value="">بدون منطقه</option>
        {{#REGION_OPTION}}
        <option value="{{REGION_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{REGION_NAME}} ({{REGION_SEAT}})</option>
        {{/REGION_OPTION}}
      </select>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">ساخت حساب</button>
      <a href="/hq/staff">بازگشت به فهرست کارکنان</a>
    </div>
  </form>
</div>
</div>
