// The viewer's IANA time zone, so the server can show times as the viewer's clock reads them.
window.scripto = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    // Whether the system prefers the dark theme (MainLayout then renders MudBlazor's theme provider in it).
    prefersDark: () => matchMedia("(prefers-color-scheme: dark)").matches,
    // Copies a run's output; the Clipboard API needs a secure context (https, or this machine), else a hidden textarea.
    copy: async (text) => {
        if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
        const area = document.createElement("textarea");
        area.value = text;
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
    },
};

// The page's scripts (App.razor lists them in data-scripts: MudBlazor's, then Blazor's), run in that order as soon as
// they arrive. Inserted from here, at the top of the page's head, they do not wait for the stylesheets: Blazor can ask
// for its circuit while the browser still lays out and paints the prerendered page. Blazor itself waits for the page's
// DOMContentLoaded, which no longer waits for the stylesheets either.
(() => {
    const [mudBlazor, blazor] = document.currentScript.dataset.scripts.split(" ");
    const load = (src, autostart) => new Promise((loaded, failed) => {
        const script = document.createElement("script");
        script.src = src;
        script.async = false; // run in the order inserted
        script.fetchPriority = "high"; // as a script written in the page, not an inserted one's low
        if (autostart !== undefined) script.setAttribute("autostart", autostart);
        script.onload = loaded;
        script.onerror = failed;
        document.head.appendChild(script);
    });
    // Given the circuit's JS initializers (none: no library here ships a *.lib.module.js; PageStartTests checks that
    // /_blazor/initializers answers []), Blazor does not ask the server for them first, a round trip before every live page.
    Promise.all([load(mudBlazor), load(blazor, "false")])
        .then(() => Blazor.start({ circuit: { initializers: { beforeStart: [], afterStarted: [] } } }));
})();
