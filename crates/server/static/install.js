// Registers the service worker (docs/reminders.md, the installable app) so
// the site installs and shows its offline page when the server is unreachable.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
    // Not a secure context, or the browser refuses: the site works without it.
  });
}
