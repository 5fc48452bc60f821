using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scripto.Core;

namespace Scripto.Web.Hosting;

/// <summary>
/// Every settings group is bound the one way: <c>AddOptions&lt;T&gt;().BindConfiguration(T.Section)</c>, checked by
/// its <see cref="ISettings.Problems"/> at start (<c>ValidateOnStart</c>). A bad value fails as an
/// <see cref="OptionsValidationException"/> whose failures each name the setting and the value; StartFailure prints them.
/// </summary>
internal static class Settings
{
    /// <summary>Binds the group, validated at start; resolve <c>IOptions&lt;T&gt;</c> (or T, for the groups registered as plain objects).</summary>
    public static void AddSettings<T>(this IServiceCollection services) where T : class, ISettings =>
        Bind<T>(services).ValidateOnStart();

    /// <summary>
    /// Binds the group as <see cref="AddSettings"/> does and gives it now: the wiring depends on some groups (which
    /// database; Core's singletons take them as plain objects), so a bad value stops the start here already.
    /// </summary>
    public static T AddSettingsNow<T>(this WebApplicationBuilder builder) where T : class, ISettings
    {
        builder.Services.AddSettings<T>();
        return Read<T>(builder.Configuration);
    }

    /// <summary>The group now, bound and validated as at start: for the commands that open the database without the host.</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, ISettings
    {
        using var services = Bind<T>(new ServiceCollection().AddSingleton(configuration)).Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<T>>().Value;
    }

    private static OptionsBuilder<T> Bind<T>(IServiceCollection services) where T : class, ISettings
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, ProblemsOf<T>>());
        return services.AddOptions<T>()
            .Configure<IConfiguration>((_, configuration) => AsWritten.Check(typeof(T), configuration, T.Section))
            .BindConfiguration(T.Section)
            .PostConfigure<IConfiguration>((options, configuration) => CommaSeparated(options, configuration, T.Section));
    }

    /// <summary>
    /// A list of texts may also be one comma-separated value (an environment variable, a command-line argument); the
    /// binder binds only the list form. Runs after binding, so that the group's Problems see every item.
    /// </summary>
    private static void CommaSeparated(object options, IConfiguration configuration, string section)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType != typeof(List<string>) || property.GetValue(options) is not List<string> { Count: 0 } list) continue;
            var setting = configuration.GetSection(section.Length == 0 ? property.Name : $"{section}:{property.Name}");
            if (setting.Value is { Length: > 0 } text)
                list.AddRange(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    private sealed class ProblemsOf<T> : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <summary>
    /// Values the binder cannot convert (a word where a whole number goes, a name no choice has): the binder's own
    /// exception does not say what would do, so they are refused first, as validation refuses, naming what would.
    /// </summary>
    private static class AsWritten
    {
        public static void Check(Type type, IConfiguration configuration, string section)
        {
            var problems = new List<string>();
            Collect(type, configuration, section, problems);
            if (problems.Count > 0) throw new OptionsValidationException(Options.DefaultName, type, problems);
        }

        private static void Collect(Type type, IConfiguration configuration, string path, List<string> problems)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is not { IsPublic: true } && !IsGroup(property.PropertyType)) continue;
                var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
                var setting = path.Length == 0 ? key : $"{path}:{key}";
                var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (IsGroup(valueType))
                {
                    Collect(valueType, configuration, setting, problems);
                    continue;
                }
                if (configuration[setting] is not { } text || (text.Length == 0 && valueType != property.PropertyType)) continue;
                if (valueType == typeof(int) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    problems.Add($"{setting} must be {property.GetCustomAttribute<MustBeAttribute>()?.What ?? "a whole number"}, not '{text}'.");
                else if (valueType.IsEnum && !(Enum.TryParse(valueType, text, ignoreCase: true, out var value) && Enum.IsDefined(valueType, value!)))
                    problems.Add($"{setting} must be {Choices(Enum.GetNames(valueType))}, not '{text}'.");
            }
        }

        /// <summary>A nested group of settings (Notifications:Smtp), not a value or a list.</summary>
        private static bool IsGroup(Type type) =>
            type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

        private static string Choices(string[] names) => names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }
}

/// <summary>What a setting must be, when its group's messages say more than "a whole number" (Limits).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MustBeAttribute(string what) : Attribute
{
    public string What => what;
}
