namespace Clspd.Local.SignIn;

/// <summary>A token subject offered on the sign-in page, with who it is (a participant's name and function).</summary>
public sealed record KnownSubject(string Subject, string Label);
