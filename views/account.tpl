{{%AUTOESCAPE context="HTML"}}
{{!
  The account page. Dictionary: USER_NAME, ROLE_LABEL, NATIONAL_ID_MASKED; sections
  REGION (REGION_NAME), MOBILE (MOBILE_MASKED), EMAIL (EMAIL_MASKED) when present;
  NOTICE_CHANGED and NOTICE_ENDED; section SESSIONS with repeated SESSION
  (CREATED_FA, LAST_SEEN_FA, CLIENT_ADDR, USER_AGENT, and either CURRENT or OTHER
  with SESSION_ID and CSRF_TOKEN).
}}
<h1 class="page-title">حساب کاربری</h1>
{{#NOTICE_CHANGED}}
<div class="notice" role="status"><p>رمز عبور شما تغییر کرد.</p></div>
{{/NOTICE_CHANGED}}
{{#NOTICE_ENDED}}
<div class="notice" role="status"><p>نشست پایان یافت.</p></div>
{{/NOTICE_ENDED}}
<section class="card" aria-labelledby="account-heading">
  <h2 id="account-heading">مشخصات</h2>
  <dl class="facts">
    <div class="facts__row"><dt>نام</dt><dd>{{USER_NAME}}</dd></div>
    <div class="facts__row"><dt>نقش</dt><dd>{{ROLE_LABEL}}</dd></div>
    {{#REGION}}
    <div class="facts__row"><dt>منطقه</dt><dd>{{REGION_NAME}}</dd></div>
    {{/REGION}}
    <div class="facts__row"><dt>کد ملی</dt><dd><span dir="ltr">{{NATIONAL_ID_MASKED}}</span></dd></div>
    {{#MOBILE}}
    <div class="facts__row"><dt>تلفن همراه</dt><dd><span dir="ltr">{{MOBILE_MASKED}}</span></dd></div>
    {{/MOBILE}}
    {{#EMAIL}}
    <div class="facts__row"><dt>پست الکترونیکی</dt><dd><span dir="ltr">{{EMAIL_MASKED}}</span></dd></div>
    {{/EMAIL}}
  </dl>
  <p><a class="button button--secondary" href="/password/change">تغییر رمز عبور</a></p>
</section>
<section class="card" aria-labelledby="sessions-heading">
  <h2 id="sessions-heading">نشست‌های فعال</h2>
  <p class="hint">اگر نشستی را نمی‌شناسید، آن را پایان دهید و رمز عبور خود را تغییر دهید.</p>
  {{#SESSIONS}}
  <div class="table-wrap" tabindex="0" role="region" aria-label="نشست‌های فعال (جدول قابل پیمایش)">
  <table class="table">
    <caption class="visually-hidden">نشست‌های فعال حساب شما</caption>
    <thead>
      <tr>
        <th scope="col">آغاز</th>
        <th scope="col">آخرین فعالیت</th>
        <th scope="col">نشانی اینترنتی</th>
        <th scope="col">مرورگر</th>
        <th scope="col">وضعیت</th>
      </tr>
    </thead>
    <tbody>
      {{#SESSION}}
      <tr>
        <td><span class="date">{{CREATED_FA}}</span></td>
        <td><span class="date">{{LAST_SEEN_FA}}</span></td>
        <td><span dir="ltr">{{CLIENT_ADDR}}</span></td>
        <td class="table__agent"><span dir="ltr">{{USER_AGENT}}</span></td>
        <td>
          {{#CURRENT}}<span class="badge">نشست فعلی</span>{{/CURRENT}}
          {{#OTHER}}
          <form class="form--bare" method="post" action="/account/sessions/end">
            <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
            <input type="hidden" name="id" value="{{SESSION_ID}}">
            <button type="submit" class="button button--secondary button--small">پایان این نشست</button>
          </form>
          {{/OTHER}}
        </td>
      </tr>
      {{/SESSION}}
    </tbody>
  </table>
  </div>
  {{/SESSIONS}}
</section>
