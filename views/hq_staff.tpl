{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: the staff accounts. Dictionary: NOTICE_RESET, NOTICE_CREATED; section STAFF with
  repeated MEMBER (NAME, NATIONAL_ID_FA, ROLE_LABEL, REGION, TOTP_ON or TOTP_OFF,
  DISABLED, LAST_LOGIN with LAST_LOGIN_FA or NEVER, USER_ID, CSRF_TOKEN).
}}
<h1 class="page-title">کارکنان</h1>
{{#NOTICE_RESET}}
<div class="notice" role="status"><p>عامل دوم کاربر بازنشانی شد و نشست‌های او پایان یافت. او در ورود بعدی باید عامل دوم را دوباره فعال کند.</p></div>
{{/NOTICE_RESET}}
{{#NOTICE_CREATED}}
<div class="notice" role="status"><p>حساب تازه ساخته شد و رمز یک‌بار مصرف آن با پیامک (و پست الکترونیکی، اگر داده شده بود) فرستاده می‌شود.</p></div>
{{/NOTICE_CREATED}}
<p class="actions"><a class="button button--primary" href="/hq/staff/new">افزودن کارمند</a> <a class="button button--secondary" href="/hq/audit">گزارش رویدادها</a></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="کارشناسان و ستاد (جدول قابل پیمایش)">
<table class="table">
  <caption>کارشناسان مناطق و کاربران ستاد</caption>
  <thead>
    <tr>
      <th scope="col">نام</th>
      <th scope="col">کد ملی</th>
      <th scope="col">نقش</th>
      <th scope="col">منطقه</th>
      <th scope="col">عامل دوم</th>
      <th scope="col">آخرین ورود</th>
      <th scope="col"><span class="visually-hidden">عملیات</span></th>
    </tr>
  </thead>
  <tbody>
    {{#STAFF}}
    {{#MEMBER}}
    <tr>
      <th scope="row">{{NAME}}{{#DISABLED}} <span class="badge badge--muted">غیرفعال</span>{{/DISABLED}}</th>
      <td><span dir="ltr">{{NATIONAL_ID_FA}}</span></td>
      <td>{{ROLE_LABEL}}</td>
      <td>{{REGION}}</td>
      <td>{{#TOTP_ON}}فعال{{/TOTP_ON}}{{#TOTP_OFF}}<span class="badge badge--muted">فعال نشده</span>{{/TOTP_OFF}}</td>
      <td>{{#LAST_LOGIN}}<span class="date">{{LAST_LOGIN_FA}}</span>{{/LAST_LOGIN}}{{#NEVER}}هنوز وارد نشده{{/NEVER}}</td>
      <td>
        <form class="form--bare" method="post" action="/hq/staff/totp-reset">
          <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="id" value="{{USER_ID}}">
          <button type="submit" class="button button--secondary button--small" aria-label="بازنشانی عامل دوم {{NAME}}">بازنشانی عامل دوم</button>
        </form>
      </td>
    </tr>
    {{/MEMBER}}
    {{/STAFF}}
  </tbody>
</table>
</div>
