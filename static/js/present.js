// Presentation mode: one slide a screen. Arrow keys, Page Up/Down, space and the
// buttons move; Home/End jump; Escape leaves. Without JavaScript the slides stand one
// below the other, so nothing is lost.
(function () {
    const slides = Array.from(document.querySelectorAll(".slide"));
    const counter = document.querySelector("[data-slide-counter]");
    const exitUrl = document.querySelector(".slides").dataset.exitUrl;
    if (!slides.length) return;
    document.body.classList.add("presenting--one");
    let current = Math.min(Math.max(parseInt(location.hash.slice(1), 10) - 1 || 0, 0), slides.length - 1);

    function show(index) {
        current = Math.min(Math.max(index, 0), slides.length - 1);
        slides.forEach((slide, i) => { slide.hidden = i !== current; });
        counter.textContent = `${current + 1} / ${slides.length}`;
        history.replaceState(null, "", `#${current + 1}`);
    }

    document.addEventListener("keydown", (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        const moves = {
            ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
            ArrowLeft: -1, ArrowUp: -1, PageUp: -1,
        };
        if (event.key in moves) {
            event.preventDefault();
            show(current + moves[event.key]);
        } else if (event.key === "Home") {
            show(0);
        } else if (event.key === "End") {
            show(slides.length - 1);
        } else if (event.key === "Escape") {
            location.href = exitUrl;
        }
    });
    document.querySelector("[data-slide=previous]").addEventListener("click", () => show(current - 1));
    document.querySelector("[data-slide=next]").addEventListener("click", () => show(current + 1));
    show(current);
})();
