// Werkplaats: keeps the participant's and the facilitator's page current without reloading.
// Without this file both pages work: plain forms, and a "Vernieuw" link.
//
// Every 1.5 s the page asks a tiny status address whether anything changed (If-None-Match; the
// server answers 304 when not). Only when it did, the page is fetched again and the part marked
// #wp-live is swapped in. Forms inside that part are sent with fetch; the server answers with
// the changed part: #wp-live again, or a smaller part with an id (a participant's saved answer).
(function () {
  "use strict";
  var INTERVAL = 1500;
  if (!document.getElementById("wp-live") || !window.fetch || !window.DOMParser) {
    return;
  }
  var announcer = document.getElementById("wp-aankondiging");
  var busy = false;
  var timer = null;

  function showJsHints(root) {
    root.querySelectorAll(".wp-js-only").forEach(function (el) {
      el.hidden = false;
    });
  }

  function announcement(root) {
    var marked = root.querySelector("[data-aankondiging]");
    return marked ? marked.dataset.aankondiging : "";
  }

  // A part smaller than #wp-live (e.g. #wp-bewaard): replace the element with the same id.
  function swapPart(part) {
    var current = document.getElementById(part.id);
    current.replaceWith(document.adoptNode(part));
    var status = part.querySelector("[role=status]");
    if (announcer && status) {
      announcer.textContent = status.textContent;
    }
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("wp-live");
    var current = document.getElementById("wp-live");
    var part = doc.body.firstElementChild;
    if (!fresh && current && part && part.id && current.querySelector("#" + part.id)) {
      swapPart(part);
      return;
    }
    if (!fresh || !current) {
      // Not a page with a live part (an error page): show its content instead.
      var main = doc.querySelector("main");
      if (main) {
        document.querySelector("main").innerHTML = main.innerHTML;
      }
      return;
    }
    var active = document.activeElement;
    var focusedId = active && current.contains(active) ? active.id : "";
    // A choice that was made but not yet sent survives a swap for the same statement.
    var checked = current.querySelector("input[type=radio]:checked:not([disabled])");
    var oldStatement = current.querySelector("input[name=stelling]");
    var newStatement = fresh.querySelector("input[name=stelling]");
    var before = announcement(current);

    fresh = document.adoptNode(fresh);
    current.replaceWith(fresh);
    showJsHints(fresh);
    if (checked && oldStatement && newStatement && oldStatement.value === newStatement.value) {
      var again = document.getElementById(checked.id);
      if (again && !again.disabled) {
        again.checked = true;
      }
    }
    if (focusedId && document.getElementById(focusedId)) {
      document.getElementById(focusedId).focus();
    }
    var now = announcement(fresh);
    if (announcer && now && now !== before) {
      announcer.textContent = now;
    }
  }

  function reload() {
    return fetch(window.location.href, {
      cache: "no-store",
      credentials: "same-origin",
      headers: { "X-Werkplaats-Fetch": "1" }, // only the live part, where the page offers it
    })
      .then(function (response) {
        return response.text();
      })
      .then(swap);
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, delay === undefined ? INTERVAL : delay);
  }

  function poll() {
    var live = document.getElementById("wp-live");
    if (!live) {
      return; // an error page: nothing to keep current
    }
    if (busy || document.hidden) {
      schedule();
      return;
    }
    busy = true;
    fetch(live.dataset.liveUrl, {
      cache: "no-store",
      credentials: "same-origin",
      headers: { "If-None-Match": '"' + live.dataset.etag + '"' },
    })
      .then(function (response) {
        if (response.status !== 200) {
          return null; // 304: nothing changed
        }
        return response.json().then(function (data) {
          if (String(data.etag) !== live.dataset.etag) {
            return reload();
          }
          return null;
        });
      })
      .catch(function () {
        // The wifi dropped for a moment: try again at the next tick.
      })
      .finally(function () {
        busy = false;
        schedule();
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.closest("#wp-live")) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    busy = true;
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Werkplaats-Fetch": "1" },
    })
      .then(function (response) {
        return response.text();
      })
      .then(swap)
      .catch(function () {
        // fetch failed: let the browser send the form the plain way, with the button pressed.
        if (event.submitter && event.submitter.name) {
          var button = document.createElement("input");
          button.type = "hidden";
          button.name = event.submitter.name;
          button.value = event.submitter.value;
          form.appendChild(button);
        }
        form.submit();
      })
      .finally(function () {
        busy = false;
      });
  });

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      schedule(0); // back from a locked phone: catch up at once
    }
  });

  showJsHints(document);
  schedule(Math.random() * INTERVAL); // spread a room's polls over the interval
})();
