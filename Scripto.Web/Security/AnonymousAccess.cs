namespace Scripto.Web.Security;

/// <summary>Who may use Scripto without a key or signing in (<c>Security:Anonymous</c>).</summary>
public enum AnonymousAccess
{
    /// <summary>The default: requests from this machine only, as the original's development server was.</summary>
    Local,

    /// <summary>As Local, and anyone may read (a wall screen's dashboard).</summary>
    Read,

    /// <summary>Anyone may do anything: only when set explicitly, and said so at start.</summary>
    Full,

    /// <summary>Nobody: even on this machine, a key or a sign-in.</summary>
    None,
}
