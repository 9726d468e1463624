{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: the service catalogue. Dictionary: CSRF_TOKEN; ERROR_BOX (MESSAGE); notices
  AGENCY_ADDED, ADDED, RENAMED, ACTIVATED, DEACTIVATED; AGENCIES_FA, SERVICES_FA,
  ACTIVE_FA; repeated AGENCY (ID, CODE, NAME, N_FA, NO_SERVICES, repeated SERVICE (ID,
  CODE, TITLE, TITLE_FA, CITIES_FA, GRANTS_FA, CSRF_TOKEN, ACTIVE or INACTIVE)) or
  NO_AGENCIES; repeated AGENCY_OPTION (ID, NAME, SELECTED); the typed values
  AGENCY_CODE, AGENCY_NAME, SERVICE_CODE, SERVICE_TITLE; after an upload IMPORTED
  (AGENCIES_CREATED_FA, AGENCIES_UPDATED_FA, SERVICES_CREATED_FA, SERVICES_UPDATED_FA,
  SERVICES_UNCHANGED_FA, LINKS_ADDED_FA, LINKS_UNCHANGED_FA) or IMPORT_ERRORS (N_FA,
  repeated ERROR (LINE (LINE_FA), FIELD, MESSAGE)).
}}
<h1 class="page-title">خدمات دستگاه‌ها و سهمیه دفاتر</h1>
<nav class="card" aria-label="بخش‌های خدمات">
  <ul class="section-list">
    <li><a href="/hq/services/areas">خدمات هر شهر و روستا</a></li>
    <li><a href="/hq/services/over-quota">دفاتر بیش از سهمیه</a></li>
    <li><a href="/hq/services/offices">دفاتر مجاز به ارائه یک خدمت (نمای دستگاه‌ها)</a></li>
  </ul>
  <form class="form form--row" method="get" action="/hq/services/office">
    <div class="field">
      <label for="office-code">خدمات و سهمیه یک دفتر: کد دفتر</label>
      <input id="office-code" name="code" type="text" dir="ltr" inputmode="numeric" maxlength="16" required>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">نمایش</button></div>
  </form>
