{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: the services of one city or village, one form per agency. Dictionary: ID, CODE,
  NAME, KIND, COUNTY, PROVINCE_ID, PROVINCE, AVAILABLE_FA; ERROR_BOX (MESSAGE); SAVED;
  NO_SERVICES; repeated AGENCY (ID, NAME, CSRF_TOKEN, CITY_ID, repeated SERVICE (ID,
  CODE, TITLE, CITY_ID, CHECKED), repeated INACTIVE (TITLE, AVAILABLE)).
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/hq/services">خدمات</a> <span aria-hidden="true">›</span> <a href="/hq/services/areas?province={{PROVINCE_ID}}">استان {{PROVINCE}}</a> <span aria-hidden="true">›</span> <span>{{KIND}} {{NAME}}</span></nav>
<h1 class="page-title">خدمات {{KIND}} {{NAME}} <span class="muted" dir="ltr">{{CODE}}</span></h1>
{{#SAVED}}<div class="notice" role="status"><p>خدمت‌های این دستگاه در {{KIND}} {{NAME}} ذخیره شد.</p></div>{{/SAVED}}
{{#ERROR_BOX}}<div class="error-summary" role="alert" tabindex="-1" autofocus><p>{{MESSAGE}}</p></div>{{/ERROR_BOX}}
<p class="lead">شهرستان {{COUNTY}}، استان {{PROVINCE}}. {{AVAILABLE_FA}} خدمت فعال در این محل ارائه می‌شود؛ سهمیه هر دفتر این محل سهمی از همین شمار است. برداشتن یک خدمت، واگذاری‌های پیشین آن را پس نمی‌گیرد.</p>
{{#NO_SERVICES}}<p>فهرست خدمات خالی است؛ نخست در <a href="/hq/services">فهرست خدمات</a> خدمتی بیفزایید.</p>{{/NO_SERVICES}}
{{#AGENCY}}
<section class="card" aria-labelledby="agency-{{ID}}">
  <form class="form" method="post" action="/hq/services/city/{{CITY_ID}}">
    <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="agency" value="{{ID}}">
    <fieldset class="fieldset">
      <legend><h2 id="agency-{{ID}}">{{NAME}}</h2></legend>
      <div class="choices">
        {{#SERVICE}}
        <div class="choice">
          <input id="s-{{ID}}" name="service" type="checkbox" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}>
          <label for="s-{{ID}}">{{TITLE}}</label>
          <a class="muted" href="/hq/services/offices?service={{ID}}&amp;city={{CITY_ID}}" aria-label="دفاتر مجاز به {{TITLE}} در این محل">دفاتر مجاز</a>
        </div>
        {{/SERVICE}}
      </div>
      {{#INACTIVE}}<p class="muted">{{TITLE}}: غیرفعال{{#AVAILABLE}}، در این محل ثبت شده{{/AVAILABLE}}</p>{{/INACTIVE}}
    </fieldset>
    <div class="form__actions"><button type="submit" class="button button--secondary">ذخیره خدمات {{NAME}}</button></div>
  </form>
</section>
{{/AGENCY}}
