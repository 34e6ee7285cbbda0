namespace Clspd.Local.SignIn;

/// <summary>Where the development sign-in listens, the one client it knows and how long what it issues lasts.</summary>
public sealed class SignInProviderOptions
{
    /// <summary>The client id of the console (<c>Web:ClientId</c>).</summary>
    public const string ConsoleClientId = "clspd-web";

    /// <summary>Where it listens: an http:// address on a loopback IP (start-up refuses anything else).</summary>
    public required Uri Listen { get; init; }

    /// <summary>The data directory whose local issuer signs the tokens (<c>issuer.pem</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The registered client.</summary>
    public string ClientId { get; init; } = ConsoleClientId;

    /// <summary>The registered client's only redirect URI (its OpenID Connect callback).</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>Where the client may be sent back after signing out; any other address gets a plain page.</summary>
    public Uri? PostLogoutRedirectUri { get; init; }

    /// <summary>How long an authorization code may be exchanged (once).</summary>
    public TimeSpan CodeLifetime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Lifetime of the access and ID tokens.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The clock of the codes and of the tokens' iat/exp (services check exp against their own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The subjects the sign-in page offers, read when the page is shown (besides <c>admin</c> and a free field).</summary>
    public Func<IReadOnlyList<KnownSubject>> Subjects { get; init; } = () => [];
}