</nav>
{{#AGENCY_ADDED}}<div class="notice" role="status"><p>دستگاه ثبت شد.</p></div>{{/AGENCY_ADDED}}
{{#ADDED}}<div class="notice" role="status"><p>خدمت به فهرست افزوده شد. اکنون آن را برای شهرها و روستاها در دسترس کنید.</p></div>{{/ADDED}}
{{#RENAMED}}<div class="notice" role="status"><p>عنوان خدمت ذخیره شد.</p></div>{{/RENAMED}}
{{#ACTIVATED}}<div class="notice" role="status"><p>خدمت فعال شد.</p></div>{{/ACTIVATED}}
{{#DEACTIVATED}}<div class="notice" role="status"><p>خدمت غیرفعال شد: دیگر به دفتری واگذار نمی‌شود و در سهمیه شمرده نمی‌شود.</p></div>{{/DEACTIVATED}}
{{#ERROR_BOX}}<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>{{/ERROR_BOX}}
{{#IMPORT_ERRORS}}<section class="card" aria-labelledby="import-errors-heading">
<h2 id="import-errors-heading">ایرادهای پرونده ({{N_FA}})</h2>
<ul>
  {{#ERROR}}<li>{{#LINE}}سطر {{LINE_FA}}، {{/LINE}}ستون <span dir="ltr">{{FIELD}}</span>: {{MESSAGE}}</li>{{/ERROR}}
</ul></section>{{/IMPORT_ERRORS}}
{{#IMPORTED}}<div class="notice" role="status"><p>پرونده وارد شد. دستگاه‌ها: {{AGENCIES_CREATED_FA}} تازه، {{AGENCIES_UPDATED_FA}} به‌روز شده؛ خدمت‌ها: {{SERVICES_CREATED_FA}} تازه، {{SERVICES_UPDATED_FA}} به‌روز شده، {{SERVICES_UNCHANGED_FA}} بی‌تغییر؛ خدمت شهرها و روستاها: {{LINKS_ADDED_FA}} تازه، {{LINKS_UNCHANGED_FA}} از پیش ثبت‌شده.</p></div>{{/IMPORTED}}
<p class="lead">{{AGENCIES_FA}} دستگاه، {{SERVICES_FA}} خدمت ({{ACTIVE_FA}} فعال). سهمیه هر دفتر سهمی از خدمت‌های فعال شهر یا روستای آن است: رتبه ۱ همه، رتبه ۲ هفتاد و رتبه ۳ سی درصد (سهم‌ها داده هر دوره‌اند).</p>
{{#AGENCY}}
<section class="card" aria-labelledby="agency-{{ID}}">
  <h2 id="agency-{{ID}}">{{NAME}} <span class="muted" dir="ltr">{{CODE}}</span></h2>
  {{#NO_SERVICES}}<p>این دستگاه هنوز خدمتی ندارد.</p>{{/NO_SERVICES}}
  <div class="table-wrap" role="region" aria-label="خدمات {{NAME}}" tabindex="0">
  <table class="table">
    <thead><tr><th scope="col">خدمت</th><th scope="col">کد</th><th scope="col">وضعیت</th><th scope="col">شهر و روستا</th><th scope="col">دفاتر مجاز</th><th scope="col">ویرایش</th></tr></thead>
    <tbody>
    {{#SERVICE}}
    <tr id="service-{{ID}}">
      <th scope="row">{{TITLE_FA}}</th>
      <td dir="ltr">{{CODE}}</td>
      <td>{{#ACTIVE}}<span class="badge badge--ok">فعال</span>{{/ACTIVE}}{{#INACTIVE}}<span class="badge badge--muted">غیرفعال</span>{{/INACTIVE}}</td>
      <td>{{CITIES_FA}}</td>
      <td><a href="/hq/services/offices?service={{ID}}">{{GRANTS_FA}} دفتر</a></td>
      <td>
        <details>
          <summary>ویرایش</summary>
          <form class="form" method="post" action="/hq/services/service/{{ID}}">
            <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
            <div class="field">
              <label for="title-{{ID}}">عنوان خدمت</label>
              <input id="title-{{ID}}" name="title" type="text" maxlength="300" value="{{TITLE}}" required>
            </div>
            <div class="form__actions"><button type="submit" class="button button--secondary button--small">ذخیره عنوان</button></div>
          </form>
          <form class="form--bare" method="post" action="/hq/services/service/{{ID}}/active">
            <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
            {{#ACTIVE}}<input type="hidden" name="active" value="0"><button type="submit" class="button button--quiet button--small">غیرفعال کردن</button>{{/ACTIVE}}
            {{#INACTIVE}}<input type="hidden" name="active" value="1"><button type="submit" class="button button--quiet button--small">فعال کردن</button>{{/INACTIVE}}
          </form>
        </details>
      </td>
    </tr>
    {{/SERVICE}}
    </tbody>
  </table>
  </div>
</section>
{{/AGENCY}}
{{#NO_AGENCIES}}<p>هنوز دستگاهی ثبت نشده است.</p>{{/NO_AGENCIES}}

<section class="card" aria-labelledby="new-service-heading">
  <h2 id="new-service-heading">خدمت تازه</h2>
  <form class="form" method="post" action="/hq/services/service">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field">
      <label for="agency">دستگاه</label>
      <select id="agency" name="agency" required>
        <option value="">برگزینید</option>
        {{#AGENCY_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/AGENCY_OPTION}}
      </select>
    </div>
    <div class="field">
      <label for="service-code">کد خدمت</label>
      <p class="hint" id="service-code-hint">حروف لاتین، رقم، نقطه، خط تیره یا زیرخط؛ مانند nocr.smart-card</p>
      <input id="service-code" name="code" type="text" dir="ltr" maxlength="32" value="{{SERVICE_CODE}}" aria-describedby="service-code-hint" required>
    </div>
    <div class="field">
      <label for="service-title">عنوان خدمت</label>
      <input id="service-title" name="title" type="text" maxlength="300" value="{{SERVICE_TITLE}}" required>
    </div>
    <div class="form__actions"><button type="submit" class="button button--primary">افزودن خدمت</button></div>
  </form>
</section>

<section class="card" aria-labelledby="new-agency-heading">
  <h2 id="new-agency-heading">دستگاه تازه</h2>
  <form class="form" method="post" action="/hq/services/agency">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field">
      <label for="agency-code">کد دستگاه</label>
      <input id="agency-code" name="code" type="text" dir="ltr" maxlength="32" value="{{AGENCY_CODE}}" required>
    </div>
    <div class="field">
      <label for="agency-name">نام دستگاه</label>
      <input id="agency-name" name="name" type="text" maxlength="200" value="{{AGENCY_NAME}}" required>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">افزودن دستگاه</button></div>
  </form>
</section>

<section class="card" aria-labelledby="import-heading">
  <h2 id="import-heading">ورود از پرونده CSV</h2>
  <p class="hint" id="import-hint">UTF-8، با سطر سرآیند <span dir="ltr">agency_code,agency_name,service_code,service_title,city_code</span>؛ هر سطر یک خدمت در یک شهر یا روستا (کد مانند IR-23-001)، یا با city_code خالی فقط خود خدمت. پرونده یا همه‌اش وارد می‌شود یا هیچ؛ ورود دوباره همان پرونده چیزی را تغییر نمی‌دهد. پرونده‌های بزرگ را با فرمان <code dir="ltr">geps services import FILE.csv</code> وارد کنید.</p>
  <form class="form" method="post" action="/hq/services/import" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <div class="field">
      <label for="import-file">پرونده CSV</label>
      <input id="import-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="import-hint" required>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">ورود پرونده</button></div>
  </form>
</section>
