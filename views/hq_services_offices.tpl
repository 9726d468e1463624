{{%AUTOESCAPE context="HTML"}}
{{!
  HQ (the agencies' view): the offices allowed to offer a service in an area.
  Dictionary: repeated AGENCY (NAME, repeated OPTION (ID, TITLE, SELECTED)); repeated
  PROVINCE (ID, NAME, SELECTED); CITY_FIELD (PROVINCE_NAME, repeated CITY (ID, NAME,
  KIND, SELECTED)) once a province is chosen; RESULT (TITLE, AGENCY, AREA, N_FA,
  INACTIVE, NONE, repeated OFFICE (ID, CODE_FA, NAME, PROVINCE, CITY, GRANTED_FA, RANK
  (RANK_FA) or NO_RANK)) once a service is chosen.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/hq/services">خدمات</a> <span aria-hidden="true">›</span> <span>دفاتر مجاز به ارائه یک خدمت</span></nav>
<h1 class="page-title">دفاتر مجاز به ارائه یک خدمت</h1>
<p class="lead">فهرستی که دستگاه خدمت‌دهنده لازم دارد: دفاتر فعالی که ستاد این خدمت را در یک شهر، روستا یا استان به آن‌ها واگذار کرده است.</p>
<div class="card">
  <form class="form filters" method="get" action="/hq/services/offices">
    <div class="field">
      <label for="service">خدمت</label>
      <select id="service" name="service" required>
        <option value="">برگزینید</option>
        {{#AGENCY}}<optgroup label="{{NAME}}">{{#OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{TITLE}}</option>{{/OPTION}}</optgroup>{{/AGENCY}}
      </select>
    </div>
    <div class="field">
      <label for="province">استان</label>
      <select id="province" name="province">
        <option value="">همه کشور</option>
        {{#PROVINCE}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/PROVINCE}}
      </select>
    </div>
    {{#CITY_FIELD}}
    <div class="field">
      <label for="city">شهر یا روستا در استان {{PROVINCE_NAME}}</label>
      <select id="city" name="city">
        <option value="">همه استان</option>
        {{#CITY}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{KIND}} {{NAME}}</option>{{/CITY}}
      </select>
    </div>
    {{/CITY_FIELD}}
    <div class="form__actions"><button type="submit" class="button button--primary">نمایش دفاتر</button></div>
  </form>
</div>
{{#RESULT}}
<h2>{{TITLE}} <span class="muted">({{AGENCY}})</span>، {{AREA}}</h2>
{{#INACTIVE}}<div class="notice" role="status"><p>این خدمت غیرفعال است و به دفتر تازه‌ای واگذار نمی‌شود.</p></div>{{/INACTIVE}}
<p>{{N_FA}} دفتر مجاز.</p>
<div class="table-wrap" role="region" aria-labelledby="offices-caption" tabindex="0">
<table class="table">
  <caption id="offices-caption">دفاتر مجاز به ارائه {{TITLE}}</caption>
  <thead><tr><th scope="col">دفتر</th><th scope="col">استان</th><th scope="col">شهر یا روستا</th><th scope="col">رتبه کنونی</th><th scope="col">واگذاری</th></tr></thead>
  <tbody>
  {{#OFFICE}}
  <tr>
    <th scope="row"><a href="/hq/services/office/{{ID}}">{{NAME}}</a> <span class="muted">{{CODE_FA}}</span></th>
    <td>{{PROVINCE}}</td>
    <td>{{CITY}}</td>
    <td>{{#RANK}}{{RANK_FA}}{{/RANK}}{{#NO_RANK}}بدون رتبه{{/NO_RANK}}</td>
    <td>{{GRANTED_FA}}</td>
  </tr>
  {{/OFFICE}}
  {{#NONE}}<tr><td colspan="5">در این محدوده دفتری مجاز به ارائه این خدمت نیست.</td></tr>{{/NONE}}
  </tbody>
</table>
</div>
{{/RESULT}}
