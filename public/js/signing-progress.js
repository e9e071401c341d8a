// Progressive enhancement for forms with data-progress (the leader's approval): once submitted,
// the button is disabled and the form says it is signing, until the next page arrives. Without
// JavaScript the form simply submits.
(function () {
  'use strict';
  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type=submit]');
      var status = form.querySelector('.signing-status');
      if (button) {
        button.setAttribute('aria-busy', 'true');
        button.textContent = 'Đang ký số…';
        // Disabled after this event, so that the click still submits the form.
        setTimeout(function () { button.disabled = true; }, 0);
      }
      if (status) status.textContent = form.getAttribute('data-progress');
    });
  });
})();
