namespace Clspd.Consent.Domain;

/// <summary>A notice rendered in French: plain text and a printable HTML page.</summary>
public sealed record NoticeRendering(string Text, string Html);
