// Evidence uploads without leaving the page: each form[data-upload] is sent with
// XMLHttpRequest (js=1, so the server answers JSON), a <progress> shows how much is
// sent, the status line (a live region) says what happened in Persian, and the new
// file joins the list.  Without JavaScript the same form posts normally.
'use strict';

function fileRow(list, f) {
  const li = document.createElement('li');
  li.className = 'file-list__item';
  li.dataset.file = '';
  const a = document.createElement('a');
  a.href = f.url;
  a.target = '_blank';
  a.rel = 'noopener';
  const bdi = document.createElement('bdi');
  bdi.textContent = f.name;
  a.append(bdi);
  const meta = document.createElement('span');
  meta.className = 'muted';
  meta.textContent = ` ${f.type}، ${f.size} `;
  const hash = document.createElement('code');
  hash.className = 'hash';
  hash.dir = 'ltr';
  hash.title = 'SHA-256';
  hash.textContent = `${f.sha256.slice(0, 12)}…`;
  li.append(a, meta, hash);
  list.append(li);
}

document.querySelectorAll('form[data-upload]').forEach((form) => {
  const bar = form.querySelector('progress');
  const status = form.querySelector('[role=status]');
  const button = form.querySelector('button[type=submit]');
  const box = form.closest('.evidence__req');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = form.querySelector('input[type=file]');
    if (!input.files.length) {
      status.textContent = 'ابتدا فایلی انتخاب کنید.';
      return;
    }
    const data = new FormData(form);
    data.append('js', '1');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${form.action}?js=1`);
    xhr.responseType = 'json';
    bar.hidden = false;
    bar.value = 0;
    button.disabled = true;
    status.textContent = 'در حال بارگذاری…';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    });
    xhr.addEventListener('loadend', () => {
      button.disabled = false;
      const r = xhr.response;
      if (xhr.status === 200 && r && r.ok) {
        bar.value = 100;
        status.textContent = r.message;
        fileRow(box.querySelector('[data-files]'), r);
        box.querySelector('[data-empty]')?.remove();
        input.value = '';
      } else {
        bar.hidden = true;
        status.textContent = (r && r.message) || 'بارگذاری انجام نشد. اتصال را بررسی و دوباره تلاش کنید.';
      }
    });
    xhr.send(data);
  });
});
