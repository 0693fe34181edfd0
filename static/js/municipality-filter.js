// The story editor's municipality checkboxes: typing part of a name (or a region's
// name) shows only the municipalities that match; ticked ones stay ticked when hidden.
// Without JavaScript every checkbox is shown, grouped by region.
(function () {
    "use strict";

    function fold(text) {
        return text.toLocaleLowerCase("da").normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim();
    }

    function setUp(picker) {
        if (picker.dataset.ready) { return; }
        picker.dataset.ready = "1";
        var input = picker.querySelector("[data-municipality-find]");
        var count = picker.querySelector("[data-municipality-count]");
        var list = document.getElementById(input.getAttribute("aria-controls"));
        // Django renders each region as a <div> holding its name and a <div> per checkbox.
        var groups = Array.prototype.filter.call(list.children, function (child) {
            return child.querySelector("input[type=checkbox]");
        });
        var total = list.querySelectorAll("input[type=checkbox]").length;

        function update() {
            var term = fold(input.value);
            var shown = 0;
            groups.forEach(function (group) {
                var heading = group.firstElementChild;
                var regionMatches = term && heading && fold(heading.textContent).indexOf(term) !== -1;
                var options = group.querySelectorAll("input[type=checkbox]");
                var visible = 0;
                options.forEach(function (box) {
                    var row = box.closest("div") || box.parentElement;
                    var match = !term || regionMatches || fold(row.textContent).indexOf(term) !== -1;
                    row.hidden = !match;
                    if (match) { visible += 1; }
                });
                group.hidden = visible === 0;
                shown += visible;
            });
            count.textContent = term
                ? input.dataset.countTemplate.replace("%(shown)s", shown).replace("%(total)s", total)
                : "";
        }

        input.addEventListener("input", update);
        // Enter in the box would submit the whole page form; tick the only match instead.
        input.addEventListener("keydown", function (event) {
            if (event.key !== "Enter") { return; }
            event.preventDefault();
            var visible = Array.prototype.filter.call(
                list.querySelectorAll("input[type=checkbox]"),
                function (box) { return !box.closest("[hidden]"); }
            );
            if (visible.length === 1) { visible[0].click(); }
        });
    }

    function setUpAll() {
        document.querySelectorAll("[data-municipality-picker]").forEach(setUp);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUpAll);
    } else {
        setUpAll();
    }
})();
