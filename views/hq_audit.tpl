{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: the audit log. Dictionary: ACTION, ACTOR, FROM, TO (the filters as typed);
  ERRORS/ERROR (FIELD_ID, MESSAGE) and ACTION_ERROR, ACTOR_ERROR, FROM_ERROR, TO_ERROR
  (MESSAGE); PAGED when not on the newest page; EMPTY; section ROWS with repeated ROW
  (ID_FA, AT_FA, ACTOR, CLIENT_ADDR, ACTION, ENTITY, ENTITY_ID with ENTITY_ID_FA,
  OLD with OLD_JSON, NEW with NEW_JSON); NEXT (BEFORE, ACTION, ACTOR, FROM, TO).
}}
<h1 class="page-title">گزارش رویدادها</h1>
{{#ERRORS}}
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
  <h2 id="error-summary-title" class="error-summary__title">جست‌وجو انجام نشد</h2>
  <ul class="error-summary__list">
    {{#ERROR}}
    <li><a href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>
    {{/ERROR}}
  </ul>
</div>
{{/ERRORS}}
<div class="card">
  <form class="form filters" method="get" action="/hq/audit" novalidate>
    <div class="field{{#ACTION_ERROR}} field--error{{/ACTION_ERROR}}">
      <label for="action">رویداد</label>
      <p id="action-hint" class="hint">نام دقیق رویداد؛ مانند login.ok یا user.create</p>
      {{#ACTION_ERROR}}
      <p id="action-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/ACTION_ERROR}}
      <input id="action" name="action" type="text" dir="ltr" spellcheck="false" autocomplete="off" maxlength="64" value="{{ACTION}}" aria-describedby="action-hint{{#ACTION_ERROR}} action-error{{/ACTION_ERROR}}"{{#ACTION_ERROR}} aria-invalid="true"{{/ACTION_ERROR}}>
    </div>
    <div class="field{{#ACTOR_ERROR}} field--error{{/ACTOR_ERROR}}">
      <label for="actor">کد ملی انجام‌دهنده</label>
      {{#ACTOR_ERROR}}
      <p id="actor-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/ACTOR_ERROR}}
      <input id="actor" name="actor" type="text" inputmode="numeric" dir="ltr" spellcheck="false" autocomplete="off" maxlength="20" value="{{ACTOR}}"{{#ACTOR_ERROR}} aria-describedby="actor-error" aria-invalid="true"{{/ACTOR_ERROR}}>
    </div>
    <div class="field{{#FROM_ERROR}} field--error{{/FROM_ERROR}}">
      <label for="from">از تاریخ</label>
      <p id="from-hint" class="hint">سال/ماه/روز؛ مانند ۱۴۰۵/۰۱/۱۵</p>
      {{#FROM_ERROR}}
      <p id="from-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/FROM_ERROR}}
      <input id="from" name="from" type="text" inputmode="numeric" dir="ltr" autocomplete="off" maxlength="20" value="{{FROM}}" aria-describedby="from-hint{{#FROM_ERROR}} from-error{{/FROM_ERROR}}"{{#FROM_ERROR}} aria-invalid="true"{{/FROM_ERROR}}>
    </div>
    <div class="field{{#TO_ERROR}} field--error{{/TO_ERROR}}">
      <label for="to">تا تاریخ</label>
      <p id="to-hint" class="hint">سال/ماه/روز؛ خود این روز هم در نتیجه می‌آید.</p>
      {{#TO_ERROR}}
      <p id="to-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
      {{/TO_ERROR}}
      <input id="to" name="to" type="text" inputmode="numeric" dir="ltr" autocomplete="off" maxlength="20" value="{{TO}}" aria-describedby="to-hint{{#TO_ERROR}} to-error{{/TO_ERROR}}"{{#TO_ERROR}} aria-invalid="true"{{/TO_ERROR}}>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">جست‌وجو</button>
      <a href="/hq/audit">همه رویدادها</a>
    </div>
  </form>
</div>
{{#PAGED}}
<p><a href="/hq/audit?action={{ACTION:u}}&amp;actor={{ACTOR:u}}&amp;from={{FROM:u}}&amp;to={{TO:u}}">بازگشت به تازه‌ترین رویدادها</a></p>
{{/PAGED}}
{{#EMPTY}}
<p class="status">رویدادی با این مشخصات پیدا نشد.</p>
{{/EMPTY}}
{{#ROWS}}
<div class="table-wrap" tabindex="0" role="region" aria-label="رویدادها (جدول قابل پیمایش)">
<table class="table table--audit">
  <caption>رویدادها، تازه‌ترین در بالا</caption>
  <thead>
    <tr>
      <th scope="col">شماره</th>
      <th scope="col">زمان</th>
      <th scope="col">انجام‌دهنده</th>
      <th scope="col">نشانی اینترنتی</th>
      <th scope="col">رویداد</th>
      <th scope="col">موضوع</th>
      <th scope="col">مقدار پیشین</th>
      <th scope="col">مقدار تازه</th>
    </tr>
  </thead>
  <tbody>
    {{#ROW}}
    <tr>
      <th scope="row">{{ID_FA}}</th>
      <td><span class="date">{{AT_FA}}</span></td>
      <td>{{ACTOR}}</td>
      <td><span dir="ltr">{{CLIENT_ADDR}}</span></td>
      <td><code dir="ltr">{{ACTION}}</code></td>
      <td><span dir="ltr">{{ENTITY}}</span>{{#ENTITY_ID}} {{ENTITY_ID_FA}}{{/ENTITY_ID}}</td>
      <td>{{#OLD}}<pre class="json" dir="ltr">{{OLD_JSON}}</pre>{{/OLD}}</td>
      <td>{{#NEW}}<pre class="json" dir="ltr">{{NEW_JSON}}</pre>{{/NEW}}</td>
    </tr>
    {{/ROW}}
  </tbody>
</table>
</div>
{{/ROWS}}
{{#NEXT}}
<p class="pager"><a class="button button--secondary" href="/hq/audit?before={{BEFORE:u}}&amp;action={{ACTION:u}}&amp;actor={{ACTOR:u}}&amp;from={{FROM:u}}&amp;to={{TO:u}}">رویدادهای قدیمی‌تر</a></p>
{{/NEXT}}
