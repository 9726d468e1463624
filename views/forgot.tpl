{{%AUTOESCAPE context="HTML"}}
{{!
  Forgot password: asks for the national ID only. Dictionary: CSRF_TOKEN,
  NATIONAL_ID; ERRORS/ERROR; NATIONAL_ID_ERROR (MESSAGE).
}}
<div class="narrow">
<h1 class="page-title">فراموشی رمز عبور</h1>
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">درخواست انجام نشد</h2>
  <ul class="error-summary__list">
    {{#ERROR}}
    <li><a href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>
    {{/ERROR}}
  </ul>
</div>
{{/ERRORS}}
{{#NOTICE}}
<div class="notice" role="status">{{MESSAGE}}</div>
{{/NOTICE}}
<p class="lead">کد ملی خود را وارد کنید. اگر این کد ملی در سامانه حساب داشته باشد، یک کد یک‌بارمصرف به شماره همراه و ایمیل ثبت‌شده فرستاده می‌شود.</p>
<div class="card">
  <form class="form" method="post" action="/password/forgot" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field{{#NATIONAL_ID_ERROR}} field--error{{/NATIONAL_ID_ERROR}}">
      <label for="national_id">کد ملی</label>
      <p id="national_id-hint" class="hint">ارقام فارسی یا انگلیسی هر دو پذیرفته می‌شوند.</p>
      {{#NATIONAL_ID_ERROR}}
      <p id="national_id-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/NATIONAL_ID_ERROR}}
      <input id="national_id" name="national_id" type="text" inputmode="numeric" autocomplete="username" dir="ltr" spellcheck="false" maxlength="20" value="{{NATIONAL_ID}}" required aria-describedby="national_id-hint{{#NATIONAL_ID_ERROR}} national_id-error{{/NATIONAL_ID_ERROR}}"{{#NATIONAL_ID_ERROR}} aria-invalid="true"{{/NATIONAL_ID_ERROR}}>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">فرستادن کد</button>
      <a href="/login">بازگشت به ورود</a>
    </div>
  </form>
</div>
</div>
