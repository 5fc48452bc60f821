namespace Scripto.Core;

/// <summary>
/// A group of settings as the host binds them: from one configuration section, then checked, each problem one
/// sentence that names the setting and its value (a start refused for them prints them on one line).
/// </summary>
public interface ISettings
{
    /// <summary>The section the group is bound from; "" for the root, when its keys (named on its properties) live in several.</summary>
    static abstract string Section { get; }

    /// <summary>What is wrong with these settings, one sentence each naming the setting; none when they can be used.</summary>
    IReadOnlyList<string> Problems();
}
