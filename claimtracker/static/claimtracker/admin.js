// Every admin page (templates/admin/base_site.html): give the search boxes that Django's
// autocomplete fields draw (select2) the name of their field, so screen readers announce
// them; select2 names them after their current value only, which is empty until one is chosen.
"use strict";
{
    function fieldName(select) {
        const label = select.id && document.querySelector(`label[for="${select.id}"]`);
        return (label && label.textContent.replace(/:\s*$/, "").trim()) || select.getAttribute("aria-label") || select.name;
    }

    function nameAutocompletes(root) {
        root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
            const container = select.nextElementSibling;
            if (!container || !container.classList.contains("select2")) {
                return;
            }
            const name = fieldName(select);
            container.querySelectorAll(".select2-selection, .select2-selection__rendered, .select2-search__field").forEach((element) => {
                element.setAttribute("aria-label", name);
            });
        });
    }

    // After Django's autocomplete.js has drawn them: its jQuery ready handler was registered
    // first, so it runs first.
    document.addEventListener("DOMContentLoaded", () => {
        if (window.django && window.django.jQuery) {
            window.django.jQuery(() => nameAutocompletes(document));
        }
    });
    window.addEventListener("load", () => nameAutocompletes(document));
    document.addEventListener("formset:added", (event) => setTimeout(() => nameAutocompletes(event.target)));
}
