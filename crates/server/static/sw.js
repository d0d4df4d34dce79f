// HabitFlow's service worker (docs/reminders.md, the installable app).
// It caches only what holds no user data: the offline page and the static
// files it needs. Pages go to the network every time; when the server cannot
// be reached, a navigation gets the offline page. Push messages become
// notifications whose click opens the habit.
"use strict";

var CACHE = "habitflow-offline-v1";
var OFFLINE = "/offline";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return fetch(OFFLINE, { credentials: "omit", cache: "no-store" }).then(function (response) {
        if (!response.ok) throw new Error("offline page: HTTP " + response.status);
        var page = response.clone();
        return response.text().then(function (html) {
          // The offline page's stylesheet and icon, at their hashed URLs.
          var assets = [];
          html.replace(/(?:href|src)="(\/static\/[^"]+)"/g, function (_, url) {
            assets.push(url);
            return _;
          });
          return cache.put(OFFLINE, page).then(function () {
            return cache.addAll(assets);
          });
        });
      });
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key !== CACHE;
      }).map(function (key) {
        return caches.delete(key);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(function () {
        return caches.match(OFFLINE);
      })
    );
    return;
  }
  var url = new URL(request.url);
  if (url.origin === self.location.origin && url.pathname.indexOf("/static/") === 0) {
    event.respondWith(
      caches.match(request).then(function (cached) {
        return cached || fetch(request);
      })
    );
  }
});

self.addEventListener("push", function (event) {
  var message = { title: "HabitFlow", body: "", url: "/" };
  try {
    message = event.data ? event.data.json() : message;
  } catch (error) {
    message.body = event.data ? event.data.text() : "";
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      data: { url: message.url },
    })
  );
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = (event.notification.data && event.notification.data.url) || "/";
  var url = new URL(target, self.location.origin);
  // Only this site's pages are opened.
  if (url.origin !== self.location.origin) url = new URL("/", self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if ("focus" in windows[i] && windows[i].url === url.href) return windows[i].focus();
      }
      return self.clients.openWindow(url.href);
    })
  );
});
