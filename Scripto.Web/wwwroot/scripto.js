// The viewer's IANA time zone, so the server can show times as the viewer's clock reads them.
window.scripto = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};
