{{%AUTOESCAPE context="HTML"}}
{{!
  Login page. Dictionary: CSRF_TOKEN, NATIONAL_ID (kept after an error); NOTICE
  (MESSAGE) for a success message; section
  ERRORS with repeated section ERROR (FIELD_ID, MESSAGE) for the summary; sections
  NATIONAL_ID_ERROR and PASSWORD_ERROR, each with MESSAGE, for the fields.
  FIELD_ID is the id of the control: national_id or password.
}}
<div class="narrow">
<h1 class="page-title">ورود به سامانه</h1>
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">ورود انجام نشد</h2>
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
<div class="card">
  <form class="form" method="post" action="/login" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field{{#NATIONAL_ID_ERROR}} field--error{{/NATIONAL_ID_ERROR}}">
      <label for="national_id">کد ملی</label>
      <p id="national_id-hint" class="hint">کد ملی ده‌رقمی دارنده پروانه؛ ارقام فارسی یا انگلیسی هر دو پذیرفته می‌شوند.</p>
      {{#NATIONAL_ID_ERROR}}
      <p id="national_id-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/NATIONAL_ID_ERROR}}
      <input id="national_id" name="national_id" type="text" inputmode="numeric" autocomplete="username" dir="ltr" spellcheck="false" maxlength="20" value="{{NATIONAL_ID}}" required aria-describedby="national_id-hint{{#NATIONAL_ID_ERROR}} national_id-error{{/NATIONAL_ID_ERROR}}"{{#NATIONAL_ID_ERROR}} aria-invalid="true"{{/NATIONAL_ID_ERROR}}>
    </div>
    <div class="field{{#PASSWORD_ERROR}} field--error{{/PASSWORD_ERROR}}">
      <label for="password">رمز عبور</label>
      {{#PASSWORD_ERROR}}
      <p id="password-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/PASSWORD_ERROR}}
      <input id="password" name="password" type="password" autocomplete="current-password" dir="ltr" maxlength="128" required{{#PASSWORD_ERROR}} aria-describedby="password-error" aria-invalid="true"{{/PASSWORD_ERROR}}>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">ورود</button>
      <a href="/password/forgot">فراموشی رمز عبور</a>
    </div>
  </form>
</div>
<div class="note">
  <h2>رمز عبور اولیه</h2>
  <p>رمز عبور اولیه همان است که سازمان برای شما فرستاده یا اعلام کرده است (کدی که پیامک شده، یا به روال پیشین سازمان کد ملی یا کد ملی همراه با <span dir="ltr">@Cra</span>). این رمز فقط یک بار پذیرفته می‌شود و باید در نخستین ورود آن را به رمزی تازه تغییر دهید.</p>
</div>
</div>
