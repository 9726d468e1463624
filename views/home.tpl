{{%AUTOESCAPE context="HTML"}}
{{!
  Home page. Dictionary: section ROUND (ROUND_TITLE, ROUND_CODE_FA, DECL_START_FA,
  DECL_END_FA, DAYS_LEFT_FA, sub-sections ROUND_OPEN and ROUND_NOT_OPEN with
  ROUND_STATE_LABEL) or section NO_ROUND.
}}
<h1 class="page-title">سامانه ارزیابی و رتبه‌بندی دفاتر پیشخوان خدمات دولت و دفاتر ICT روستایی</h1>
<p class="lead">در این سامانه، دفاتر پیشخوان خدمات دولت و دفاتر ICT روستایی هر شش ماه یک بار ارزیابی و رتبه‌بندی می‌شوند. دارندگان پروانه اطلاعات دفتر و مدارک آن را خوداظهاری می‌کنند، کارشناسان مناطق آن‌ها را بررسی می‌کنند و رتبه هر دفتر پس از انتشار نتایج برای همه قابل استعلام است.</p>

<section class="card round" aria-labelledby="round-heading">
  <h2 id="round-heading">دوره جاری ارزیابی</h2>
  {{#ROUND}}
  <p class="round__title">{{ROUND_TITLE}} <span class="round__code">(دوره {{ROUND_CODE_FA}})</span></p>
  <dl class="facts">
    <div class="facts__row"><dt>آغاز خوداظهاری</dt><dd><span class="date">{{DECL_START_FA}}</span></dd></div>
    <div class="facts__row"><dt>پایان خوداظهاری</dt><dd><span class="date">{{DECL_END_FA}}</span></dd></div>
  </dl>
  {{#ROUND_OPEN}}
  <div class="deadline">
    <p class="deadline__label">مهلت خوداظهاری</p>
    <p class="deadline__date">تا پایان روز <span class="date">{{DECL_END_FA}}</span></p>
    <p class="deadline__left"><span class="days-left">{{DAYS_LEFT_FA}}</span> روز تا پایان مهلت</p>
    <p class="deadline__note">شرکت در ارزیابی برای همه دفاتر الزامی است. اطلاعاتی که تغییر نکند، تأیید اطلاعات دوره پیش شمرده می‌شود.</p>
    <a class="button button--primary" href="/login">ورود و تکمیل خوداظهاری</a>
  </div>
  {{/ROUND_OPEN}}
  {{#ROUND_NOT_OPEN}}
  <p class="status">وضعیت دوره: <strong>{{ROUND_STATE_LABEL}}</strong></p>
  {{/ROUND_NOT_OPEN}}
  {{/ROUND}}
  {{#NO_ROUND}}
  <p class="status">در حال حاضر دوره ارزیابی فعالی وجود ندارد. زمان دوره بعد در همین صفحه اعلام می‌شود.</p>
  {{/NO_ROUND}}
</section>

<section class="audiences" aria-labelledby="audiences-heading">
  <h2 id="audiences-heading">این سامانه برای چه کسانی است؟</h2>
  <div class="cards">
    <div class="card">
      <h3>دارندگان پروانه</h3>
      <p>با کد ملی وارد شوید، اطلاعات پایه دفتر و کارکنان را به‌روز کنید، فرم خوداظهاری را کامل کنید و مدارک هر بخش را بارگذاری کنید. پس از انتشار نتایج، رتبه دفتر را ببینید و در صورت نیاز ظرف هفت روز اعتراض کنید.</p>
    </div>
    <div class="card">
      <h3>کارشناسان مناطق</h3>
      <p>پرونده‌های دفاتر منطقه خود را با مدارک تطبیق دهید، امتیاز انجمن صنفی استان را ثبت کنید و پرونده‌های دارای مغایرت را برای اصلاح به دفتر بازگردانید.</p>
    </div>
    <div class="card">
      <h3>عموم مردم</h3>
      <p>رتبه هر دفتر پیشخوان یا دفتر ICT روستایی را با کد دفتر استعلام کنید و از اعتبار دفتری که به آن مراجعه می‌کنید مطمئن شوید.</p>
    </div>
  </div>
</section>

<section id="verify" class="card verify" aria-labelledby="verify-heading">
  <h2 id="verify-heading">استعلام رتبه دفتر</h2>
  <form class="form form--inline" method="get" action="/verify">
    <div class="field">
      <label for="verify-code">کد دفتر</label>
      <p id="verify-code-hint" class="hint">کد دفتر روی تابلو و پروانه دفتر درج شده است. می‌توانید آن را با ارقام فارسی یا انگلیسی بنویسید.</p>
      <div class="field__row">
        <input id="verify-code" name="code" type="text" inputmode="numeric" dir="ltr" autocomplete="off" maxlength="20" aria-describedby="verify-code-hint" required>
        <button type="submit" class="button button--secondary">استعلام</button>
      </div>
    </div>
  </form>
</section>
