{{%AUTOESCAPE context="HTML"}}
{{!
  One file under the region's review. Dictionary: ID, CSRF_TOKEN, VERSION, ROUND_ID,
  ROUND_TITLE, ROUND_CODE_FA, REVIEW_END_FA; the office: OFFICE_NAME, OFFICE_CODE_FA,
  KIND_LABEL, LICENSE_NO_FA, PROVINCE, CITY, ADDRESS, STAFF_FA, LICENSEE; the file:
  STATE_LABEL, STATE_BADGE, SUBMITTED_FA, TRACKING_FA, RETURNS_FA, DUE (KIND, DUE_FA,
  DUE_LEFT, DUE_PAST), REVIEWED (TEXT), LOCKED (WHY), ERROR_BOX (MESSAGE), NOTICE
  (MESSAGE); repeated SECTION (SECTION_CODE, SECTION_TITLE, SECTION_NO_FA, MARKED
  (REMARK), repeated CRITERION (CRIT_ID, CODE, TITLE, SYSTEM, DECLARED_ROW, DECLARED,
  VERIFY_LABEL, VERIFY_BADGE, VERIFIED (VALUE), NOTE (TEXT), BY (TEXT), FORM (FIELD,
  NOTE, FORM_ERROR (MESSAGE), INVALID, NUMBER (FIELD, VALUE, UNIT (TEXT)), CHOICE
  (FIELD, repeated OPTION (CODE, TITLE, SELECTED))), ASSOCIATION (VALUE, RANGE, BY
  (TEXT), FORM (CODE, VALUE, FORM_ERROR, INVALID))), repeated FILE (OFFICE_ID,
  FILE_ID, NAME, REQUIREMENT, TYPE, SIZE_FA), NO_FILES, CONFIRM_ALL (SECTION_CODE,
  PENDING_FA, FORM_ERROR)); repeated VIOLATION (TITLE, COUNT_FA, POINTS_FA, NOTE, BY,
  REVOKED (BY, REASON), REVOKE (VIOLATION_ID, REASON, FORM_ERROR, INVALID));
  NO_VIOLATIONS; VIOLATION_FORM (OCCURRENCES, NOTE, FORM_ERROR, INVALID, repeated
  TYPE (TYPE_ID, TITLE, POINTS_FA, SELECTED)); SEND_BACK_FORM (DAYS_FA, REMARKS,
  FORM_ERROR, repeated MARK (SECTION_CODE, SECTION_TITLE, CHECKED, REMARK));
  COMPLETE_FORM (PENDING (N_FA) or READY, FORM_ERROR); REOPEN_FORM (REASON,
  FORM_ERROR, INVALID); repeated SEND_BACK (N_FA, REMARKS, CREATED, DUE_FA,
  RESUBMITTED, repeated SB_SECTION (TITLE, REMARK)), NO_SEND_BACKS; repeated PAST
  (ROUND, STATE_LABEL, RANK_FA, SCORE_FA, VIOLATIONS_FA), NO_PAST; repeated
  PAST_VIOLATION (ROUND_FA, TITLE, COUNT_FA, POINTS_FA, NOTE, REVOKED).
  Forms' CSRF_TOKEN, VERSION and ID come from the page's dictionary.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/review?round={{ROUND_ID}}">پرونده‌های منطقه</a> <span aria-hidden="true">›</span> <span>{{OFFICE_NAME}}</span></nav>
<h1 class="page-title">بررسی پرونده {{OFFICE_NAME}} <span class="muted" dir="ltr">{{OFFICE_CODE_FA}}</span></h1>
<p class="lead">{{ROUND_TITLE}} <span class="muted" dir="ltr">({{ROUND_CODE_FA}})</span>؛ پایان بررسی منطقه: پایان روز <span class="date">{{REVIEW_END_FA}}</span></p>
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
{{#ERROR_BOX}}
<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1" autofocus>
  <p id="error-title" class="error-summary__title">{{MESSAGE}}</p>
</div>
{{/ERROR_BOX}}
{{#LOCKED}}<p class="status status--warn">{{WHY}}</p>{{/LOCKED}}

<div class="cards review-head">
  <section class="card" aria-labelledby="office-heading">
    <h2 id="office-heading">دفتر</h2>
    <dl class="facts">
      <div class="facts__row"><dt>نوع</dt><dd>{{KIND_LABEL}}</dd></div>
      <div class="facts__row"><dt>کد دفتر</dt><dd dir="ltr">{{OFFICE_CODE_FA}}</dd></div>
      <div class="facts__row"><dt>شماره پروانه</dt><dd dir="ltr">{{LICENSE_NO_FA}}</dd></div>
      <div class="facts__row"><dt>دارنده پروانه</dt><dd>{{LICENSEE}}</dd></div>
      <div class="facts__row"><dt>استان و شهر</dt><dd>{{PROVINCE}}، {{CITY}}</dd></div>
      <div class="facts__row"><dt>نشانی</dt><dd>{{ADDRESS}}</dd></div>
      <div class="facts__row"><dt>کارکنان</dt><dd>{{STAFF_FA}} نفر</dd></div>
    </dl>
  </section>
  <section class="card" aria-labelledby="file-heading">
    <h2 id="file-heading">پرونده</h2>
    <dl class="facts">
      <div class="facts__row"><dt>وضعیت</dt><dd><span class="badge badge--{{STATE_BADGE}}">{{STATE_LABEL}}</span></dd></div>
      {{#DUE}}<div class="facts__row"><dt>{{KIND}}</dt><dd>پایان روز <span class="date">{{DUE_FA}}</span> <span class="muted">({{DUE_LEFT}})</span></dd></div>{{/DUE}}
      <div class="facts__row"><dt>آخرین ارسال</dt><dd>{{SUBMITTED_FA}}</dd></div>
      <div class="facts__row"><dt>کد رهگیری</dt><dd dir="ltr">{{TRACKING_FA}}</dd></div>
      <div class="facts__row"><dt>دفعات ارجاع برای اصلاح</dt><dd>{{RETURNS_FA}}</dd></div>
      {{#REVIEWED}}<div class="facts__row"><dt>تکمیل بررسی</dt><dd>{{TEXT}}</dd></div>{{/REVIEWED}}
    </dl>
  </section>
</div>

{{#SECTION}}
<section class="card review-section" id="section-{{SECTION_CODE}}" aria-labelledby="section-{{SECTION_CODE}}-heading">
  <h2 id="section-{{SECTION_CODE}}-heading">{{SECTION_NO_FA}}. {{SECTION_TITLE}}</h2>
  {{#MARKED}}<p class="status status--warn">در ارجاع باز برای اصلاح علامت خورده است: {{REMARK}}</p>{{/MARKED}}
  <div class="review-section__body">
    <div class="review-values">
      {{#CRITERION}}
      <div class="review-value" id="criterion-{{CODE}}">
        <h3 class="criterion__title">{{TITLE}}{{#SYSTEM}} <span class="muted">(محاسبه‌شده از اطلاعات دفتر)</span>{{/SYSTEM}}</h3>
        {{#DECLARED_ROW}}
        <dl class="facts">
          <div class="facts__row"><dt>اظهارشده</dt><dd>{{DECLARED}}</dd></div>
          <div class="facts__row"><dt>بررسی</dt><dd><span class="badge badge--{{VERIFY_BADGE}}">{{VERIFY_LABEL}}</span></dd></div>
          {{#VERIFIED}}<div class="facts__row"><dt>مقدار تأییدشده منطقه</dt><dd>{{VALUE}}</dd></div>{{/VERIFIED}}
          {{#NOTE}}<div class="facts__row"><dt>توضیح</dt><dd>{{TEXT}}</dd></div>{{/NOTE}}
          {{#BY}}<div class="facts__row"><dt>بررسی‌کننده</dt><dd>{{TEXT}}</dd></div>{{/BY}}
        </dl>
        {{/DECLARED_ROW}}
        {{#FORM}}
        <form class="form review-verify" method="post" action="/review/file/{{ID}}/verify" novalidate>
          <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="version" value="{{VERSION}}">
          <input type="hidden" name="criterion" value="{{CRIT_ID}}">
          {{#FORM_ERROR}}<p id="{{FIELD}}-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/FORM_ERROR}}
          <div class="form--inline-fields">
            {{#NUMBER}}
            <div class="field">
              <label for="{{FIELD}}">مقدار درست</label>
              <div class="field__row">
                <input class="input--number" id="{{FIELD}}" name="value" type="text" inputmode="decimal" dir="ltr" autocomplete="off" maxlength="20" value="{{VALUE}}"{{#INVALID}} aria-invalid="true" aria-describedby="{{FIELD}}-error"{{/INVALID}}>
                {{#UNIT}}<span class="unit">{{TEXT}}</span>{{/UNIT}}
              </div>
            </div>
            {{/NUMBER}}
            {{#CHOICE}}
            <div class="field">
              <label for="{{FIELD}}">گزینه درست</label>
              <select id="{{FIELD}}" name="value"{{#INVALID}} aria-invalid="true" aria-describedby="{{FIELD}}-error"{{/INVALID}}>
                <option value="">انتخاب کنید</option>
                {{#OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TITLE}}</option>{{/OPTION}}
              </select>
            </div>
            {{/CHOICE}}
            <div class="field">
              <label for="{{FIELD}}-note">توضیح (برای اصلاح الزامی)</label>
              <input id="{{FIELD}}-note" name="note" type="text" maxlength="2000" value="{{NOTE}}">
            </div>
          </div>
          <div class="form__actions">
            <button type="submit" name="decision" value="confirm" class="button button--secondary">تأیید مقدار اظهارشده</button>
            <button type="submit" name="decision" value="correct" class="button button--secondary">ثبت مقدار اصلاح‌شده</button>
          </div>
        </form>
        {{/FORM}}
        {{#ASSOCIATION}}
        <dl class="facts">
          <div class="facts__row"><dt>امتیاز ثبت‌شده</dt><dd>{{VALUE}}</dd></div>
          {{#BY}}<div class="facts__row"><dt>ثبت‌کننده</dt><dd>{{TEXT}}</dd></div>{{/BY}}
        </dl>
        {{#FORM}}
        <form class="form" method="post" action="/review/file/{{ID}}/association" novalidate>
          <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="version" value="{{VERSION}}">
          <input type="hidden" name="criterion" value="{{CRIT_ID}}">
          {{#FORM_ERROR}}<p id="a-{{CODE}}-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/FORM_ERROR}}
          <div class="field">
            <label for="a-{{CODE}}">امتیاز انجمن صنفی استان</label>
            <p class="hint" id="a-{{CODE}}-hint">{{RANGE}}</p>
            <div class="field__row">
              <input class="input--number" id="a-{{CODE}}" name="value" type="text" inputmode="decimal" dir="ltr" autocomplete="off" maxlength="20" value="{{VALUE}}" aria-describedby="a-{{CODE}}-hint{{#INVALID}} a-{{CODE}}-error{{/INVALID}}"{{#INVALID}} aria-invalid="true"{{/INVALID}}>
              <button type="submit" class="button button--secondary">ثبت امتیاز</button>
            </div>
          </div>
        </form>
        {{/FORM}}
        {{/ASSOCIATION}}
      </div>
      {{/CRITERION}}
      {{#CONFIRM_ALL}}
      <form class="form--bare review-confirm-all" method="post" action="/review/file/{{ID}}/confirm-section">
        <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
        <input type="hidden" name="version" value="{{VERSION}}">
        <input type="hidden" name="section" value="{{SECTION_CODE}}">
        {{#FORM_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/FORM_ERROR}}
        <button type="submit" class="button button--secondary">تأیید همه مقادیر بررسی‌نشده این بخش ({{PENDING_FA}})</button>
      </form>
      {{/CONFIRM_ALL}}
    </div>
    <div class="review-evidence">
      <h3>مدارک این بخش</h3>
      <ul class="file-list">
        {{#FILE}}
        <li class="file-list__item">
          <a href="/decl/{{OFFICE_ID}}/file/{{FILE_ID}}" target="_blank" rel="noopener"><bdi>{{NAME}}</bdi></a>
          <span class="muted">{{REQUIREMENT}}؛ {{TYPE}}، {{SIZE_FA}}</span>
        </li>
        {{/FILE}}
      </ul>
      {{#NO_FILES}}<p class="muted">برای این بخش مدرکی بارگذاری نشده است.</p>{{/NO_FILES}}
    </div>
  </div>
</section>
{{/SECTION}}

<section class="card" id="violations" aria-labelledby="violations-heading">
  <h2 id="violations-heading">تخلف‌ها</h2>
  {{#NO_VIOLATIONS}}<p class="muted">تخلفی برای این پرونده ثبت نشده است.</p>{{/NO_VIOLATIONS}}
  <ul class="staff-list">
    {{#VIOLATION}}
    <li class="staff-list__item">
      <p><strong>{{TITLE}}</strong>، {{COUNT_FA}} بار، کسر {{POINTS_FA}} امتیاز</p>
      <p>{{NOTE}}</p>
      <p class="muted">ثبت: {{BY}}</p>
      {{#VFILE}}<p class="file-list__item">مدرک: <a href="/violation/{{VIOLATION_ID}}/file/{{EV}}" target="_blank" rel="noopener"><bdi>{{NAME}}</bdi></a> <span class="muted">{{SIZE_FA}}</span></p>{{/VFILE}}
      {{#VATTACH}}
      <form class="form form--inline-fields" method="post" action="/review/file/{{ID}}/violation/{{VIOLATION_ID}}/upload" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
        <input type="hidden" name="version" value="{{VERSION}}">
        <div class="field">
          <label for="vfile-{{VIOLATION_ID}}">پیوست مدرک تخلف (اختیاری؛ PDF، JPEG یا PNG)</label>
          <input id="vfile-{{VIOLATION_ID}}" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required>
        </div>
        <button type="submit" class="button button--small button--secondary">پیوست</button>
      </form>
      {{/VATTACH}}
      {{#REVOKED}}<p class="status">لغو شده ({{BY}}): {{REASON}}</p>{{/REVOKED}}
      {{#REVOKE}}
      <form class="form form--inline-fields" method="post" action="/review/file/{{ID}}/violation/{{VIOLATION_ID}}/revoke" novalidate>
        <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
        <input type="hidden" name="version" value="{{VERSION}}">
        {{#FORM_ERROR}}<p id="revoke-{{VIOLATION_ID}}-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/FORM_ERROR}}
        <div class="field">
          <label for="revoke-{{VIOLATION_ID}}">دلیل لغو</label>
          <input id="revoke-{{VIOLATION_ID}}" name="reason" type="text" maxlength="2000" value="{{REASON}}"{{#INVALID}} aria-invalid="true" aria-describedby="revoke-{{VIOLATION_ID}}-error"{{/INVALID}}>
        </div>
        <button type="submit" class="button button--small button--secondary">لغو این تخلف</button>
      </form>
      {{/REVOKE}}
    </li>
    {{/VIOLATION}}
  </ul>
  {{#VIOLATION_FORM}}
  <form class="form" method="post" action="/review/file/{{ID}}/violation" novalidate>
    <h3>ثبت تخلف</h3>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="version" value="{{VERSION}}">
    {{#FORM_ERROR}}<p id="violation-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/FORM_ERROR}}
    <div class="field">
      <label for="violation-type">نوع تخلف</label>
      <select id="violation-type" name="type"{{#INVALID}} aria-describedby="violation-error"{{/INVALID}}>
        <option value="">انتخاب کنید</option>
        {{#TYPE}}<option value="{{TYPE_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{TITLE}} (کسر {{POINTS_FA}} امتیاز برای هر بار)</option>{{/TYPE}}
      </select>
    </div>
    <div class="field">
      <label for="violation-count">تعداد دفعات</label>
      <input class="input--number" id="violation-count" name="occurrences" type="text" inputmode="numeric" dir="ltr" maxlength="10" value="{{OCCURRENCES}}">
    </div>
    <div class="field">
      <label for="violation-note">شرح تخلف</label>
      <input id="violation-note" name="note" type="text" maxlength="2000" value="{{NOTE}}">
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">ثبت تخلف</button></div>
  </form>
  {{/VIOLATION_FORM}}
</section>

{{#SEND_BACK_FORM}}
<section class="card" id="send-back" aria-labelledby="send-back-heading">
  <h2 id="send-back-heading">ارجاع به دفتر برای اصلاح</h2>
  <p class="hint">بخش‌هایی را که باید اصلاح شوند علامت بزنید و برای هر کدام بنویسید چه چیزی نادرست است. دارنده پروانه فقط همین بخش‌ها را می‌تواند تغییر دهد و {{DAYS_FA}} روز مهلت دارد؛ پیامک و ایمیل برای او فرستاده می‌شود.</p>
  <form class="form" method="post" action="/review/file/{{ID}}/send-back" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="version" value="{{VERSION}}">
    {{#FORM_ERROR}}<p id="send-back-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/FORM_ERROR}}
    {{#MARK}}
    <fieldset class="fieldset">
      <legend>{{SECTION_TITLE}}</legend>
      <div class="choice">
        <input id="s-{{SECTION_CODE}}" name="s_{{SECTION_CODE}}" type="checkbox" value="1"{{#CHECKED}} checked{{/CHECKED}}>
        <label for="s-{{SECTION_CODE}}">این بخش اصلاح شود</label>
      </div>
      <div class="field">
        <label for="r-{{SECTION_CODE}}">چه چیزی باید اصلاح شود</label>
        <input id="r-{{SECTION_CODE}}" name="r_{{SECTION_CODE}}" type="text" maxlength="2000" value="{{REMARK}}">
      </div>
    </fieldset>
    {{/MARK}}
    <div class="field">
      <label for="remarks">توضیح کلی برای دارنده پروانه</label>
      <input id="remarks" name="remarks" type="text" maxlength="2000" value="{{REMARKS}}">
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">ارجاع برای اصلاح</button></div>
  </form>
</section>
{{/SEND_BACK_FORM}}

{{#COMPLETE_FORM}}
<section class="card" id="complete" aria-labelledby="complete-heading">
  <h2 id="complete-heading">تکمیل بررسی</h2>
  {{#PENDING}}<p class="status status--warn">{{N_FA}} مورد هنوز بررسی نشده است (مقدارهای در انتظار و امتیاز انجمن صنفی).</p>{{/PENDING}}
  {{#READY}}<p class="status">همه مقادیر بررسی شده است. با تکمیل بررسی، پرونده برای منطقه قفل می‌شود.</p>{{/READY}}
  <form class="form--bare" method="post" action="/review/file/{{ID}}/complete">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="version" value="{{VERSION}}">
    {{#FORM_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/FORM_ERROR}}
    <button type="submit" class="button button--primary">تکمیل بررسی و قفل پرونده</button>
  </form>
</section>
{{/COMPLETE_FORM}}

{{#REOPEN_FORM}}
<section class="card" id="reopen" aria-labelledby="reopen-heading">
  <h2 id="reopen-heading">بازگشایی پرونده (ستاد)</h2>
  <form class="form" method="post" action="/review/file/{{ID}}/reopen" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="version" value="{{VERSION}}">
    {{#FORM_ERROR}}<p id="reopen-error" class="field-error"><span class="visually-hidden">خطا: </span>{{MESSAGE}}</p>{{/FORM_ERROR}}
    <div class="field">
      <label for="reopen-reason">دلیل بازگشایی</label>
      <input id="reopen-reason" name="reason" type="text" maxlength="2000" value="{{REASON}}"{{#INVALID}} aria-invalid="true" aria-describedby="reopen-error"{{/INVALID}}>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">بازگشایی پرونده</button></div>
  </form>
</section>
{{/REOPEN_FORM}}

<section class="card" aria-labelledby="send-backs-heading">
  <h2 id="send-backs-heading">سابقه ارجاع برای اصلاح</h2>
  {{#NO_SEND_BACKS}}<p class="muted">این پرونده تاکنون برای اصلاح ارجاع نشده است.</p>{{/NO_SEND_BACKS}}
  <ul class="staff-list">
    {{#SEND_BACK}}
    <li class="staff-list__item">
      <p><strong>ارجاع {{N_FA}}</strong> — {{CREATED}}؛ مهلت: پایان روز <span class="date">{{DUE_FA}}</span>؛ ارسال دوباره: {{RESUBMITTED}}</p>
      <p>{{REMARKS}}</p>
      <ul>
        {{#SB_SECTION}}<li>{{TITLE}}: {{REMARK}}</li>{{/SB_SECTION}}
      </ul>
    </li>
    {{/SEND_BACK}}
  </ul>
</section>

<section class="card" aria-labelledby="history-heading">
  <h2 id="history-heading">سابقه دفتر در دوره‌های پیشین</h2>
  {{#NO_PAST}}<p class="muted">این دفتر در دوره‌های پیشین پرونده‌ای ندارد.</p>{{/NO_PAST}}
  {{#PAST}}
  <dl class="facts">
    <div class="facts__row"><dt>{{ROUND}}</dt><dd>{{STATE_LABEL}}؛ رتبه: {{RANK_FA}}؛ امتیاز: {{SCORE_FA}}؛ تخلف‌ها: {{VIOLATIONS_FA}}</dd></div>
  </dl>
  {{/PAST}}
  <ul class="staff-list">
    {{#PAST_VIOLATION}}
    <li class="staff-list__item">دوره <span dir="ltr">{{ROUND_FA}}</span>: {{TITLE}}، {{COUNT_FA}} بار، کسر {{POINTS_FA}} امتیاز — {{NOTE}}{{#REVOKED}} <span class="badge badge--muted">لغو شده</span>{{/REVOKED}}</li>
    {{/PAST_VIOLATION}}
  </ul>
</section>
