{{%AUTOESCAPE context="HTML"}}
{{!
  The region's queue of files. Dictionary: HQ (HQ's links); NO_ROUND or HAS_ROUND;
  ROUND_TITLE, ROUND_CODE_FA, ROUND_STATE, REVIEW_END_FA, WINDOW_OPEN or
  WINDOW_CLOSED; repeated ROUND_OPTION (ID, LABEL, SELECTED); repeated COUNT (LABEL,
  N_FA, URL), ALL_FA; ROUND_ID; repeated PROVINCE_OPTION (ID, NAME, SELECTED);
  CITY_FIELD (repeated CITY_OPTION (ID, NAME, SELECTED)); repeated STATE_OPTION and
  RANK_OPTION (KEY, LABEL, SELECTED); NO_PREV_ROUND; Q; ERROR_BOX (MESSAGE);
  RESULT_FA; repeated ROW (ID, OFFICE_CODE_FA, OFFICE_NAME, PROVINCE, CITY,
  STATE_LABEL, STATE_BADGE, DUE_FA, DUE_LEFT, DUE_PAST, SUBMITTED_FA, RETURNS_FA,
  PREV_RANK_FA, LICENSEE) inside ROWS; NO_ROWS; PAGER (PAGE_FA, PAGES_FA, PREV (URL), NEXT (URL)).
}}
<h1 class="page-title">پرونده‌های منطقه</h1>
{{#HQ}}<p><a href="/hq/review/overdue">پرونده‌هایی که مهلت بررسی آن‌ها گذشته است</a></p>{{/HQ}}
{{#NO_ROUND}}
<p class="status">در حال حاضر دوره‌ای در مرحله بررسی یا پس از آن نیست.</p>
{{/NO_ROUND}}
{{#HAS_ROUND}}
{{#ERROR_BOX}}
<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>
{{/ERROR_BOX}}
<section class="card" aria-labelledby="round-heading">
  <h2 id="round-heading">{{ROUND_TITLE}} <span class="muted" dir="ltr">{{ROUND_CODE_FA}}</span></h2>
  <dl class="facts">
    <div class="facts__row"><dt>مرحله دوره</dt><dd>{{ROUND_STATE}}</dd></div>
    <div class="facts__row"><dt>پایان بررسی منطقه</dt><dd>پایان روز <span class="date">{{REVIEW_END_FA}}</span></dd></div>
  </dl>
  {{#WINDOW_OPEN}}<p class="status">بررسی پرونده‌ها تا پایان مهلت بالا باز است.</p>{{/WINDOW_OPEN}}
  {{#WINDOW_CLOSED}}<p class="status status--warn">مهلت بررسی این دوره باز نیست؛ پرونده‌ها فقط قابل مشاهده‌اند.</p>{{/WINDOW_CLOSED}}
  <ul class="review-counts">
    <li><a href="/review?round={{ROUND_ID}}">همه پرونده‌های ارسال‌شده</a></li>
    {{#COUNT}}<li><a href="{{URL}}">{{LABEL}}: <strong>{{N_FA}}</strong></a></li>{{/COUNT}}
    <li>کل پرونده‌ها: <strong>{{ALL_FA}}</strong></li>
  </ul>
</section>
<div class="card">
  <form class="form filters" method="get" action="/review">
    <div class="field">
      <label for="round">دوره</label>
      <select id="round" name="round">
        {{#ROUND_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ROUND_OPTION}}
      </select>
    </div>
    <div class="field">
      <label for="province">استان</label>
      <select id="province" name="province">
        <option value="">همه استان‌های منطقه</option>
        {{#PROVINCE_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/PROVINCE_OPTION}}
      </select>
    </div>
    {{#CITY_FIELD}}
    <div class="field">
      <label for="city">شهر یا روستا</label>
      <select id="city" name="city">
        <option value="">همه</option>
        {{#CITY_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/CITY_OPTION}}
      </select>
    </div>
    {{/CITY_FIELD}}
    <div class="field">
      <label for="state">وضعیت پرونده</label>
      <select id="state" name="state">
        {{#STATE_OPTION}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATE_OPTION}}
      </select>
    </div>
    <div class="field">
      <label for="rank">رتبه دوره پیش</label>
      <select id="rank" name="rank" aria-describedby="rank-hint">
        {{#RANK_OPTION}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/RANK_OPTION}}
      </select>
      <p id="rank-hint" class="hint">رتبه منتشرشده آخرین دوره پیش از این دوره.{{#NO_PREV_ROUND}} دوره منتشرشده‌ای پیش از این دوره نیست.{{/NO_PREV_ROUND}}</p>
    </div>
    <div class="field">
      <label for="q">جست‌وجو</label>
      <input id="q" name="q" type="search" dir="ltr" autocomplete="off" maxlength="40" value="{{Q}}" aria-describedby="q-hint">
      <p id="q-hint" class="hint">کد دفتر، شماره پروانه یا کد ملی دارنده پروانه</p>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--primary">نمایش</button>
    </div>
  </form>
</div>
<p class="status">{{RESULT_FA}} پرونده، به ترتیب فوریت (نزدیک‌ترین مهلت در بالا)</p>
{{#NO_ROWS}}<p class="status">پرونده‌ای با این مشخصات پیدا نشد.</p>{{/NO_ROWS}}
{{#ROWS}}
<div class="table-wrap" tabindex="0" role="region" aria-label="صف پرونده‌ها (جدول قابل پیمایش)">
<table class="table">
  <caption>صف پرونده‌ها</caption>
  <thead>
    <tr>
      <th scope="col">دفتر</th>
      <th scope="col">استان و شهر</th>
      <th scope="col">وضعیت</th>
      <th scope="col">مهلت</th>
      <th scope="col">ارسال</th>
      <th scope="col">ارجاع‌ها</th>
      <th scope="col">رتبه پیشین</th>
      <th scope="col">دارنده پروانه</th>
    </tr>
  </thead>
  <tbody>
    {{#ROW}}
    <tr>
      <th scope="row"><a href="/review/file/{{ID}}">{{OFFICE_NAME}}</a> <span class="muted" dir="ltr">{{OFFICE_CODE_FA}}</span></th>
      <td>{{PROVINCE}}، {{CITY}}</td>
      <td><span class="badge badge--{{STATE_BADGE}}">{{STATE_LABEL}}</span></td>
      <td><span class="date">{{DUE_FA}}</span> <span class="muted{{#DUE_PAST}} status--warn{{/DUE_PAST}}">{{DUE_LEFT}}</span></td>
      <td>{{SUBMITTED_FA}}</td>
      <td>{{RETURNS_FA}}</td>
      <td>{{PREV_RANK_FA}}</td>
      <td>{{LICENSEE}}</td>
    </tr>
    {{/ROW}}
  </tbody>
</table>
</div>
{{/ROWS}}
{{#PAGER}}
<nav class="pager" aria-label="صفحه‌ها">
  {{#PREV}}<a href="{{URL}}" rel="prev">صفحه پیش</a>{{/PREV}}
  <span>صفحه {{PAGE_FA}} از {{PAGES_FA}}</span>
  {{#NEXT}}<a href="{{URL}}" rel="next">صفحه بعد</a>{{/NEXT}}
</nav>
{{/PAGER}}
{{/HAS_ROUND}}
