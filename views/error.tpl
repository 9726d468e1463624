{{%AUTOESCAPE context="HTML"}}
{{!
  Error page for 400, 403, 404, 405, 413, 429, 500 and 503.
  Dictionary: STATUS_FA (Persian digits), ERROR_TITLE, ERROR_MESSAGE.
}}
<div class="narrow error-page">
  <p class="error-page__status">خطای <span class="error-page__code">{{STATUS_FA}}</span></p>
  <h1 class="page-title">{{ERROR_TITLE}}</h1>
  <p class="lead">{{ERROR_MESSAGE}}</p>
  <p><a class="button button--secondary" href="/">بازگشت به صفحه اصلی</a></p>
</div>
