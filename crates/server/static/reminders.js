// Web Push on the reminders settings page (docs/reminders.md). The browser
// asks for notification permission only when the user presses "turn on":
// never on page load.
(function () {
  "use strict";
  var section = document.getElementById("push-section");
  if (!section) return;
  var on = document.getElementById("push-on");
  var off = document.getElementById("push-off");
  var status = document.getElementById("push-status");
  var meta = document.querySelector('meta[name="csrf-token"]');
  var key = section.getAttribute("data-push-key");

  function say(which) {
    status.textContent = status.getAttribute("data-" + which);
  }

  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !key) {
    say("unsupported");
    return;
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": meta.content },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function show(subscribed) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
    say(subscribed ? "on" : "off");
  }

  function registration() {
    return navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    });
  }

  registration().then(function (ready) {
    return ready.pushManager.getSubscription();
  }).then(function (existing) {
    show(Boolean(existing));
  }).catch(function () {
    show(false);
  });

  on.addEventListener("click", function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        say("denied");
        return null;
      }
      return registration().then(function (ready) {
        return ready.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
      }).then(function (subscription) {
        return post("/settings/reminders/push", subscription.toJSON());
      }).then(function () {
        show(true);
      });
    }).catch(function () {
      show(false);
    });
  });

  off.addEventListener("click", function () {
    registration().then(function (ready) {
      return ready.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) return null;
      var endpoint = subscription.endpoint;
      return subscription.unsubscribe().then(function () {
        return post("/settings/reminders/push/delete", { endpoint: endpoint });
      });
    }).then(function () {
      show(false);
    }).catch(function () {
      show(false);
    });
  });
})();
