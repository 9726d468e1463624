{{%AUTOESCAPE context="HTML"}}
{{!
  One section of the declaration. Dictionary: as decl.tpl (OFFICE_ID, OFFICE_NAME,
  ROUND_TITLE, STATE_LABEL, STATE_BADGE, CSRF_TOKEN, VERSION, DEADLINE, LOCKED,
  SEND_BACK), SECTION_CODE, SECTION_TITLE, SECTION_NO_FA, SECTION_COUNT_FA,
  SECTION_HELP (TEXT), PREV/NEXT (CODE), HAS_NEXT, BANNER (MESSAGE), SAVED,
  SECTION_REMARK (TEXT), EDITABLE or NOT_IN_SEND_BACK, ERRORS/ERROR (FIELD_ID, MESSAGE); repeated
  CRITERION (FIELD, TITLE, LABEL_FOR or LABEL_P, HELP (TEXT), RANGE (TEXT), REQUIRED,
  FROM_PREVIOUS, FROM_OFFICE, HAS_ERROR, FIELD_ERROR (MESSAGE), SYSTEM (VALUE,
  OFFICE_ID), REVIEWER, NUMBER (FIELD, VALUE, UNIT (TEXT), DISABLED, INVALID), CHOICES (FIELD,
  repeated OPTION (FIELD, CODE, TITLE, CHECKED, DISABLED))); include EVIDENCE.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/dashboard">میز کار</a> <span aria-hidden="true">›</span> <a href="/decl/{{OFFICE_ID}}">خوداظهاری {{OFFICE_NAME}}</a> <span aria-hidden="true">›</span> <span>{{SECTION_TITLE}}</span></nav>
<p class="step">بخش {{SECTION_NO_FA}} از {{SECTION_COUNT_FA}}</p>
<h1 class="page-title">{{SECTION_TITLE}}</h1>
{{#SECTION_HELP}}<p class="lead">{{TEXT}}</p>{{/SECTION_HELP}}
{{#DEADLINE}}
<p class="deadline-line">{{DEADLINE_KIND}}: تا پایان روز <span class="date">{{DEADLINE_FA}}</span> <span class="muted">({{DAYS_LEFT}})</span></p>
{{/DEADLINE}}
{{#SAVED}}
<div class="notice" role="status"><p>تغییرات ذخیره شد.</p></div>
{{/SAVED}}
{{#UPLOADED}}
<div class="notice" role="status"><p>فایل بارگذاری شد.</p></div>
{{/UPLOADED}}
{{#DELETED}}
<div class="notice" role="status"><p>فایل حذف شد.</p></div>
{{/DELETED}}
{{#BANNER}}
<div class="error-summary" role="alert" aria-labelledby="banner-title" tabindex="-1" autofocus>
  <p id="banner-title" class="error-summary__title">{{MESSAGE}}</p>
  {{#ERRORS}}
  <ul class="error-summary__list">
    {{#ERROR}}
    <li><a href="#{{FIELD_ID}}">{{MESSAGE}}</a></li>
    {{/ERROR}}
  </ul>
  {{/ERRORS}}
</div>
{{/BANNER}}
{{#LOCKED}}
<p class="status">{{WHY_NOT}}</p>
{{/LOCKED}}
{{#SECTION_REMARK}}
<section class="note" aria-labelledby="remark-heading">
  <h2 id="remark-heading">آنچه منطقه در این بخش خواسته است</h2>
  <p class="pre-line">{{TEXT}}</p>
</section>
{{/SECTION_REMARK}}
{{#NOT_IN_SEND_BACK}}
<p class="status">این بخش در ارجاع منطقه برای اصلاح علامت نخورده است و تغییر نمی‌کند.</p>
{{/NOT_IN_SEND_BACK}}
<form class="form card" method="post" action="/decl/{{OFFICE_ID}}/section/{{SECTION_CODE}}" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
  <input type="hidden" name="version" value="{{VERSION}}">
  {{#CRITERION}}
  <div class="field criterion{{#HAS_ERROR}} field--error{{/HAS_ERROR}}">
    {{#LABEL_FOR}}<label for="{{FIELD}}">{{TITLE}}{{#REQUIRED}} <span class="req">(الزامی)</span>{{/REQUIRED}}</label>{{/LABEL_FOR}}
    {{#LABEL_P}}<p class="criterion__title" id="{{FIELD}}-title">{{TITLE}}{{#REQUIRED}} <span class="req">(الزامی)</span>{{/REQUIRED}}</p>{{/LABEL_P}}
    {{#HELP}}<p class="hint" id="{{FIELD}}-hint">{{TEXT}}</p>{{/HELP}}
    {{#RANGE}}<p class="hint">مقدار مجاز: {{TEXT}}</p>{{/RANGE}}
    {{#FROM_PREVIOUS}}<p class="hint hint--prefill">از اطلاعات دوره پیش پر شده است؛ اگر تغییری نکرده، همین را تأیید کنید.</p>{{/FROM_PREVIOUS}}
    {{#FROM_OFFICE}}<p class="hint hint--prefill">از اطلاعات پایه دفتر پر شده است.</p>{{/FROM_OFFICE}}
    {{#FIELD_ERROR}}
    <p id="{{FIELD}}-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>
    {{/FIELD_ERROR}}
    {{#NUMBER}}
    <div class="field__row">
      <input class="input--number" id="{{FIELD}}" name="{{FIELD}}" type="text" inputmode="decimal" dir="ltr" autocomplete="off" maxlength="20" value="{{VALUE}}"{{#DISABLED}} disabled{{/DISABLED}}{{#INVALID}} aria-invalid="true" aria-describedby="{{FIELD}}-error"{{/INVALID}}>
      {{#UNIT}}<span class="unit">{{TEXT}}</span>{{/UNIT}}
    </div>
    {{/NUMBER}}
    {{#CHOICES}}
    <div class="choices" role="radiogroup" aria-labelledby="{{FIELD}}-title">
      {{#OPTION}}
      <div class="choice">
        <input id="{{FIELD}}-{{CODE}}" name="{{FIELD}}" type="radio" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}{{#DISABLED}} disabled{{/DISABLED}}>
        <label for="{{FIELD}}-{{CODE}}">{{TITLE}}</label>
      </div>
      {{/OPTION}}
    </div>
    {{/CHOICES}}
    {{#SYSTEM}}
    <p class="system-value"><strong>{{VALUE}}</strong> <span class="muted">— از اطلاعات دفتر و کارکنان محاسبه می‌شود.</span> <a href="/office-data/{{OFFICE_ID}}">ویرایش اطلاعات دفتر</a></p>
    {{/SYSTEM}}
    {{#REVIEWER}}
    <p class="system-value muted">این مورد را کارشناس منطقه ثبت می‌کند.</p>
    {{/REVIEWER}}
  </div>
  {{/CRITERION}}
  {{#EDITABLE}}
  <div class="form__actions">
    {{#HAS_NEXT}}<button type="submit" name="next" value="next" class="button button--primary">ذخیره و بخش بعد</button>{{/HAS_NEXT}}
    <button type="submit" class="button button--secondary">ذخیره پیش‌نویس</button>
    <button type="submit" name="next" value="summary" class="button button--secondary">ذخیره و بازگشت به خلاصه</button>
  </div>
  {{/EDITABLE}}
</form>
{{>EVIDENCE}}
<nav class="pager pager--sections" aria-label="بخش‌ها">
  {{#PREV}}<a href="/decl/{{OFFICE_ID}}/section/{{CODE}}">بخش قبل</a>{{/PREV}}
  <a href="/decl/{{OFFICE_ID}}">خلاصه پرونده</a>
  {{#NEXT}}<a href="/decl/{{OFFICE_ID}}/section/{{CODE}}">بخش بعد</a>{{/NEXT}}
</nav>
