{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
{{!
  The root template of every page. The page template is the CONTENT include; its
  dictionary is separate, so the page sees none of the values below.
  Layout dictionary: PAGE_TITLE, ASSET_VERSION, TODAY_FA; section USER (USER_NAME,
  ROLE_LABEL, CSRF_TOKEN) when logged in, section GUEST otherwise; repeated
  SCRIPT (NAME) for the page's scripts (page_script()).
}}
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{{PAGE_TITLE}} | سامانه ارزیابی و رتبه‌بندی دفاتر پیشخوان</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/css/geps.css?v={{ASSET_VERSION:u}}">
</head>
<body>
<a class="skip-link" href="#main">پرش به محتوای اصلی</a>
<header class="site-header">
  <div class="container site-header__bar">
    <a class="site-name" href="/">
      <span class="site-name__title">سامانه ارزیابی و رتبه‌بندی دفاتر پیشخوان</span>
      <span class="site-name__org">سازمان تنظیم مقررات و ارتباطات رادیویی</span>
    </a>
    <p class="today">امروز <span class="date">{{TODAY_FA}}</span></p>
  </div>
  <nav class="site-nav" aria-label="پیوندهای اصلی">
    <div class="container site-nav__inner">
      <ul class="site-nav__links">
        <li><a href="/">صفحه اصلی</a></li>
        <li><a href="/verify">استعلام رتبه دفتر</a></li>
        {{#USER}}
        {{#LICENSEE_LINKS}}
        <li><a href="/dashboard">میز کار دفاتر من</a></li>
        {{/LICENSEE_LINKS}}
        {{#REVIEW_LINKS}}
        <li><a href="/review">صف بررسی</a></li>
        <li><a href="/review/objections">اعتراض‌ها</a></li>
        {{/REVIEW_LINKS}}
        <li><a href="/account">حساب کاربری</a></li>
        {{#HQ_LINKS}}
        <li><a href="/hq/rounds">دوره‌ها</a></li>
        <li><a href="/hq/review/overdue">پرونده‌های معوق</a></li>
        <li><a href="/hq/services">خدمات و سهمیه‌ها</a></li>
        <li><a href="/hq/staff">کارشناسان و ستاد</a></li>
        <li><a href="/hq/audit">رویدادنامه</a></li>
        <li><a href="/hq/outbox">صف پیامک و ایمیل</a></li>
        {{/HQ_LINKS}}
        {{/USER}}
      </ul>
      {{#GUEST}}
      <a class="site-nav__login" href="/login">ورود به سامانه</a>
      {{/GUEST}}
      {{#USER}}
      <div class="user-box">
        <p class="user-box__who">{{USER_NAME}} <span class="user-box__role">{{ROLE_LABEL}}</span></p>
        <form class="user-box__logout" method="post" action="/logout">
          <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
          <button type="submit" class="button button--quiet">خروج</button>
        </form>
      </div>
      {{/USER}}
    </div>
  </nav>
</header>
<main id="main" class="container site-main" tabindex="-1">
{{>CONTENT}}
</main>
<footer class="site-footer">
  <div class="container">
    <p>سامانه ارزیابی و رتبه‌بندی دفاتر پیشخوان خدمات دولت و دفاتر ICT روستایی</p>
    <p>سازمان تنظیم مقررات و ارتباطات رادیویی</p>
  </div>
</footer>
{{#SCRIPT}}
<script src="/assets/js/{{NAME}}.js?v={{ASSET_VERSION:u}}" defer></script>
{{/SCRIPT}}
</body>
</html>
