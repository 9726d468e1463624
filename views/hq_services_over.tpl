{{%AUTOESCAPE context="HTML"}}
{{!
  HQ: active offices holding more services than their current quota, by province.
  Dictionary: repeated PROVINCE (ID, NAME, SELECTED) of the filter; N_FA; NONE;
  repeated GROUP (PROVINCE, PROVINCE_ID, repeated OFFICE (ID, CODE_FA, NAME, CITY, RANK
  (RANK_FA, ROUND_FA, PCT_FA) or NO_RANK, AVAILABLE_FA, QUOTA_FA, GRANTED_FA, EXCESS_FA)).
}}
<nav class="breadcrumbs" aria-label="مسیر"><a href="/hq/services">خدمات</a> <span aria-hidden="true">›</span> <span>دفاتر بیش از سهمیه</span></nav>
<h1 class="page-title">دفاتر بیش از سهمیه</h1>
<p class="lead">دفاتری که پس از پایین آمدن رتبه (یا کم شدن خدمت‌های محلشان) بیش از سهمیه کنونی خدمت دارند. تا ستاد خدمت‌هایی را از آن‌ها پس نگیرد در این فهرست می‌مانند.</p>
<div class="card">
  <form class="form filters" method="get" action="/hq/services/over-quota">
    <div class="field">
      <label for="province">استان</label>
      <select id="province" name="province">
        <option value="">همه استان‌ها</option>
        {{#PROVINCE}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/PROVINCE}}
      </select>
    </div>
    <div class="form__actions"><button type="submit" class="button button--primary">نمایش</button></div>
  </form>
</div>
<p>{{N_FA}} دفتر بیش از سهمیه.</p>
{{#NONE}}<p>هیچ دفتری بیش از سهمیه خود خدمت ندارد.</p>{{/NONE}}
{{#GROUP}}
<div class="table-wrap" role="region" aria-labelledby="over-{{PROVINCE_ID}}" tabindex="0">
<table class="table">
  <caption id="over-{{PROVINCE_ID}}">استان {{PROVINCE}}</caption>
  <thead><tr><th scope="col">دفتر</th><th scope="col">شهر یا روستا</th><th scope="col">رتبه کنونی</th><th scope="col">خدمت‌های محل</th><th scope="col">سهمیه</th><th scope="col">واگذارشده</th><th scope="col">مازاد</th></tr></thead>
  <tbody>
  {{#OFFICE}}
  <tr>
    <th scope="row"><a href="/hq/services/office/{{ID}}">{{NAME}}</a> <span class="muted">{{CODE_FA}}</span></th>
    <td>{{CITY}}</td>
    <td>{{#RANK}}رتبه {{RANK_FA}} در دوره {{ROUND_FA}} ({{PCT_FA}}٪){{/RANK}}{{#NO_RANK}}بدون رتبه{{/NO_RANK}}</td>
    <td>{{AVAILABLE_FA}}</td>
    <td>{{QUOTA_FA}}</td>
    <td>{{GRANTED_FA}}</td>
    <td><span class="badge badge--warn">{{EXCESS_FA}}</span></td>
  </tr>
  {{/OFFICE}}
  </tbody>
</table>
</div>
{{/GROUP}}
