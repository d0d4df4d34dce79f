// Applies the saved light/dark choice before the first paint (loaded
// synchronously in <head>, so no inline script is needed under the CSP).
(function () {
  var saved = null;
  try { saved = window.localStorage.getItem("habitflow-theme"); } catch (e) { /* storage disabled */ }
  if (saved === "dark" || saved === "light") {
    document.documentElement.setAttribute("data-theme", saved);
  }
})();
