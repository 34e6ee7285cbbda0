namespace Clspd.Local.SignIn;

/// <summary>What an authorization code stands for until it is exchanged.</summary>
public sealed record CodeGrant(string ClientId, string RedirectUri, string Subject, string? Nonce, string CodeChallenge, DateTimeOffset ExpiresAt);
