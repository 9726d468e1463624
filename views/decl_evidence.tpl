{{%AUTOESCAPE context="HTML"}}
{{!
  The evidence block of a section page. Dictionary: HAS_EVIDENCE, MAX_MB_FA;
  repeated REQ (CODE, TITLE, HELP (TEXT), MIN (MIN_FA) or OPTIONAL, MAX_FA,
  repeated FILE (ID, NAME, SIZE_FA, TYPE, SHA_SHORT, OFFICE_ID, DELETE
  (CSRF_TOKEN)), NO_FILES, UPLOAD (CSRF_TOKEN, OFFICE_ID, SECTION, CODE), FULL).
  The upload form's hidden fields come before the file input: the server checks
  them before it stores a byte.  Without JavaScript the form posts and the page
  comes back; with it (assets/js/upload.js) the file is sent in the background
  with a progress bar and added to the list.
}}
{{#HAS_EVIDENCE}}
<section class="card evidence" aria-labelledby="evidence-heading">
  <h2 id="evidence-heading">مدارک و مستندات</h2>
  <p class="hint">فقط فایل PDF، JPEG یا PNG، هر فایل حداکثر {{MAX_MB_FA}} مگابایت. نوع فایل از محتوای آن تشخیص داده می‌شود، نه از نام آن.</p>
  {{#REQ}}
  <div class="evidence__req" id="evidence-{{CODE}}">
    <h3 class="evidence__title">{{TITLE}}
      {{#MIN}}<span class="req">(الزامی: دست‌کم {{MIN_FA}} فایل، حداکثر {{MAX_FA}})</span>{{/MIN}}
      {{#OPTIONAL}}<span class="req">(اختیاری، حداکثر {{MAX_FA}} فایل)</span>{{/OPTIONAL}}
    </h3>
    {{#HELP}}<p class="hint">{{TEXT}}</p>{{/HELP}}
    <ul class="file-list" data-files>
      {{#FILE}}
      <li class="file-list__item" data-file>
        <a href="/decl/{{OFFICE_ID}}/file/{{ID}}" target="_blank" rel="noopener"><bdi>{{NAME}}</bdi></a>
        <span class="muted">{{TYPE}}، {{SIZE_FA}}</span>
        <code class="hash" dir="ltr" title="SHA-256">{{SHA_SHORT}}…</code>
        {{#DELETE}}
        <form class="form--bare file-list__delete" method="post" action="/decl/{{OFFICE_ID}}/file/{{ID}}/delete">
          <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
          <button type="submit" class="button button--small button--secondary">حذف<span class="visually-hidden"> {{NAME}}</span></button>
        </form>
        {{/DELETE}}
      </li>
      {{/FILE}}
    </ul>
    {{#NO_FILES}}<p class="muted file-list__empty" data-empty>هنوز فایلی بارگذاری نشده است.</p>{{/NO_FILES}}
    {{#UPLOAD}}
    <form class="upload" method="post" action="/decl/{{OFFICE_ID}}/upload" enctype="multipart/form-data" data-upload="{{CODE}}">
      <input type="hidden" name="csrf" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="section" value="{{SECTION}}">
      <input type="hidden" name="requirement" value="{{CODE}}">
      <label for="file-{{CODE}}">انتخاب فایل برای «{{TITLE}}»</label>
      <div class="field__row">
        <input id="file-{{CODE}}" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required>
        <button type="submit" class="button button--secondary">بارگذاری</button>
      </div>
      <progress class="upload__progress" max="100" value="0" hidden aria-label="پیشرفت بارگذاری «{{TITLE}}»"></progress>
      <p class="upload__status" role="status" aria-live="polite"></p>
    </form>
    {{/UPLOAD}}
    {{#FULL}}<p class="muted">به حداکثر تعداد فایل این مدرک رسیده‌اید؛ برای فایل تازه، یکی را حذف کنید.</p>{{/FULL}}
  </div>
  {{/REQ}}
</section>
{{/HAS_EVIDENCE}}
