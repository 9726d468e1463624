{{%AUTOESCAPE context="HTML"}}
{{!
  Second-factor enrolment. Dictionary: CSRF_TOKEN, SECRET (base32; also in the QR
  image's URL so a new key never shows a cached picture); ERRORS/ERROR; CODE_ERROR.
}}
<div class="narrow">
<h1 class="page-title">فعال‌سازی ورود دومرحله‌ای</h1>
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">فعال‌سازی انجام نشد</h2>
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
<p class="lead">کارشناسان مناطق و ستاد باید با ورود دومرحله‌ای وارد شوند. یک برنامهٔ احراز هویت (مانند Google Authenticator، Microsoft Authenticator یا FreeOTP) را روی گوشی خود باز کنید و این کد QR را اسکن کنید.</p>
<div class="card">
  <div class="totp-enroll">
    <img class="totp-qr" src="/totp/qr.svg?k={{SECRET}}" alt="کد QR برای افزودن حساب به برنامهٔ احراز هویت" width="220" height="220">
    <p>اگر نمی‌توانید اسکن کنید، این کلید را دستی وارد کنید:</p>
    <p class="totp-secret" dir="ltr"><code>{{SECRET}}</code></p>
  </div>
  <form class="form" method="post" action="/totp/enroll" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field{{#CODE_ERROR}} field--error{{/CODE_ERROR}}">
      <label for="code">کد شش‌رقمی برنامه</label>
      {{#CODE_ERROR}}
      <p id="code-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/CODE_ERROR}}
      <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" dir="ltr" spellcheck="false" maxlength="12" required{{#CODE_ERROR}} aria-describedby="code-error" aria-invalid="true"{{/CODE_ERROR}}>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">تأیید و فعال‌سازی</button>
    </div>
  </form>
</div>
</div>
