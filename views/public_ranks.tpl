{{%AUTOESCAPE context="HTML"}}
{{!
  The published list of a province. Dictionary: NO_ROUNDS when nothing is public
  yet; else FORM (repeated ROUND_OPTION (CODE, CODE_FA, TITLE, SELECTED), repeated
  PROVINCE_OPTION (ID, NAME, SELECTED), NO_PROVINCE_OPTION), the round (ROUND_CODE,
  ROUND_CODE_FA, ROUND_TITLE, ROUND_STATE_LABEL, PUBLISHED_FA, FINAL_DATE
  (FINAL_PUBLISHED_FA)), PROVINCE_ID, and CHOOSE (no province yet) or LIST
  (PROVINCE, TOTAL_FA, repeated COUNT (LABEL, COUNT_FA), then EMPTY, PAST_END
  (PAGES_FA) or TABLE (PAGE_FA, PAGES_FA, repeated ROW (ROW_FA, CODE, CODE_FA,
  NAME, KIND_LABEL, CITY, RANK_LABEL)) and PAGER (PREV (PAGE), NEXT (PAGE),
  repeated PAGE_LINK (PAGE_FA, IS_CURRENT or LINK (PAGE), or GAP))).
}}
<h1 class="page-title">رتبه‌های منتشرشده دفاتر</h1>
{{#NO_ROUNDS}}
<p class="status">هنوز نتایج هیچ دوره‌ای منتشر نشده است.</p>
{{/NO_ROUNDS}}
{{#FORM}}
<section class="card no-print" aria-labelledby="ranks-form-heading">
  <h2 id="ranks-form-heading">دوره و استان را انتخاب کنید</h2>
  <form class="form form--inline-fields" method="get" action="/ranks">
    <div class="field">
      <label for="ranks-round">دوره ارزیابی</label>
      <select id="ranks-round" name="round">
        {{#ROUND_OPTION}}
        <option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TITLE}}</option>
        {{/ROUND_OPTION}}
      </select>
    </div>
    <div class="field">
      <label for="ranks-province">استان</label>
      <select id="ranks-province" name="province">
        {{#NO_PROVINCE_OPTION}}
        <option value="" selected disabled>یک استان را انتخاب کنید</option>
        {{/NO_PROVINCE_OPTION}}
        {{#PROVINCE_OPTION}}
        <option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
        {{/PROVINCE_OPTION}}
      </select>
    </div>
    <div class="form__actions">
      <button type="submit" class="button button--secondary">نمایش فهرست</button>
    </div>
  </form>
</section>
<p class="round__title">{{ROUND_TITLE}} <span class="round__code">(دوره <span dir="ltr">{{ROUND_CODE_FA}}</span>)</span></p>
<dl class="facts">
  <div class="facts__row"><dt>وضعیت رتبه‌ها</dt><dd>{{ROUND_STATE_LABEL}}</dd></div>
  <div class="facts__row"><dt>تاریخ انتشار</dt><dd><span class="date">{{PUBLISHED_FA}}</span></dd></div>
  {{#FINAL_DATE}}
  <div class="facts__row"><dt>تاریخ انتشار رتبه نهایی</dt><dd><span class="date">{{FINAL_PUBLISHED_FA}}</span></dd></div>
  {{/FINAL_DATE}}
</dl>
{{/FORM}}
{{#CHOOSE}}
<p class="status">برای دیدن رتبه دفاتر، یک استان را انتخاب کنید. رتبه هر دفتر را با کد آن در <a href="/verify">صفحه استعلام</a> هم می‌توانید ببینید.</p>
{{/CHOOSE}}
{{#LIST}}
<section aria-labelledby="list-heading">
  <h2 id="list-heading">دفاتر استان {{PROVINCE}}</h2>
  <ul class="rank-counts" aria-label="شمار دفاتر هر رتبه">
    <li class="rank-counts__item"><span class="rank-counts__label">همه دفاتر</span> <span class="rank-counts__n">{{TOTAL_FA}}</span></li>
    {{#COUNT}}
    <li class="rank-counts__item"><span class="rank-counts__label">{{LABEL}}</span> <span class="rank-counts__n">{{COUNT_FA}}</span></li>
    {{/COUNT}}
  </ul>
  {{#EMPTY}}
  <p class="status">در این دوره دفتری از این استان رتبه‌بندی نشده است.</p>
  {{/EMPTY}}
  {{#PAST_END}}
  <p class="status status--warn">این صفحه وجود ندارد: فهرست این استان {{PAGES_FA}} صفحه دارد. <a href="/ranks?round={{ROUND_CODE:u}}&amp;province={{PROVINCE_ID}}">صفحه نخست فهرست</a></p>
  {{/PAST_END}}
  {{#TABLE}}
  <div class="table-wrap" role="region" aria-labelledby="ranks-caption" tabindex="0">
  <table class="table">
    <caption id="ranks-caption">رتبه دفاتر استان {{PROVINCE}}، به ترتیب رتبه و کد دفتر (صفحه {{PAGE_FA}} از {{PAGES_FA}})</caption>
    <thead><tr><th scope="col">ردیف</th><th scope="col">کد دفتر</th><th scope="col">نام دفتر</th><th scope="col">نوع</th><th scope="col">شهر یا روستا</th><th scope="col">رتبه</th></tr></thead>
    <tbody>
    {{#ROW}}
    <tr><td>{{ROW_FA}}</td><td><a href="/verify?code={{CODE:u}}" dir="ltr">{{CODE_FA}}</a></td><th scope="row">{{NAME}}</th><td>{{KIND_LABEL}}</td><td>{{CITY}}</td><td>{{RANK_LABEL}}</td></tr>
    {{/ROW}}
    </tbody>
  </table>
  </div>
  {{/TABLE}}
  {{#PAGER}}
  <nav class="pager pager--pages no-print" aria-label="صفحه‌های فهرست">
    <ul class="pager__list">
      {{#PREV}}<li><a href="/ranks?round={{ROUND_CODE:u}}&amp;province={{PROVINCE_ID}}&amp;page={{PAGE}}" rel="prev">صفحه قبل</a></li>{{/PREV}}
      {{#PAGE_LINK}}
      <li>{{#LINK}}<a href="/ranks?round={{ROUND_CODE:u}}&amp;province={{PROVINCE_ID}}&amp;page={{PAGE}}">{{PAGE_FA}}</a>{{/LINK}}{{#IS_CURRENT}}<span aria-current="page">{{PAGE_FA}}</span>{{/IS_CURRENT}}{{#GAP}}<span aria-hidden="true">…</span>{{/GAP}}</li>
      {{/PAGE_LINK}}
      {{#NEXT}}<li><a href="/ranks?round={{ROUND_CODE:u}}&amp;province={{PROVINCE_ID}}&amp;page={{PAGE}}" rel="next">صفحه بعد</a></li>{{/NEXT}}
    </ul>
  </nav>
  {{/PAGER}}
</section>
{{/LIST}}
