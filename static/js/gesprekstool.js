// Gesprekstool: small enhancements. Everything works without this file.
// - sliders: the chosen value is shown and announced in words while you slide;
// - moving a slider unticks "weet ik niet / sla over" for that statement;
// - each statement is saved as soon as it changes (the form's own POST, one statement only);
// - "Lees voor": reads a statement aloud with the browser's own speech synthesis.
(function () {
  "use strict";

  var WORDS = [
    "helemaal niet waar", "bijna helemaal niet waar", "niet waar", "niet zo waar",
    "een beetje niet waar", "half waar", "een beetje waar", "best waar", "waar",
    "bijna helemaal waar", "helemaal waar"
  ];

  function valueText(slider) {
    var value = parseInt(slider.value, 10);
    if (slider.dataset.soort === "stelling") {
      return value + ": " + WORDS[value];
    }
    return value + " van 10";
  }

  function updateSlider(slider) {
    var text = valueText(slider);
    slider.setAttribute("aria-valuetext", text);
    var output = document.querySelector('output[for="' + slider.id + '"]');
    if (output) {
      output.textContent = text;
    }
  }

  document.querySelectorAll("input.gt-slider").forEach(function (slider) {
    slider.addEventListener("input", function () {
      updateSlider(slider);
      var fieldset = slider.closest(".gt-stelling");
      var skip = fieldset && fieldset.querySelector('input[name$="-weet_niet"]');
      if (skip) {
        skip.checked = false;
      }
    });
  });

  document.querySelectorAll('.gt-stelling input[type="radio"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      var skip = radio.closest(".gt-stelling").querySelector('input[name$="-weet_niet"]');
      if (skip) {
        skip.checked = false;
      }
    });
  });

  // A statement nobody touched stays open: without this script the slider's middle position
  // (5) would be saved for it. Its fields are left out when the form is sent.
  var NOT_CHOSEN = "nog niet gekozen";
  document.querySelectorAll('.gt-stelling[data-beantwoord="nee"]').forEach(function (fieldset) {
    var slider = fieldset.querySelector("input.gt-slider");
    if (slider) {
      slider.setAttribute("aria-valuetext", NOT_CHOSEN);
      var output = document.querySelector('output[for="' + slider.id + '"]');
      if (output) {
        output.textContent = NOT_CHOSEN;
      }
    }
    var touch = function () {
      fieldset.setAttribute("data-beantwoord", "ja");
    };
    fieldset.addEventListener("input", touch);
    fieldset.addEventListener("change", touch);
  });
  var partFormForSubmit = document.querySelector("form.gt-part-form");
  if (partFormForSubmit) {
    partFormForSubmit.addEventListener("submit", function () {
      partFormForSubmit.querySelectorAll('.gt-stelling[data-beantwoord="nee"]').forEach(function (fieldset) {
        fieldset.querySelectorAll("input, textarea").forEach(function (input) {
          input.disabled = true;
        });
      });
    });
  }

  // Save one statement as soon as it changes. The server upserts only the statements a form
  // contains, so posting a single one never touches the others.
  var partForm = document.querySelector("form.gt-part-form");
  function autosave(fieldset) {
    var id = fieldset.dataset.stelling;
    var prefix = "s" + id + "-";
    var status = fieldset.querySelector(".gt-autosave");
    var data = new FormData();
    data.append("csrfmiddlewaretoken", partForm.querySelector('input[name="csrfmiddlewaretoken"]').value);
    data.append("stelling", id);
    fieldset.querySelectorAll("input, textarea").forEach(function (input) {
      if (!input.name || input.name.indexOf(prefix) !== 0) {
        return;
      }
      if ((input.type === "checkbox" || input.type === "radio") && !input.checked) {
        return;
      }
      data.append(input.name, input.value);
    });
    fetch(partForm.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Gesprekstool-Autosave": "1" }
    }).then(function (response) {
      status.classList.toggle("gt-autosave--fout", response.status !== 204);
      if (response.status === 204) {
        status.textContent = "Bewaard.";
      } else if (response.status === 409) {
        status.textContent = "Niet bewaard: deze stelling is intussen veranderd. Laad de pagina opnieuw.";
      } else {
        status.textContent = "Niet bewaard. Druk onderaan op de knop om te bewaren; dan zie je wat er mis is.";
      }
    }).catch(function () {
      status.classList.add("gt-autosave--fout");
      status.textContent = "Niet bewaard: geen verbinding. Druk straks onderaan op de knop om te bewaren.";
    });
  }
  if (partForm && window.fetch && window.FormData) {
    partForm.querySelectorAll(".gt-stelling").forEach(function (fieldset) {
      // Wait a moment, so moving a slider step by step sends one request, not ten.
      var timer = null;
      fieldset.addEventListener("change", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          autosave(fieldset);
        }, 600);
      });
    });
  }

  // Lets tests (and styles, if ever needed) know the enhancements are in place.
  document.documentElement.setAttribute("data-gesprekstool", "klaar");

  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }

  function speak(text) {
    window.speechSynthesis.cancel();
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = "nl-NL";
    utterance.rate = 0.9;
    var voice = window.speechSynthesis.getVoices().filter(function (v) {
      return v.lang && v.lang.toLowerCase().indexOf("nl") === 0;
    })[0];
    if (voice) {
      utterance.voice = voice;
    }
    window.speechSynthesis.speak(utterance);
  }

  function readAloudButton(textElement) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary gt-voorlezen";
    button.setAttribute("aria-describedby", textElement.id);
    button.textContent = "Lees voor";
    button.addEventListener("click", function () {
      speak(textElement.textContent);
    });
    return button;
  }

  var intro = document.querySelector(".gt-voor-jongere[id]");
  if (intro) {
    intro.insertAdjacentElement("afterend", readAloudButton(intro));
  }
  document.querySelectorAll(".gt-stelling").forEach(function (fieldset) {
    var textElement = fieldset.querySelector(".gt-stelling__tekst");
    if (textElement) {
      fieldset.querySelector("legend").insertAdjacentElement("afterend", readAloudButton(textElement));
    }
  });
})();
