// Gesprekstool: small enhancements. Everything works without this file.
// - sliders: the chosen value is shown and announced in words while you slide;
// - moving a slider unticks "weet ik niet / sla over" for that statement;
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

  document.querySelectorAll(".gt-stelling").forEach(function (fieldset) {
    var textElement = fieldset.querySelector(".gt-stelling__tekst");
    if (!textElement) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary gt-voorlezen";
    button.setAttribute("aria-describedby", textElement.id);
    button.textContent = "Lees voor";
    button.addEventListener("click", function () {
      speak(textElement.textContent);
    });
    fieldset.querySelector("legend").insertAdjacentElement("afterend", button);
  });
})();
