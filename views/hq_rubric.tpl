{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: a round's rubric. Dictionary: ROUND_ID, ROUND_TITLE, ROUND_CODE_FA, CSRF_TOKEN,
  RANK1_FA, RANK2_FA, BEST_TOTAL_FA; DRAFT or FROZEN; ERROR_BOX (MESSAGE); SAVED;
  EMPTY; repeated SECTION (NO_FA, TITLE, CODE, repeated CRITERION (ID, TITLE, CODE,
  KIND, UNIT (TEXT), REQUIRED or OPTIONAL, BEST_FA, EDIT (CSRF_TOKEN,
  REQUIRED_CHECKED), repeated OPTION (ID, TITLE, RANGE, POINTS_FA, EDIT
  (CSRF_TOKEN))), repeated EVIDENCE (ID, TITLE, MIN, MAX, MIN_FA, MAX_FA, EDIT
  (CSRF_TOKEN))); repeated VIOLATION (ID, TITLE, POINTS_FA, MAX_FA, MAX, EDIT
  (CSRF_TOKEN)); a criterion's HELP (TEXT) and EDIT's HELP_VALUE, UNIT_VALUE.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/hq/rounds">دوره‌های ارزیابی</a> <span aria-hidden="true">›</span> <a href="/hq/round/{{ROUND_ID}}">{{ROUND_TITLE}}</a> <span aria-hidden="true">›</span> <span>شاخص‌ها</span></nav>
<h1 class="page-title">شاخص‌های {{ROUND_TITLE}} <span class="muted" dir="ltr">{{ROUND_CODE_FA}}</span></h1>
{{#FROZEN}}<p class="status">این شاخص‌ها با باز شدن دوره قفل شده‌اند و دیگر تغییر نمی‌کنند.</p>{{/FROZEN}}
{{#SAVED}}<div class="notice" role="status"><p>تغییر ذخیره شد.</p></div>{{/SAVED}}
{{#ERROR_BOX}}<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>{{/ERROR_BOX}}
<section class="card" aria-labelledby="thresholds-heading">
  <h2 id="thresholds-heading">آستانه رتبه‌ها</h2>
  <dl class="facts">
    <div class="facts__row"><dt>رتبه ۱ از</dt><dd>{{RANK1_FA}} امتیاز</dd></div>
    <div class="facts__row"><dt>رتبه ۲ از</dt><dd>{{RANK2_FA}} امتیاز (کمتر از آن رتبه ۳)</dd></div>
    <div class="facts__row"><dt>بیشترین امتیاز ممکن</dt><dd>{{BEST_TOTAL_FA}} امتیاز</dd></div>
  </dl>
  {{#DRAFT}}
  <form class="form form--inline-fields" method="post" action="/hq/rubric/{{ROUND_ID}}/thresholds">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field"><label for="rank1">آستانه رتبه ۱</label><input id="rank1" name="rank1" type="text" dir="ltr" inputmode="decimal" maxlength="20" value="{{RANK1_FA}}"></div>
    <div class="field"><label for="rank2">آستانه رتبه ۲</label><input id="rank2" name="rank2" type="text" dir="ltr" inputmode="decimal" maxlength="20" value="{{RANK2_FA}}"></div>
    <div class="form__actions"><button type="submit" class="button button--secondary">ذخیره آستانه‌ها</button></div>
  </form>
  {{/DRAFT}}
</section>
{{#EMPTY}}<p class="status">این دوره هنوز شاخصی ندارد.</p>{{/EMPTY}}
{{#SECTION}}
<section class="card rubric-section" aria-labelledby="section-{{CODE}}">
  <h2 id="section-{{CODE}}">{{NO_FA}}. {{TITLE}}</h2>
  {{#CRITERION}}
  <div class="rubric-criterion">
    <h3 class="rubric-criterion__title">{{TITLE}} <span class="muted">({{KIND}}{{#UNIT}}، {{TEXT}}{{/UNIT}}{{#REQUIRED}}، الزامی{{/REQUIRED}}{{#OPTIONAL}}، اختیاری{{/OPTIONAL}}؛ بیشترین امتیاز {{BEST_FA}})</span></h3>
    {{#HELP}}<p class="hint">{{TEXT}}</p>{{/HELP}}
    {{#EDIT}}
    <form class="form form--inline-fields" method="post" action="/hq/rubric/{{ROUND_ID}}/criterion">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="id" value="{{ID}}">
      <div class="field"><label for="crit-{{ID}}-title">عنوان شاخص</label><input id="crit-{{ID}}-title" name="title" type="text" maxlength="200" value="{{TITLE}}"></div>
      <div class="field"><label for="crit-{{ID}}-help">راهنما</label><input id="crit-{{ID}}-help" name="help" type="text" maxlength="1000" value="{{HELP_VALUE}}"></div>
      <div class="field"><label for="crit-{{ID}}-unit">واحد</label><input id="crit-{{ID}}-unit" name="unit" type="text" maxlength="32" size="8" value="{{UNIT_VALUE}}"></div>
      <div class="choice"><input id="crit-{{ID}}-required" name="required" type="checkbox" value="1"{{#REQUIRED_CHECKED}} checked{{/REQUIRED_CHECKED}}><label for="crit-{{ID}}-required">الزامی</label></div>
      <div class="form__actions"><button type="submit" class="button button--small button--secondary">ذخیره شاخص</button></div>
    </form>
    {{/EDIT}}
    <div class="table-wrap" role="region" aria-label="بازه‌ها و امتیازهای {{TITLE}}" tabindex="0">
    <table class="table table--compact">
      <thead><tr><th scope="col">بازه یا گزینه</th><th scope="col">امتیاز</th></tr></thead>
      <tbody>
      {{#OPTION}}
      <tr>
        <th scope="row">{{TITLE}}</th>
        <td>
          {{POINTS_FA}}
          {{#EDIT}}
          <form class="form--bare form--row" method="post" action="/hq/rubric/{{ROUND_ID}}/option">
            <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
            <input type="hidden" name="id" value="{{ID}}">
            <input type="hidden" name="title" value="{{TITLE}}">
            <label class="visually-hidden" for="opt-{{ID}}">امتیاز {{TITLE}}</label>
            <input id="opt-{{ID}}" name="points" type="text" dir="ltr" inputmode="decimal" maxlength="20" size="6" value="{{POINTS_FA}}">
            <button type="submit" class="button button--small button--secondary">ذخیره</button>
          </form>
          {{/EDIT}}
        </td>
      </tr>
      {{/OPTION}}
      </tbody>
    </table>
    </div>
  </div>
  {{/CRITERION}}
  {{#EVIDENCE}}
  <div class="rubric-evidence">
    <p><strong>مدرک:</strong> {{TITLE}} <span class="muted">(دست‌کم {{MIN_FA}}، حداکثر {{MAX_FA}} فایل)</span></p>
    {{#EDIT}}
    <form class="form--bare form--row" method="post" action="/hq/rubric/{{ROUND_ID}}/evidence">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="id" value="{{ID}}">
      <label for="ev-{{ID}}-min">کمینه</label><input id="ev-{{ID}}-min" name="min" type="text" dir="ltr" inputmode="numeric" size="3" value="{{MIN}}">
      <label for="ev-{{ID}}-max">بیشینه</label><input id="ev-{{ID}}-max" name="max" type="text" dir="ltr" inputmode="numeric" size="3" value="{{MAX}}">
      <button type="submit" class="button button--small button--secondary">ذخیره</button>
    </form>
    {{/EDIT}}
  </div>
  {{/EVIDENCE}}
</section>
{{/SECTION}}
<section class="card" aria-labelledby="violations-heading">
  <h2 id="violations-heading">تخلف‌ها و امتیاز منفی</h2>
  <ul class="staff-list">
  {{#VIOLATION}}
  <li class="staff-list__item">
    <p>{{TITLE}} <span class="muted">({{POINTS_FA}} امتیاز برای هر بار؛ سقف: {{MAX_FA}})</span></p>
    {{#EDIT}}
    <form class="form--bare form--row" method="post" action="/hq/rubric/{{ROUND_ID}}/violation">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="type" value="{{ID}}">
      <label for="vio-{{ID}}-points">امتیاز</label><input id="vio-{{ID}}-points" name="points" type="text" dir="ltr" inputmode="decimal" size="6" value="{{POINTS_FA}}">
      <label for="vio-{{ID}}-max">سقف تعداد</label><input id="vio-{{ID}}-max" name="max_count" type="text" dir="ltr" inputmode="numeric" size="3" value="{{MAX}}">
      <button type="submit" class="button button--small button--secondary">ذخیره</button>
    </form>
    {{/EDIT}}
  </li>
  {{/VIOLATION}}
  </ul>
</section>
