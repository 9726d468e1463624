{{%AUTOESCAPE context="HTML"}}
{{!
  Second-factor prompt. Dictionary: CSRF_TOKEN; ERRORS/ERROR; CODE_ERROR (MESSAGE).
}}
<div class="narrow">
<h1 class="page-title">ورود دومرحله‌ای</h1>
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
<p class="lead">کد شش‌رقمی‌ای را که برنامهٔ احراز هویت گوشی شما نشان می‌دهد وارد کنید.</p>
<div class="card">
  <form class="form" method="post" action="/totp" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field{{#CODE_ERROR}} field--error{{/CODE_ERROR}}">
      <label for="code">کد شش‌رقمی برنامه</label>
      {{#CODE_ERROR}}
      <p id="code-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/CODE_ERROR}}
      <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" dir="ltr" spellcheck="false" maxlength="12" required{{#CODE_ERROR}} aria-describedby="code-error" aria-invalid="true"{{/CODE_ERROR}}>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">ورود</button>
    </div>
  </form>
</div>
</div>
