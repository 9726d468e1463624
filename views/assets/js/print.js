// A "print" button for pages meant to be printed (the receipt, certificates):
// any element with data-print becomes a button that opens the print dialog.  The
// button is hidden without JavaScript, where the page says to use the browser's
// print command instead.
'use strict';
document.querySelectorAll('[data-print]').forEach((b) => {
  b.hidden = false;
  b.addEventListener('click', () => window.print());
});
