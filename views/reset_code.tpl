{{%AUTOESCAPE context="HTML"}}
{{!
  Enter the one-time code. Dictionary: CSRF_TOKEN, NATIONAL_ID (hidden);
  NOTICE (MESSAGE); ERRORS/ERROR; CODE_ERROR (MESSAGE).
}}
<div class="narrow">
<h1 class="page-title">ورود کد یک‌بارمصرف</h1>
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">کد پذیرفته نشد</h2>
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
  <form class="form" method="post" action="/password/code" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="national_id" value="{{NATIONAL_ID}}">
    <div class="field{{#CODE_ERROR}} field--error{{/CODE_ERROR}}">
      <label for="code">کد شش‌رقمی</label>
      <p id="code-hint" class="hint">کدی که با پیامک یا ایمیل دریافت کرده‌اید؛ ده دقیقه معتبر است و پنج بار می‌توانید آن را وارد کنید.</p>
      {{#CODE_ERROR}}
      <p id="code-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/CODE_ERROR}}
      <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" dir="ltr" spellcheck="false" maxlength="12" required aria-describedby="code-hint{{#CODE_ERROR}} code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">ادامه</button>
      <a href="/password/forgot">درخواست کد تازه</a>
    </div>
  </form>
</div>
</div>
