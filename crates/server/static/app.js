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

// Confirm dialogs for destructive forms, and in-place actions: a form inside
// [data-inplace] is sent with fetch (JSON + X-CSRF-Token) and the page's main
// content is refreshed without a navigation. Without JS the forms post as usual.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');

  function payload(form) {
    var data = {};
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrf_token" && key !== "next") data[key] = value;
    });
    return data;
  }

  function refreshMain() {
    return fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        var current = document.querySelector("main");
        if (fresh && current) current.replaceWith(fresh);
      });
  }

  // The undo toast (docs/decisions.md, #18): after a check-in made in place,
  // a few seconds to take it back with one tap.
  var toast = document.querySelector("[data-toast]");
  var toastTimer = null;

  function hideToast() {
    if (toast) toast.hidden = true;
  }

  function showToast(words, undo) {
    if (!toast) return;
    window.clearTimeout(toastTimer);
    var text = document.createElement("span");
    text.textContent = words;
    toast.replaceChildren(text);
    if (undo) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = toast.getAttribute("data-undo-label");
      button.addEventListener("click", function () {
        hideToast();
        send(undo.url, "DELETE", null).then(function (ok) {
          if (ok) showToast(toast.getAttribute("data-undone") + " " + undo.name, null);
          return refreshMain();
        });
      });
      toast.appendChild(button);
    }
    toast.hidden = false;
    toastTimer = window.setTimeout(hideToast, undo ? 8000 : 3000);
  }

  function send(url, method, data) {
    var init = {
      method: method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": meta.content }
    };
    if (data) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(data);
    }
    return fetch(url, init).then(function (response) {
      if (response.ok) return response.status === 204 ? {} : response.json().catch(function () { return {}; });
      return response.json().then(function (body) {
        window.alert((body && body.error && body.error.message) || document.body.getAttribute("data-action-failed"));
        return null;
      });
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if (!form.closest("[data-inplace]") || !window.fetch || !meta) return;
    event.preventDefault();
    var data = payload(form);
    if (event.submitter && event.submitter.name) data[event.submitter.name] = event.submitter.value;
    // Immediate feedback: the row looks done while the server answers.
    var row = form.closest(".list-item");
    if (row) row.classList.add("is-pending");
    var undoName = form.getAttribute("data-undo-name");
    send(form.action, "POST", data).then(function (answer) {
      if (!answer) {
        if (row) row.classList.remove("is-pending");
        return null;
      }
      if (undoName && answer.date && (data.kind === "done" || data.kind === "skipped")) {
        var words = toast && toast.getAttribute(data.kind === "done" ? "data-done" : "data-skipped");
        showToast(words + " " + undoName, { url: form.action + "/" + answer.date, name: undoName });
      }
      return refreshMain();
    }).catch(function () { form.submit(); });
  });
})();

// The habit form's preview (docs/schedules.md#the-preview-in-the-habit-form):
// when a field changes, the server words the rule and lists its next dates
// (GET /habits/preview with the form's fields), a moment after the last
// keystroke. Without JS the form's "Preview" button shows the same.
(function () {
  "use strict";
  var form = document.querySelector("[data-habit-form]");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var timer = null;
  var latest = 0;

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrf_token" && key !== "preview") params.append(key, value);
    });
    return params.toString();
  }

  function refresh() {
    var current = document.querySelector("[data-schedule-preview]");
    if (!current) return;
    var request = ++latest;
    fetch("/habits/preview?" + query(), { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (request !== latest) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-schedule-preview]");
        var shown = document.querySelector("[data-schedule-preview]");
        // The live region stays in place so screen readers announce the change.
        if (fresh && shown) shown.replaceChildren.apply(shown, Array.prototype.slice.call(fresh.childNodes));
      })
      .catch(function () { /* the Preview button still works */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 300);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
