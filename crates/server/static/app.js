// HabitFlow's small progressive enhancements; every action also works without JS.
(function () {
  "use strict";

  function currentTheme() {
    var explicit = document.documentElement.getAttribute("data-theme");
    if (explicit) return explicit;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-theme-toggle]");
    if (!toggle) return;
    var next = currentTheme() === "dark" ? "light" : "dark";
    document.documentElement.setAttribute("data-theme", next);
    try { window.localStorage.setItem("habitflow-theme", next); } catch (e) { /* storage disabled */ }
  });
})();

// Pre-fill the registration time zone from the browser.
(function () {
  var field = document.querySelector("[data-browser-time-zone]");
  if (!field || !window.Intl) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) field.value = zone;
  } catch (e) { /* keep UTC */ }
})();
