// How this page was written (App.razor): whether a circuit will make it live, and, on the dashboard, MudBlazor's script,
// which its page does not load (DashboardLayout runs none of it) but every other page's layout needs, and its whole
// stylesheet, of which the dashboard is written with the part it uses.
const page = document.currentScript.dataset;
let mudBlazor; // the promise of MudBlazor's script having run, once asked for

// Runs MudBlazor's script and puts its whole stylesheet in, once: at once where the page was written with them
// (window.mudPopover is its own; data-mudblazor-css is written only where the page has part of the sheet).
const loadMudBlazor = () => mudBlazor ??= Promise.all([loadMudBlazorScript(), loadMudBlazorSheet()]).catch(e => {
    mudBlazor = undefined;
    throw e;
});

const loadMudBlazorScript = () => window.mudPopover || !page.mudblazor ? Promise.resolve() : new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = page.mudblazor;
    script.onload = () => resolve();
    script.onerror = () => {
        script.remove();
        reject(new Error(`MudBlazor's script did not load (${page.mudblazor})`));
    };
    document.body.appendChild(script);
});

// The whole sheet goes where the dashboard's part of it is (App.razor), before the app's own sheet, which overrides
// some of MudBlazor's rules: appended at the end of the head, MudBlazor's would win those.
let mudBlazorSheet;
const loadMudBlazorSheet = () => !page.mudblazorCss ? Promise.resolve() : mudBlazorSheet ??= new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = page.mudblazorCss;
    link.onload = () => resolve();
    link.onerror = () => {
        link.remove();
        mudBlazorSheet = undefined;
        reject(new Error(`MudBlazor's stylesheet did not load (${page.mudblazorCss})`));
    };
    document.getElementById("scripto-mudblazor-css").after(link);
});

// The browser's IANA time zone (Europe/Paris, America/Argentina/Buenos_Aires, Etc/GMT+5).
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

// When the browser is next idle (or after half a second at most).
const whenIdle = () => new Promise(resolve => window.requestIdleCallback ? requestIdleCallback(() => resolve(), { timeout: 500 }) : setTimeout(resolve, 0));

window.scripto = {
    // The viewer's IANA time zone, so the server can show times as the viewer's clock reads them.
    timeZone: () => {
        const zone = browserZone();
        rememberZone(zone);
        return zone;
    },
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
    // Called by the layouts once the circuit's first render is in the page: what the page did not need to go live, when
    // the browser is next idle (the zone's cookie; on the dashboard, MudBlazor's script and whole stylesheet). Resolves
    // once MudBlazor's script has run and its stylesheet is in.
    afterFirstRender: async () => {
        await whenIdle();
        rememberZone();
        await loadMudBlazor();
    },
    // MudBlazor's script and stylesheet, now if they are not in yet: DashboardLayout waits for them before a move to
    // another page.
    mudBlazor: () => loadMudBlazor(),
};

// The browser's zone in a cookie, for the next page the server renders: its first paint then shows the viewer's times,
// and the live page has no times to rewrite once it is up (ViewerClock). Written at every page load, so a changed zone
// shows from the next page on. IANA names only (Europe/Paris, America/Argentina/Buenos_Aires, Etc/GMT+5).
// Not before the page is live: Intl's first use in a page loads ICU's data (40 ms of the page's main thread on a quiet
// machine, 100-150 under load, bench/README.md tenth pass), which the cookie does not need before the next page. So a
// live page writes it when its layout says the first render is in (afterFirstRender), or when the circuit asks for the
// zone (a first visit); a page without a circuit (signing in), at once.
function rememberZone(zone = browserZone()) {
    if (typeof zone !== "string" || !/^[A-Za-z][A-Za-z0-9_+\/-]{0,63}$/.test(zone)) return;
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `scripto-tz=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
}
if (!("circuit" in page)) rememberZone();

// Blazor starts here (blazor.web.js has autostart="false"). Given the circuit's JS initializers (none: no library here
// ships a *.lib.module.js; PageStartTests checks that /_blazor/initializers answers []), it does not ask the server for
// them first, a round trip on the way to every live page. On the dashboard (written without MudBlazor's script), without
// enhanced navigation: a link followed before the circuit is up loads its page anew, with the script, where enhanced
// navigation would fetch that page and patch it in without running it. Once the page is live, its interactive router
// moves between pages, and DashboardLayout waits for the script first.
Blazor.start({
    circuit: { initializers: { beforeStart: [], afterStarted: [] } },
    ssr: { disableDomPreservation: "mudblazor" in page },
});
