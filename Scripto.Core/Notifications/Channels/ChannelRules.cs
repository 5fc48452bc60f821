using System.Net.Mail;
using System.Text;
using Scripto.Core.Notifications.Formats;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Core.Notifications.Channels;

/// <summary>
/// The one rule set for a channel, used by the API and the Notifications page: every error names its field as the
/// API spells it, and a channel comes out only when there is none.
/// </summary>
public static class ChannelRules
{
    public const string GroupByServer = "server";
    public const string GroupByNone = "none";
    public const string GroupByTag = "tag";
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2048;
    public const int MaxListLength = 100;
    public static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>
    /// The channel <paramref name="input"/> describes, replacing <paramref name="existing"/> when given (a PUT): every
    /// field is the input's, except that a secret or token left out is kept.
    /// </summary>
    public static (Channel? Channel, IReadOnlyList<FieldError> Errors) Validate(ChannelInput input, Channel? existing = null)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new("name", "is required"));
        else if (name.Length > MaxNameLength) errors.Add(new("name", $"must be at most {MaxNameLength} characters"));
        else if (ScriptNames.NameError(name) is { } nameError) errors.Add(new("name", nameError));

        var kind = input.Kind?.Trim().ToLowerInvariant() ?? "";
        if (!ChannelKinds.All.Contains(kind))
            errors.Add(new("kind", kind.Length == 0 ? $"is required: one of {string.Join(", ", ChannelKinds.All)}" : $"must be one of {string.Join(", ", ChannelKinds.All)}"));

        var url = input.Url?.Trim();
        if (kind == ChannelKinds.Email)
        {
            if (!string.IsNullOrEmpty(url)) errors.Add(new("url", "does not apply to email: give the addresses in 'to'"));
            if (input.To is not { Count: > 0 }) errors.Add(new("to", "is required for email: one address or more"));
        }
        else if (kind.Length > 0)
        {
            if (string.IsNullOrEmpty(url)) errors.Add(new("url", $"is required for {kind}"));
            else if (UrlError(url) is { } urlError) errors.Add(new("url", urlError));
            if (input.To is { Count: > 0 }) errors.Add(new("to", "only applies to email"));
        }
        var to = (input.To ?? []).Select(a => a.Trim()).ToList();
        if (to.Count > MaxListLength) errors.Add(new("to", $"must list at most {MaxListLength} addresses"));
        foreach (var address in to.Where(a => !IsEmailAddress(a)).Take(1))
            errors.Add(new("to", $"'{Excerpt.Of(address, 60)}' is not an email address such as ops@example.com"));

        var secret = Blank(input.Secret) ? existing?.Secret : input.Secret;
        if (!Blank(input.Secret))
        {
            if (kind is not (ChannelKinds.Webhook or "")) errors.Add(new("secret", "only applies to webhook channels (it signs the body)"));
            else if (SecretError(input.Secret!) is { } secretError) errors.Add(new("secret", secretError));
        }
        var token = Blank(input.Token) ? existing?.Token : input.Token!.Trim();
        var chatId = input.ChatId?.Trim();
        if (NeedsToken(kind) && string.IsNullOrEmpty(token)) errors.Add(new("token", $"is required for {kind}"));
        if (!Blank(input.Token) && kind.Length > 0 && !TakesToken(kind)) errors.Add(new("token", "only applies to gotify, telegram and ntfy"));
        if (token is { Length: > 512 }) errors.Add(new("token", "must be at most 512 characters"));
        if (kind == ChannelKinds.Telegram && string.IsNullOrEmpty(chatId)) errors.Add(new("chat_id", "is required for telegram"));
        if (!string.IsNullOrEmpty(chatId) && kind.Length > 0 && kind != ChannelKinds.Telegram) errors.Add(new("chat_id", "only applies to telegram"));
        if (chatId is { Length: > 64 }) errors.Add(new("chat_id", "must be at most 64 characters"));

        var servers = (input.Servers ?? []).Select(s => s.Trim()).ToList();
        if (servers.Count > MaxListLength) errors.Add(new("servers", $"must list at most {MaxListLength} servers"));
        foreach (var error in servers.Select(ScriptNames.ServerError).OfType<string>().Take(1)) errors.Add(new("servers", error));
        var names = (input.Names ?? []).Select(s => s.Trim()).ToList();
        if (names.Count > MaxListLength) errors.Add(new("names", $"must list at most {MaxListLength} patterns"));
        foreach (var error in names.Select(ScriptNames.NameError).OfType<string>().Take(1)) errors.Add(new("names", error));
        var (tags, tagsError) = ScriptTags.Parse(string.Join(',', input.Tags ?? []));
        if (tagsError is not null) errors.Add(new("tags", tagsError));

        var groupBy = input.GroupBy?.Trim().ToLowerInvariant() ?? GroupByServer;
        if (groupBy is not (GroupByServer or GroupByNone or GroupByTag)) errors.Add(new("group_by", "must be server, tag or none"));

        var wait = Duration(input.GroupWait, "group_wait", DefaultGroupWait, TimeSpan.Zero, errors);
        var interval = Duration(input.GroupInterval, "group_interval", DefaultGroupInterval, TimeSpan.FromSeconds(1), errors);
        if (wait is { } w && interval is { } i && w > i) errors.Add(new("group_wait", $"must not be longer than group_interval ({ScheduleText.FormatInterval(i)})"));
        TimeSpan? repeat = null;
        if (input.RepeatInterval is null) repeat = kind.Length > 0 ? DefaultRepeat(kind) : null;
        else if (!input.RepeatInterval.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            repeat = Duration(input.RepeatInterval, "repeat_interval", null, TimeSpan.FromMinutes(1), errors, "or off");
            if (repeat is { } r && interval is { } gi && r < gi) errors.Add(new("repeat_interval", $"must not be shorter than group_interval ({ScheduleText.FormatInterval(gi)})"));
        }

        if (errors.Count > 0) return (null, errors);
        var channel = new Channel
        {
            Id = existing?.Id ?? 0, Name = name, Kind = kind, Url = kind == ChannelKinds.Email ? null : url, To = to,
            Secret = kind == ChannelKinds.Webhook ? secret : null, Token = TakesToken(kind) ? token : null,
            ChatId = kind == ChannelKinds.Telegram ? chatId : null, Servers = servers, Names = names, Tags = tags.ToList(), GroupBy = groupBy,
            GroupWaitSeconds = (long)wait!.Value.TotalSeconds, GroupIntervalSeconds = (long)interval!.Value.TotalSeconds,
            RepeatIntervalSeconds = repeat is { } rr ? (long)rr.TotalSeconds : null, SendResolved = input.SendResolved ?? true,
            Anomalies = input.Anomalies ?? false,
            // An edit is what a failing channel waits for: it gets its chance again.
            State = ChannelStates.Ok, LastError = null, CreatedAt = existing?.CreatedAt ?? default,
        };
        return (channel, errors);
    }

    private static bool NeedsToken(string kind) => kind is ChannelKinds.Gotify or ChannelKinds.Telegram;

    /// <summary>ntfy needs no token on an open topic, but a protected one takes an access token (sent as Bearer).</summary>
    private static bool TakesToken(string kind) => NeedsToken(kind) || kind == ChannelKinds.Ntfy;

    /// <summary>Reminders are off by default in chat (people scroll back), daily by email (people file mail away).</summary>
    public static TimeSpan? DefaultRepeat(string kind) => kind == ChannelKinds.Email ? TimeSpan.FromHours(24) : null;

    private static TimeSpan? Duration(string? text, string field, TimeSpan? fallback, TimeSpan min, List<FieldError> errors, string extra = "")
    {
        if (text is null) return fallback;
        var example = $"such as 30s, 5m or 1h30m{(extra.Length > 0 ? " " + extra : "")}";
        if (!ScheduleText.TryParseInterval(text, out var span, out _) || text.Trim().Length == 0)
        {
            errors.Add(new(field, $"must be a duration {example}"));
            return null;
        }
        if (span < min || span > MaxDuration)
        {
            errors.Add(new(field, $"must be from {ScheduleText.FormatInterval(min)} to 7d"));
            return null;
        }
        return span;
    }

    public static string? UrlError(string url)
    {
        if (url.Length > MaxUrlLength) return $"must be at most {MaxUrlLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return "must be an absolute http or https URL such as https://hooks.example/scripto";
        return null;
    }

    public static bool IsEmailAddress(string address) =>
        address.Length is > 0 and <= 254
        && MailAddress.TryCreate(address, out var parsed)
        && parsed.Address == address && parsed.DisplayName.Length == 0
        && address.IndexOf('@') is > 0 and var at && at < address.Length - 1;

    /// <summary>Standard Webhooks' whsec_ form (base64 after the prefix) or any text of 16 bytes or more.</summary>
    private static string? SecretError(string secret)
    {
        if (secret.Length > 256) return "must be at most 256 characters";
        if (secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            var key = secret["whsec_".Length..];
            var bytes = new byte[key.Length];
            return Convert.TryFromBase64String(key, bytes, out var length) && length >= 16
                ? null : "in the whsec_ form must be followed by the base64 of 16 bytes or more";
        }
        return Encoding.UTF8.GetByteCount(secret) >= 16 ? null : "must be 16 bytes or more (or whsec_ and base64)";
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

}
