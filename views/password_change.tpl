{{%AUTOESCAPE context="HTML"}}
{{!
  Password change. Dictionary: CSRF_TOKEN; section FORCED (an initial password is
  being replaced: no current-password field) or CURRENT; ERRORS/ERROR, NOTICE;
  field sections CURRENT_ERROR, PASSWORD_ERROR, REPEAT_ERROR (each MESSAGE).
}}
<div class="narrow">
<h1 class="page-title">تغییر رمز عبور</h1>
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">رمز عبور تغییر نکرد</h2>
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
{{#FORCED}}
<p class="lead">رمز عبور اولیه فقط یک بار پذیرفته می‌شود. برای ادامه، رمز عبور تازه‌ای برگزینید.</p>
{{/FORCED}}
<div class="card">
  <form class="form" method="post" action="/password/change" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
{{#CURRENT}}
    <div class="field{{#CURRENT_ERROR}} field--error{{/CURRENT_ERROR}}">
      <label for="current">رمز عبور فعلی</label>
      {{#CURRENT_ERROR}}
      <p id="current-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/CURRENT_ERROR}}
      <input id="current" name="current" type="password" autocomplete="current-password" dir="ltr" maxlength="1024" required{{#CURRENT_ERROR}} aria-describedby="current-error"{{/CURRENT_ERROR}}{{#CURRENT_ERROR}} aria-invalid="true"{{/CURRENT_ERROR}}>
    </div>
{{/CURRENT}}
    <div class="field{{#PASSWORD_ERROR}} field--error{{/PASSWORD_ERROR}}">
      <label for="password">رمز عبور تازه</label>
      <p id="password-hint" class="hint">دست‌کم ۸ و حداکثر ۱۲۸ نویسه؛ هر نویسه‌ای مجاز است. رمزهای رایج، کد ملی و رمزهای قبلی پذیرفته نمی‌شوند. یک عبارت بلند و به‌یادماندنی بهترین انتخاب است.</p>
      {{#PASSWORD_ERROR}}
      <p id="password-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/PASSWORD_ERROR}}
      <input id="password" name="password" type="password" autocomplete="new-password" dir="ltr" maxlength="1024" required aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
    </div>
    <div class="field{{#REPEAT_ERROR}} field--error{{/REPEAT_ERROR}}">
      <label for="repeat">تکرار رمز عبور تازه</label>
      {{#REPEAT_ERROR}}
      <p id="repeat-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/REPEAT_ERROR}}
      <input id="repeat" name="repeat" type="password" autocomplete="new-password" dir="ltr" maxlength="1024" required{{#REPEAT_ERROR}} aria-describedby="repeat-error"{{/REPEAT_ERROR}}{{#REPEAT_ERROR}} aria-invalid="true"{{/REPEAT_ERROR}}>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">ذخیره رمز تازه</button>
    </div>
  </form>
</div>
</div>
