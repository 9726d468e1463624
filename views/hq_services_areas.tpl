{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: the cities and villages of a province with their services. Dictionary: repeated
  PROVINCE (ID, NAME, SELECTED); CITIES (PROVINCE_ID, PROVINCE_NAME, repeated CITY (ID,
  CODE, NAME, KIND, COUNTY, SERVICES_FA, OFFICES_FA) or NO_CITIES) once a province is
  chosen.
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/hq/services">خدمات</a> <span aria-hidden="true">›</span> <span>شهرها و روستاها</span></nav>
<h1 class="page-title">خدمات هر شهر و روستا</h1>
<div class="card">
  <form class="form filters" method="get" action="/hq/services/areas">
    <div class="field">
      <label for="province">استان</label>
      <select id="province" name="province" required>
        <option value="">برگزینید</option>
        {{#PROVINCE}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/PROVINCE}}
      </select>
    </div>
    <div class="form__actions"><button type="submit" class="button button--primary">نمایش</button></div>
  </form>
  <form class="form filters" method="get" action="/hq/services/city">
    <div class="field">
      <label for="city-code">یا کد شهر یا روستا</label>
      <input id="city-code" name="code" type="text" dir="ltr" maxlength="16" placeholder="IR-23-001" required>
    </div>
    <div class="form__actions"><button type="submit" class="button button--secondary">نمایش خدمات</button></div>
  </form>
</div>
{{#CITIES}}
<div class="table-wrap" role="region" aria-labelledby="cities-caption" tabindex="0">
<table class="table">
  <caption id="cities-caption">شهرها و روستاهای استان {{PROVINCE_NAME}}</caption>
  <thead><tr><th scope="col">نام</th><th scope="col">نوع</th><th scope="col">شهرستان</th><th scope="col">کد</th><th scope="col">خدمت‌های فعال</th><th scope="col">دفاتر فعال</th></tr></thead>
  <tbody>
  {{#CITY}}
  <tr>
    <th scope="row"><a href="/hq/services/city/{{ID}}">{{NAME}}</a></th>
    <td>{{KIND}}</td>
    <td>{{COUNTY}}</td>
    <td dir="ltr">{{CODE}}</td>
    <td>{{SERVICES_FA}}</td>
    <td>{{OFFICES_FA}}</td>
  </tr>
  {{/CITY}}
  {{#NO_CITIES}}<tr><td colspan="6">برای این استان هنوز شهر یا روستایی ثبت نشده است.</td></tr>{{/NO_CITIES}}
  </tbody>
</table>
</div>
{{/CITIES}}
