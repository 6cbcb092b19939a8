// Signed-in pages show personal data. A browser may restore such a page from its
// back/forward cache after its person has signed out (Chrome keeps even
// `Cache-Control: no-store` pages there); reloading it asks the server, which shows it only
// to a running session and otherwise sends the browser to the sign-in page.
window.addEventListener("pageshow", function (event) {
  if (event.persisted) {
    window.location.reload();
  }
});

// A refused form comes back with its error summary at the top: keyboard and screen reader
// start there (it is announced anyway, role="alert"; without script it is simply first).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
