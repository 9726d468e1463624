{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: the outbox. Dictionary: CSRF_TOKEN, COUNT, FAILED_COUNT; NOTICE (MESSAGE);
  EMPTY or TABLE; repeated ROW (ID, ID_RAW, CHANNEL, RECIPIENT, TEMPLATE, STATE,
  ATTEMPTS, LAST_ERROR, CREATED, NEXT; section FAILED for a re-queue button).
}}
<h1 class="page-title">صف پیامک و ایمیل</h1>
{{#NOTICE}}
<div class="notice" role="status">{{MESSAGE}}</div>
{{/NOTICE}}
<p class="lead">پیام‌هایی که هنوز فرستاده نشده‌اند یا ارسالشان ناموفق بوده است: {{COUNT}} پیام، {{FAILED_COUNT}} ناموفق. متن پیام‌ها نمایش داده نمی‌شود، چون ممکن است کد یک‌بارمصرف داشته باشند.</p>
{{#EMPTY}}
<p>صف خالی است؛ همهٔ پیام‌ها فرستاده شده‌اند.</p>
{{/EMPTY}}
{{#TABLE}}
<div class="table-wrap" tabindex="0" role="region" aria-label="پیام‌های در انتظار (جدول قابل پیمایش)">
<table class="table">
  <caption>پیام‌های در انتظار و ناموفق</caption>
  <thead>
    <tr>
      <th scope="col">شماره</th>
      <th scope="col">نوع</th>
      <th scope="col">گیرنده</th>
      <th scope="col">موضوع</th>
      <th scope="col">وضعیت</th>
      <th scope="col">تلاش‌ها</th>
      <th scope="col">آخرین خطا</th>
      <th scope="col">ثبت</th>
      <th scope="col">تلاش بعدی</th>
      <th scope="col">اقدام</th>
    </tr>
  </thead>
  <tbody>
    {{#ROW}}
    <tr>
      <td>{{ID}}</td>
      <td>{{CHANNEL}}</td>
      <td dir="ltr">{{RECIPIENT}}</td>
      <td dir="ltr">{{TEMPLATE}}</td>
      <td>{{STATE}}</td>
      <td>{{ATTEMPTS}}</td>
      <td dir="ltr">{{LAST_ERROR}}</td>
      <td>{{CREATED}}</td>
      <td>{{NEXT}}</td>
      <td>{{#FAILED}}
        <form method="post" action="/hq/outbox/requeue">
          <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="id" value="{{ID_RAW}}">
          <button type="submit" class="button button--secondary button--small">ارسال دوباره</button>
        </form>
      {{/FAILED}}</td>
    </tr>
    {{/ROW}}
  </tbody>
</table>
</div>
{{/TABLE}}
