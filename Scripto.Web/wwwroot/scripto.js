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

// The browser's zone in a cookie, for the next page the server renders: its first paint then shows the viewer's times,
// and the live page has no times to rewrite once it is up (ViewerClock). Written at every page load, so a changed zone
// shows from the next page on. IANA names only (Europe/Paris, America/Argentina/Buenos_Aires, Etc/GMT+5).
(() => {
    const zone = window.scripto.timeZone();
    if (typeof zone !== "string" || !/^[A-Za-z][A-Za-z0-9_+\/-]{0,63}$/.test(zone)) return;
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `scripto-tz=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
})();

// Blazor starts here (blazor.web.js has autostart="false"). Given the circuit's JS initializers (none: no library here
// ships a *.lib.module.js; PageStartTests checks that /_blazor/initializers answers []), it does not ask the server for
// them first, a round trip on the way to every live page.
Blazor.start({ circuit: { initializers: { beforeStart: [], afterStarted: [] } } });
