{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: one office's rank, quota and services. Dictionary: ID, CODE_FA, NAME, PROVINCE,
  CITY_ID, CITY, AVAILABLE_FA, QUOTA_FA, GRANTED_FA; ERROR_BOX (MESSAGE); GRANTED,
  WITHDRAWN; NOT_ACTIVE; RANK (RANK_FA, ROUND_FA, ROUND_TITLE, PCT_FA) or NO_RANK; OVER
  (EXCESS_FA); FULL; repeated HELD (SERVICE_ID, TITLE, AGENCY, CSRF_TOKEN, OFFICE_ID,
  AT_FA, ROUND (ROUND_FA), INACTIVE, NOT_HERE) or NO_HELD; repeated OFFER (SERVICE_ID,
  TITLE, AGENCY, CAN_GRANT (CSRF_TOKEN, OFFICE_ID, SERVICE_ID, TITLE) or CANNOT) or NO_OFFER.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/hq/services">خدمات</a> <span aria-hidden="true">›</span> <span>دفتر {{CODE_FA}}</span></nav>
<h1 class="page-title">خدمات {{NAME}} <span class="muted">{{CODE_FA}}</span></h1>
{{#GRANTED}}<div class="notice" role="status"><p>خدمت به دفتر واگذار شد و به دارنده پروانه پیامک می‌شود.</p></div>{{/GRANTED}}
{{#WITHDRAWN}}<div class="notice" role="status"><p>خدمت از دفتر پس گرفته شد.</p></div>{{/WITHDRAWN}}
{{#ERROR_BOX}}<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>{{/ERROR_BOX}}
{{#NOT_ACTIVE}}<div class="notice" role="status"><p>این دفتر فعال نیست و خدمت تازه‌ای نمی‌گیرد.</p></div>{{/NOT_ACTIVE}}
{{#OVER}}<div class="error-summary" role="alert"><p>این دفتر {{EXCESS_FA}} خدمت بیش از سهمیه کنونی خود دارد؛ تا خدمت‌هایی را پس نگیرید در فهرست <a href="/hq/services/over-quota">دفاتر بیش از سهمیه</a> می‌ماند.</p></div>{{/OVER}}
<section class="card" aria-labelledby="quota-heading">
  <h2 id="quota-heading">رتبه و سهمیه</h2>
  <dl class="facts">
    <div class="facts__row"><dt>محل</dt><dd><a href="/hq/services/city/{{CITY_ID}}">{{CITY}}</a>، استان {{PROVINCE}}</dd></div>
    <div class="facts__row"><dt>رتبه کنونی</dt><dd>{{#RANK}}رتبه {{RANK_FA}} در {{ROUND_TITLE}} <span class="muted">({{ROUND_FA}})</span>{{/RANK}}{{#NO_RANK}}بدون رتبه: تا رتبه نگیرد خدمت تازه‌ای به آن واگذار نمی‌شود{{/NO_RANK}}</dd></div>
    <div class="facts__row"><dt>سهم رتبه</dt><dd>{{#RANK}}{{PCT_FA}} درصد{{/RANK}}{{#NO_RANK}}۰{{/NO_RANK}}</dd></div>
    <div class="facts__row"><dt>خدمت‌های فعال محل</dt><dd>{{AVAILABLE_FA}}</dd></div>
    <div class="facts__row"><dt>سهمیه</dt><dd>{{QUOTA_FA}} خدمت</dd></div>
    <div class="facts__row"><dt>واگذارشده</dt><dd>{{GRANTED_FA}} خدمت</dd></div>
  </dl>
</section>
<section class="card" aria-labelledby="held-heading">
  <h2 id="held-heading">خدمت‌های واگذارشده</h2>
  {{#NO_HELD}}<p>هنوز خدمتی به این دفتر واگذار نشده است.</p>{{/NO_HELD}}
  <div class="table-wrap" role="region" aria-labelledby="held-heading" tabindex="0">
  <table class="table">
    <thead><tr><th scope="col">خدمت</th><th scope="col">دستگاه</th><th scope="col">واگذاری</th><th scope="col">پس گرفتن</th></tr></thead>
    <tbody>
    {{#HELD}}
    <tr>
      <th scope="row">{{TITLE}}
        {{#INACTIVE}}<span class="badge badge--muted">غیرفعال، بیرون از سهمیه</span>{{/INACTIVE}}
        {{#NOT_HERE}}<span class="badge badge--warn">دیگر در محل دفتر ارائه نمی‌شود</span>{{/NOT_HERE}}</th>
      <td>{{AGENCY}}</td>
      <td>{{AT_FA}}{{#ROUND}}<br><span class="muted">بر پایه رتبه دوره {{ROUND_FA}}</span>{{/ROUND}}</td>
      <td>
        <details>
          <summary>پس گرفتن</summary>
          <form class="form" method="post" action="/hq/services/office/{{OFFICE_ID}}/withdraw">
            <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
            <input type="hidden" name="service" value="{{SERVICE_ID}}">
            <div class="field">
              <label for="reason-{{SERVICE_ID}}">دلیل پس گرفتن</label>
              <input id="reason-{{SERVICE_ID}}" name="reason" type="text" maxlength="500" required>
            </div>
            <div class="form__actions"><button type="submit" class="button button--quiet button--small">پس گرفتن<span class="visually-hidden"> {{TITLE}}</span></button></div>
          </form>
        </details>
      </td>
    </tr>
    {{/HELD}}
    </tbody>
  </table>
  </div>
</section>
<section class="card" aria-labelledby="offer-heading">
  <h2 id="offer-heading">خدمت‌های محل که واگذار نشده‌اند</h2>
  {{#FULL}}<p>سهمیه این دفتر پر است؛ خدمت تازه‌ای واگذار نمی‌شود.</p>{{/FULL}}
  {{#NO_OFFER}}<p>خدمت دیگری در محل این دفتر نیست.</p>{{/NO_OFFER}}
  <div class="table-wrap" role="region" aria-labelledby="offer-heading" tabindex="0">
  <table class="table">
    <thead><tr><th scope="col">خدمت</th><th scope="col">دستگاه</th><th scope="col">واگذاری</th></tr></thead>
    <tbody>
    {{#OFFER}}
    <tr>
      <th scope="row">{{TITLE}}</th>
      <td>{{AGENCY}}</td>
      <td>{{#CAN_GRANT}}<form class="form--bare" method="post" action="/hq/services/office/{{OFFICE_ID}}/grant">
        <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
        <input type="hidden" name="service" value="{{SERVICE_ID}}">
        <button type="submit" class="button button--secondary button--small">واگذاری<span class="visually-hidden"> {{TITLE}}</span></button>
      </form>{{/CAN_GRANT}}{{#CANNOT}}<span class="muted">—</span>{{/CANNOT}}</td>
    </tr>
    {{/OFFER}}
    </tbody>
  </table>
  </div>
</section>
