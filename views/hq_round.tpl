{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: one round. Dictionary: ID, CODE_FA, TITLE, STATE, START_FA, END_FA,
  REVIEW_END_FA, CORRECTION_FA, OBJECTION_FA, CRITERIA_FA, CSRF_TOKEN; ERROR_BOX
  (MESSAGE); CREATED, OPENED, EXTENDED; CAN_OPEN, CAN_EXTEND, CAN_EXTEND_OFFICE;
  repeated COUNT (STATE, N_FA).
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/hq/rounds">دوره‌های ارزیابی</a> <span aria-hidden="true">›</span> <span>{{TITLE}}</span></nav>
<h1 class="page-title">{{TITLE}} <span class="muted" dir="ltr">{{CODE_FA}}</span></h1>
{{#CREATED}}<div class="notice" role="status"><p>دوره ساخته شد. شاخص‌ها را بازبینی و سپس دوره را باز کنید.</p></div>{{/CREATED}}
{{#OPENED}}<div class="notice" role="status"><p>دوره برای خوداظهاری باز شد و شاخص‌های آن قفل شد.</p></div>{{/OPENED}}
{{#EXTENDED}}<div class="notice" role="status"><p>مهلت تمدید شد.</p></div>{{/EXTENDED}}
{{#ERROR_BOX}}<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>{{/ERROR_BOX}}
<section class="card" aria-labelledby="windows-heading">
  <h2 id="windows-heading">بازه‌ها</h2>
  <dl class="facts">
    <div class="facts__row"><dt>وضعیت</dt><dd>{{STATE}}</dd></div>
    <div class="facts__row"><dt>خوداظهاری</dt><dd><span class="date">{{START_FA}}</span> تا پایان روز <span class="date">{{END_FA}}</span></dd></div>
    <div class="facts__row"><dt>پایان بررسی مناطق</dt><dd><span class="date">{{REVIEW_END_FA}}</span></dd></div>
    <div class="facts__row"><dt>مهلت اصلاح</dt><dd>{{CORRECTION_FA}} روز</dd></div>
    <div class="facts__row"><dt>مهلت اعتراض</dt><dd>{{OBJECTION_FA}} روز</dd></div>
    <div class="facts__row"><dt>شاخص‌ها</dt><dd><a href="/hq/rubric/{{ID}}">{{CRITERIA_FA}} شاخص</a></dd></div>
    {{#HAS_RESULTS}}<div class="facts__row"><dt>نتایج</dt><dd><a href="/hq/round/{{ID}}/results">پایان خوداظهاری، رتبه‌بندی، انتشار و خروجی‌ها</a></dd></div>{{/HAS_RESULTS}}
  </dl>
  <ul class="counts">
    {{#COUNT}}<li>{{STATE}}: {{N_FA}}</li>{{/COUNT}}
  </ul>
</section>
{{#CAN_OPEN}}
<section class="card" aria-labelledby="open-heading">
  <h2 id="open-heading">باز کردن دوره</h2>
  <p>با باز شدن دوره، دارندگان پروانه می‌توانند خوداظهاری کنند و شاخص‌ها دیگر تغییر نمی‌کند. در هر زمان فقط یک دوره باز است.</p>
  <form method="post" action="/hq/round/{{ID}}/open" class="form--bare">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button button--primary">باز کردن دوره برای خوداظهاری</button>
  </form>
</section>
{{/CAN_OPEN}}
{{#CAN_EXTEND}}
<section class="card" aria-labelledby="extend-heading">
  <h2 id="extend-heading">تمدید مهلت خوداظهاری برای همه</h2>
  <form class="form" method="post" action="/hq/round/{{ID}}/extend">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field">
      <label for="to">پایان تازه خوداظهاری</label>
      <p class="hint" id="to-hint">پایان بررسی مناطق هم به همان اندازه جلو می‌رود.</p>
      <input id="to" name="to" type="text" dir="ltr" inputmode="numeric" maxlength="20" aria-describedby="to-hint" required>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">تمدید برای همه</button></div>
  </form>
</section>
{{/CAN_EXTEND}}
{{#CAN_EXTEND_OFFICE}}
<section class="card" aria-labelledby="extend-office-heading">
  <h2 id="extend-office-heading">تمدید مهلت برای یک دفتر</h2>
  <form class="form" method="post" action="/hq/round/{{ID}}/extend">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field">
      <label for="office">کد دفتر</label>
      <input id="office" name="office" type="text" dir="ltr" inputmode="numeric" maxlength="16" required>
    </div>
    <div class="field">
      <label for="office-to">پایان تازه برای این دفتر</label>
      <input id="office-to" name="to" type="text" dir="ltr" inputmode="numeric" maxlength="20" required>
    </div>
    <div class="field">
      <label for="reason">دلیل</label>
      <input id="reason" name="reason" type="text" maxlength="1000" required>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">تمدید برای این دفتر</button></div>
  </form>
</section>
{{/CAN_EXTEND_OFFICE}}
