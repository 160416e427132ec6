// Kennisplein: small enhancements only; every page works without this file.
(function () {
  "use strict";
  // A print button (without JavaScript, the browser's own print command does the same).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
